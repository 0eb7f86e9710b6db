// xinfang backup FILE: a consistent copy of the registry (SQLite), or the pg_dump command to use
// (PostgreSQL); xinfang migrate-to URL: move an SQLite registry onto a PostgreSQL server.
// Their examples are in ../examples.ts with every other command's.

import type { Command } from 'commander';
import { say, XinfangError } from '../../domain/errors.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';

export function defineBackup(program: Command, f: Factory): void {
  program
    .command('backup')
    .description(t2(f, '备份登记库：SQLite 登记库复制一份一致的副本；PostgreSQL 登记库给出应运行的 pg_dump 命令',
      'back the registry up: a consistent copy of an SQLite registry; for PostgreSQL, the pg_dump command to run'))
    .argument('<file>', t2(f, '备份文件（不会覆盖已有文件）', 'the backup file (an existing file is never overwritten)'))
    .addHelpText('after', t2(f,
      '\n备份可在其他人使用登记库时进行，并记入审计日志。备份中不含密钥：密钥文件须另行保管。',
      '\nThe copy can be taken while others work, and is recorded in the audit log. It does not hold the key: keep the key file apart.'))
    .action(async (file: string) => {
      const ctx = await f.context();
      const { backupRegistry } = await import('../../usecases/maintenance.js');
      const r = await backupRegistry(ctx, file);
      if (r.kind === 'command') {
        f.info(t2(f, 'PostgreSQL 登记库请用服务器自带的 pg_dump 备份（口令用 PGPASSWORD 或 ~/.pgpass 给出）：', 'back a PostgreSQL registry up with the server\'s own pg_dump (password via PGPASSWORD or ~/.pgpass):'));
        f.io.stdout.write(r.command + '\n');
        return;
      }
      f.io.stdout.write(r.path + '\n');
      f.info(t2(f, `已备份（${(r.bytes / 1048576).toFixed(1)} MB）。密钥不在备份中，请另行保管。`, `backed up (${(r.bytes / 1048576).toFixed(1)} MB). The key is not in the backup: keep it apart.`));
    });
}

export function defineMigrateTo(program: Command, f: Factory): void {
  program
    .command('migrate-to')
    .description(t2(f, '把 SQLite 登记库整体迁移到一个新建的空 PostgreSQL 数据库（同一密钥；迁移后校验审计链）',
      'move an SQLite registry into a new, empty PostgreSQL database (same key; the audit chain is verified after)'))
    .argument('<url>', t2(f, 'PostgreSQL 地址：postgres://用户:密码@主机:端口/数据库', 'PostgreSQL URL: postgres://user:password@host:port/database'))
    .option('--json', t2(f, '以 JSON 输出结果', 'print the result as JSON'))
    .addHelpText('after', t2(f,
      '\n迁移后，各台电脑用 --db 或 XINFANG_DB 指向该地址，并用 XINFANG_KEY_FILE（原登记库旁的 .key 文件）或 XINFANG_KEY 给出同一密钥。',
      '\nAfterwards every machine points --db or XINFANG_DB at the URL and gives the same key with XINFANG_KEY_FILE (the .key file beside the old registry) or XINFANG_KEY.'))
    .action(async (url: string, opts: { json?: boolean }) => {
      const ctx = await f.context();
      const { migrateToServer } = await import('../../usecases/maintenance.js');
      const r = await migrateToServer(ctx, url, (m) => f.warn(m));
      if (opts.json) f.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else {
        const rows = Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(', ');
        f.io.stdout.write(t2(f, `已迁移到 ${r.target}：${rows}\n`, `moved to ${r.target}: ${rows}\n`));
      }
      if (!r.verify.ok) {
        const where = r.verify.fault ? say(`第 ${r.verify.fault.seq} 条记录`, `entry ${r.verify.fault.seq}`) : say('数据与日志不符', 'rows differ from the log');
        throw new XinfangError('internal', say(`迁移后的审计链校验未通过（${where.zh}）`, `the copy's audit chain does not verify (${where.en})`));
      }
      f.info(t2(f, `审计链校验通过（${r.verify.checked} 条）。`, `audit chain verified (${r.verify.checked} entries).`));
    });
}

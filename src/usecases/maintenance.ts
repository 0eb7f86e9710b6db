// Backing a registry up, and moving an SQLite registry to a PostgreSQL server (SPEC 6, 8).

import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { integrityError, say, usageError, type Bilingual } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import { copyRegistry, type CopyCounts } from '../store/copy.js';
import type { BackupResult } from '../store/engine/engine.js';
import { isServerLocation, Registry } from '../store/registry.js';
import { type UseCaseContext } from './context.js';
import { verifyAuditLog, type VerifyResult } from './audit.js';

/**
 * SQLite: a consistent online copy of the registry at `dest` (owner-only; never over an existing
 * file), recorded in the audit log first so that the copy holds the entry too. PostgreSQL: the
 * pg_dump command to run. Errors: usage (exit 2) for an existing destination or a missing folder.
 */
export async function backupRegistry(ctx: UseCaseContext, dest: string): Promise<BackupResult> {
  if (ctx.registry.dialect === 'sqlite') {
    if (existsSync(dest)) {
      throw usageError(say(`备份文件已存在：${dest}（不会覆盖）`, `the backup file already exists: ${dest} (not overwritten)`), say('换一个文件名', 'choose another file name'));
    }
    const folder = dirname(dest);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw usageError(say(`备份文件所在的文件夹不存在：${folder}`, `the backup's folder does not exist: ${folder}`));
    }
    await ctx.registry.write((trx) => appendAudit(trx, { at: ctx.now(), operator: ctx.operator, action: 'backup', details: { to: dest } }).then(() => undefined));
  }
  if (ctx.registry.dialect === 'sqlite') {
    // Created owner-only before SQLite writes into it (SPEC 5: copies of reporter data are never readable by others).
    closeSync(openSync(dest, 'wx', 0o600));
  }
  return ctx.registry.backup(dest);
}

export interface MigrateResult {
  target: string;
  counts: CopyCounts;
  verify: VerifyResult;
}

/**
 * Copies the (SQLite) registry of `ctx` into the empty PostgreSQL database at `url`: items, events,
 * reporter blocks, the audit log and every other table, unchanged and under the same key; then
 * checks the copy's audit chain and row counts, and records the move in the copy's log.
 * Errors: usage (exit 2) when the source is not SQLite, the URL is not PostgreSQL, the target is not
 * empty, or the key cannot open the source's reporters.
 */
export async function migrateToServer(ctx: UseCaseContext, url: string, warn: (m: Bilingual) => void): Promise<MigrateResult> {
  if (ctx.registry.dialect !== 'sqlite') {
    throw usageError(say('migrate-to 只能从 SQLite 登记库文件迁出', 'migrate-to moves an SQLite registry file only'), say('用 --db 指定要迁移的登记库文件', 'point --db at the registry file to move'));
  }
  if (!isServerLocation(url)) {
    throw usageError(say(`目标必须是 PostgreSQL 地址（postgres://...），而不是“${url}”`, `the target must be a PostgreSQL URL (postgres://...), not "${url}"`));
  }
  // The key must open the source: the copy keeps the same key and the same sealed blocks.
  await ctx.vault();
  // Only a registry that verifies is moved: a copy would carry its altered rows or log over as the
  // server's, and the copy's own check would then fail with the target half-filled (SPEC 5).
  const source = await verifyAuditLog(ctx);
  if (!source.ok) {
    throw integrityError(
      say('要迁移的登记库没有通过 xinfang audit verify（记录或数据被改动过），不予迁移；目标数据库没有改动', 'the registry to move does not pass `xinfang audit verify` (its log or rows were altered); not moved, the target is unchanged'),
      say('先运行 xinfang audit verify 查看问题，从备份恢复后再迁移', 'run `xinfang audit verify` to see what is wrong, restore from a backup, then move it'),
    );
  }
  const target = await Registry.open(url, { create: true });
  ctx.registry.shareSigner(target);
  try {
    await target.migrate();
    const counts = await copyRegistry(ctx.registry, target);
    const verify = await verifyAuditLog({ registry: target, vault: ctx.vault });
    for (const [table, n] of Object.entries(counts)) {
      const r = await target.db.selectFrom(table as 'items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      if (Number(r?.n) !== n) warn(say(`复制后 ${table} 表的行数不一致：${n} → ${Number(r?.n)}`, `row count of ${table} differs after the copy: ${n} → ${Number(r?.n)}`));
    }
    if (verify.ok) {
      await target.write((trx) => appendAudit(trx, {
        at: ctx.now(), operator: ctx.operator, action: 'migrate-in', details: { from: ctx.registry.display, rows: counts },
      }).then(() => undefined));
    }
    return { target: target.display, counts, verify };
  } finally {
    await target.close();
  }
}

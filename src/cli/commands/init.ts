// xinfang init: create or upgrade the registry and its key; say where they are.

import type { Command } from 'commander';
import { osUser, type Factory } from '../factory.js';
import { t2 } from '../i18n.js';

export function defineInit(program: Command, f: Factory): void {
  program
    .command('init')
    .description(t2(f, '创建或升级登记库（可重复运行），并创建密钥文件', 'create or upgrade the registry (idempotent) and create its key'))
    .option('--json', t2(f, '以 JSON 输出结果', 'print the result as JSON'))
    .action(async (opts: { json?: boolean }) => {
      const location = f.dbLocation();
      const { initRegistry } = await import('../../usecases/init.js');
      const r = await initRegistry({ location, env: f.env, now: f.now, operator: f.operator(), osUser: osUser(), warn: (m) => f.warn(m) });
      if (opts.json) {
        f.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      const lines = [
        t2(f, `登记库：${r.registry}`, `registry: ${r.registry}`) +
          (r.created ? t2(f, '（新建）', ' (created)') : r.migrations.length ? t2(f, `（已升级：${r.migrations.join(', ')}）`, ` (upgraded: ${r.migrations.join(', ')})`) : t2(f, '（已是最新）', ' (up to date)')),
        r.key.source === 'env'
          ? t2(f, '密钥：来自环境变量 XINFANG_KEY', 'key: from XINFANG_KEY')
          : t2(f, `密钥：${r.key.path}${r.key.created ? '（新建，仅所有者可读写；请妥善备份，丢失后反映人信息无法恢复）' : ''}`,
              `key: ${r.key.path}${r.key.created ? ' (created, owner-only; back it up: without it no reporter can be read)' : ''}`),
      ];
      f.io.stdout.write(lines.join('\n') + '\n');
    });
}

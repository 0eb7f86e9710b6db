// xinfang audit log [CODE] / audit verify: read the audit log; check its hash chain.

import type { Command } from 'commander';
import type { AuditEntry } from '../../domain/audit.js';
import { say, XinfangError } from '../../domain/errors.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { addOutputOptions, emitListing, type OutputOptions } from '../render/output.js';
import { localTime } from '../render/time.js';
import { actionLabel } from './show.js';

export function defineAudit(program: Command, f: Factory): void {
  const audit = program
    .command('audit')
    .description(t2(f, '审计日志：查看与校验', 'the audit log: read and verify'));

  const log = audit
    .command('log')
    .description(t2(f, '列出审计日志（可只看一件信访件）', 'list the audit log (optionally for one item)'))
    .argument('[code]', t2(f, '信访件编号', 'item code'));
  addOutputOptions(log, f).action(async (code: string | undefined, opts: OutputOptions) => {
    const ctx = await f.context();
    const { readAuditLog } = await import('../../usecases/audit.js');
    let itemCode: string | undefined;
    if (code !== undefined) {
      const { requireItem } = await import('../../usecases/items.js');
      itemCode = (await requireItem(ctx, code)).stored.code;
    }
    const entries = await readAuditLog(ctx, itemCode);
    await emitListing<AuditEntry>(f, {
      columns: [
        { key: 'seq', header: say('序号', 'seq'), human: (e) => e.seq },
        { key: 'at', header: say('时间', 'at'), human: (e) => localTime(e.at), raw: (e) => e.at },
        { key: 'operator', header: say('经办人', 'operator'), human: (e) => e.operator },
        { key: 'action', header: say('事项', 'action'), human: (e) => actionLabel(e.action, f), raw: (e) => e.action },
        { key: 'itemCode', header: say('编号', 'item'), human: (e) => e.itemCode },
        { key: 'effective', header: say('生效日期', 'effective'), human: (e) => e.effective },
        { key: 'details', header: say('说明', 'details'), human: (e) => e.details, wide: true },
        { key: 'hash', header: say('哈希', 'hash'), human: (e) => e.hash.slice(0, 12), raw: (e) => e.hash },
      ],
      pages: [entries],
      toJson: (e) => ({ ...e, details: JSON.parse(e.details) }),
    }, opts);
  });

  audit
    .command('verify')
    .description(t2(f, '校验审计日志的哈希链，报告第一条被改动或缺失的记录', 'check the hash chain; report the first altered or missing entry'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .action(async (opts: { json?: boolean }) => {
      const ctx = await f.context();
      const { verifyAuditLog } = await import('../../usecases/audit.js');
      const r = await verifyAuditLog(ctx);
      if (opts.json) f.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
      if (r.ok) {
        if (!opts.json) f.io.stdout.write(t2(f, `审计日志完好：共 ${r.checked} 条，哈希链一致\n`, `audit log intact: ${r.checked} entries, hash chain consistent\n`));
        return;
      }
      const fault = r.fault!;
      const what = {
        altered: say(`第 ${fault.seq} 条记录被改动过`, `entry ${fault.seq} was altered`),
        relinked: say(`第 ${fault.seq} 条记录与前一条链接不上（前面的记录被改动、插入或删除）`, `entry ${fault.seq} does not link to the one before (an earlier entry was altered, inserted or removed)`),
        missing: say(`缺少第 ${'expectedSeq' in fault ? fault.expectedSeq : fault.seq} 条记录（下一条是第 ${fault.seq} 条）`, `entry ${'expectedSeq' in fault ? fault.expectedSeq : fault.seq} is missing (next is ${fault.seq})`),
        truncated: say(`日志末尾的记录被删除（从第 ${fault.seq} 条起）`, `the newest entries were removed (from entry ${fault.seq} on)`),
      }[fault.problem];
      throw new XinfangError('internal', say(`审计日志校验失败：${what.zh}`, `audit log check failed: ${what.en}`));
    });
}

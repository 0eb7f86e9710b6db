// xinfang reveal CODE --reason TEXT: one reporter's identity, recorded in the audit log.

import type { Command } from 'commander';
import { FIELD_LABELS } from '../../domain/item.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { renderRecord } from '../render/table.js';
import { humanRecord } from '../render/safe.js';

export function defineReveal(program: Command, f: Factory): void {
  program
    .command('reveal')
    .description(t2(f, '显示一件信访件的反映人身份（记入审计日志：谁、何时、为何）', 'show an item\'s reporter identity (audited: who, when, why)'))
    .argument('<code>', t2(f, '信访件编号', 'item code'))
    .requiredOption('--reason <text>', t2(f, '查看理由（必填，记入审计日志）', 'why (required; recorded in the audit log)'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .action(async (code: string, opts: { reason: string; json?: boolean }) => {
      const ctx = await f.context();
      const { revealReporter } = await import('../../usecases/items.js');
      const r = await revealReporter(ctx, code, opts.reason);
      if (opts.json) {
        f.io.stdout.write(JSON.stringify({
          code: r.code, realName: r.realName, reporterName: r.reporter.name ?? null, reporterId: r.reporter.idNumber ?? null,
          reporterPhone: r.reporter.phone ?? null, reporterAddress: r.reporter.address ?? null, sealed: r.reporter.sealed ?? {},
        }, null, 2) + '\n');
        return;
      }
      const none = t2(f, '（无）', '(none)');
      f.io.stdout.write(renderRecord(humanRecord([
        [f.t(FIELD_LABELS.code), r.code],
        [f.t(FIELD_LABELS.reporterName), r.reporter.name ?? none],
        [f.t(FIELD_LABELS.reporterId), r.reporter.idNumber ?? none],
        [f.t(FIELD_LABELS.reporterPhone), r.reporter.phone ?? none],
        [f.t(FIELD_LABELS.reporterAddress), r.reporter.address ?? none],
        // Columns imported with --map HEADER=sealed, under their own headers.
        ...Object.entries(r.reporter.sealed ?? {}),
      ])));
      f.info(t2(f, '已记入审计日志。', 'recorded in the audit log.'));
    });
}

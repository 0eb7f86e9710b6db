// xinfang show CODE: one item, reporter masked, with its full history.

import type { Command } from 'commander';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';
import { itemRecord } from '../render/items.js';
import { humanCell, humanRecord } from '../render/safe.js';
import { renderRecord, renderTable, terminalWidth } from '../render/table.js';
import { localTime } from '../render/time.js';
import { parseDate } from '../../domain/dates.js';
import { say, usageError } from '../../domain/errors.js';

export function defineShow(program: Command, f: Factory): void {
  program
    .command('show')
    .description(t2(f, '显示一件信访件（反映人信息已遮蔽）及其全部经过', 'show one item (reporter masked) with its full history'))
    .argument('<code>', t2(f, '信访件编号，如 2016-0012', 'item code, e.g. 2016-0012'))
    .option('--as-of <date>', t2(f, '按该日的状态（默认今天）', 'state as of this date (default today)'))
    .option('--as-known-at <time>', t2(f, '只计该时间前记录的决定（日期或时间）', 'count only decisions recorded by then (a date or a time)'))
    .option('--json', t2(f, '以 JSON 输出（含 history）', 'print as JSON (with history)'))
    .action(async (code: string, opts: { asOf?: string; asKnownAt?: string; json?: boolean }) => {
      const asOf = opts.asOf !== undefined ? dateOption('--as-of', opts.asOf) : undefined;
      const knownAt = opts.asKnownAt !== undefined ? await knownAtOption('--as-known-at', opts.asKnownAt) : undefined;
      const ctx = await f.context();
      const { showItem } = await import('../../usecases/items.js');
      const d = await showItem(ctx, code, asOf, knownAt);
      if (opts.json) {
        f.io.stdout.write(JSON.stringify({ ...d.item, createdAt: d.createdAt, createdBy: d.createdBy, events: d.events, history: d.history.map(({ osUser: _, ...h }) => h) }, null, 2) + '\n');
        return;
      }
      // Summaries, imported columns, reasons and operators come from outside: shown safely (SPEC 5).
      const events = new Map(d.events.map((e) => [e.id, e]));
      // A decision's entry reads as its event (labels, not codes); others as a short phrase.
      const { auditActionLabel, auditDetailsText, operatorText } = await import('../render/history.js');
      let out = renderRecord(humanRecord(itemRecord(d.item, f.lang)));
      out += '\n' + t2(f, '经过：', 'History:') + '\n';
      out += await renderTable(
        [t2(f, '记录时间', 'recorded'), t2(f, '生效日期', 'effective'), t2(f, '经办人', 'operator'), t2(f, '事项', 'action'), t2(f, '说明', 'details')],
        d.history.map((h) => [localTime(h.at), h.on ?? '', operatorText(h.operator, h.osUser, f.lang), auditActionLabel(h.action, f.lang), auditDetailsText(h.action, h.details, f.lang, typeof h.details.event === 'number' ? events.get(h.details.event) : undefined)].map(humanCell)),
        { tty: f.io.stdoutIsTTY, color: f.color(), width: terminalWidth(f.io.stdout, f.env), wide: [false, false, false, false, true] },
      );
      f.io.stdout.write(out);
    });
}

async function knownAtOption(flag: string, value: string): Promise<string> {
  const { parseKnownAt } = await import('../../domain/events.js');
  const k = parseKnownAt(value, (s) => { const p = parseDate(s); return p.ok ? p.date : undefined; });
  if (k === undefined) throw usageError(say(`${flag} “${value}”：应为日期或时间（如 2016-07-01 或 2016-07-01T09:30）`, `${flag} "${value}": expected a date or a time (e.g. 2016-07-01 or 2016-07-01T09:30)`));
  return k;
}

// xinfang overdue [--as-of DATE]: every missed deadline (SPEC 4, 6): item, which deadline, due
// date, days late; in any listing format (`--json` for scripts).

import type { Command } from 'commander';
import type { DEADLINE_LABELS } from '../../domain/deadlines.js';
import { say } from '../../domain/errors.js';
import type { OverdueEntry } from '../../usecases/overdue.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';
import type { Listing } from '../render/listing.js';
import { addOutputOptions, emitListing, type OutputOptions } from '../render/output.js';
import { examplesHelp } from './decision.js';

function overdueListing(pages: AsyncIterable<OverdueEntry[]>, labels: typeof DEADLINE_LABELS): Listing<OverdueEntry> {
  return {
    columns: [
      { key: 'item', header: say('编号', 'item'), human: (r) => r.item },
      { key: 'received', header: say('收件日期', 'received'), human: (r) => r.received },
      { key: 'deadline', header: say('时限', 'deadline'), human: (r, lang) => labels[r.deadline][lang], raw: (r) => r.deadline },
      { key: 'due', header: say('到期日', 'due'), human: (r) => r.due },
      { key: 'daysLate', header: say('逾期天数', 'days late'), human: (r) => r.daysLate },
    ],
    pages,
  };
}

export function defineOverdue(program: Command, f: Factory): void {
  const cmd = program.command('overdue')
    .description(t2(f, '列出已超过的时限：信访件、时限、到期日、逾期天数', 'every missed deadline: item, deadline, due date, days late'))
    .option('--as-of <date>', t2(f, '按该日计算（默认今天）', 'as of this date (default today)'));
  addOutputOptions(cmd, f)
    .addHelpText('after', examplesHelp(f, [
      ['xinfang overdue', 'xinfang overdue'],
      ['xinfang overdue --as-of 2016-06-30 --json', 'xinfang overdue --as-of 2016-06-30 --json'],
    ]))
    .action(async (opts: OutputOptions & { asOf?: string }) => {
      const asOf = opts.asOf !== undefined ? dateOption('--as-of', opts.asOf) : undefined;
      const ctx = await f.context();
      const { overduePages } = await import('../../usecases/overdue.js');
      const { DEADLINE_LABELS } = await import('../../domain/deadlines.js');
      const count = await emitListing(f, overdueListing(overduePages(ctx, { asOf }), DEADLINE_LABELS), opts);
      if (count === 0 && (opts.format ?? 'table') === 'table' && !opts.json) f.info(say('没有超过时限的信访件', 'no missed deadlines'));
    });
}

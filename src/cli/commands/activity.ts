// xinfang activity add --kind KIND --on DATE [--count N] [--note]: outreach work (visits,
// investigation and research reports, bulletins) that reports count by its own date (SPEC 2.5).

import type { Command } from 'commander';
import { nonEmpty } from '../../domain/text.js';
import { vocab } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedOption, dateOption, positiveIntOption } from '../options.js';
import { examplesHelp } from './decision.js';

export function defineActivity(program: Command, f: Factory): void {
  const activity = program.command('activity').description(t2(f, '下访与调研等工作（计入报表）', 'outreach work counted in reports'));
  activity.command('add')
    .description(t2(f, '记录一项（或几项同类）工作', 'record outreach work'))
    .requiredOption('--kind <kind>', t2(f, `类型：${vocab.activity.accepted('zh')}`, `kind: ${vocab.activity.accepted('en')}`))
    .option('--on <date>', t2(f, '日期（默认今天）', 'date (default today)'))
    .option('--count <n>', t2(f, '次数（默认 1）', 'how many (default 1)'))
    .option('--note <text>', t2(f, '说明', 'note'))
    .option('--json', t2(f, '以 JSON 输出', 'print as JSON'))
    .addHelpText('after', examplesHelp(f, [
      ['xinfang activity add --kind 下访 --on 2016-06-15 --count 3 --note "赴某乡接访"', 'xinfang activity add --kind visit --on 2016-06-15 --count 3 --note "receiving visitors in a township"'],
      ['xinfang activity add --kind 工作简报 --on 2016-06-30', 'xinfang activity add --kind bulletin --on 2016-06-30'],
    ]))
    .action(async (o: { kind: string; on?: string; count?: string; note?: string; json?: boolean }) => {
      const kind = codedOption('--kind', o.kind, vocab.activity);
      const on = o.on !== undefined ? dateOption('--on', o.on) : undefined;
      const count = o.count !== undefined ? positiveIntOption('--count', o.count) : 1;
      const ctx = await f.context();
      const { addActivity } = await import('../../usecases/decide.js');
      const a = await addActivity(ctx, { kind, on, count, note: nonEmpty(o.note) });
      if (o.json) f.io.stdout.write(JSON.stringify(a, null, 2) + '\n');
      else f.io.stdout.write(`${vocab.activity.label(a.kind, f.lang)} × ${a.count}${t2(f, `（${a.on}）`, ` (${a.on})`)}\n`);
    });
}

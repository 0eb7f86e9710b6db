// xinfang dup mark|clear|dismiss: duplicate decisions (SPEC 3), and dup scan: the candidate pairs
// not yet decided (SPEC 6; src/usecases/dupscan.ts).

import type { Command } from 'commander';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { decisionCommand, examplesHelp, requiredText, runDecision, type DecisionFlags } from './decision.js';
import { localDate } from '../../domain/dates.js';
import { periodOption, positiveIntOption } from '../options.js';
import { addOutputOptions, emitListing, resolveFormat, type OutputOptions } from '../render/output.js';
import type { DupCandidate } from '../../usecases/dupscan.js';

/** The `dup` command group, created once. */
export function dupGroup(program: Command, f: Factory): Command {
  return program.commands.find((c) => c.name() === 'dup')
    ?? program.command('dup').description(t2(f, '重复件：查找、认定、撤销、排除', 'duplicates: scan, mark, clear, dismiss'));
}

export function defineDup(program: Command, f: Factory): void {
  const dup = dupGroup(program, f);
  decisionCommand(dup, f, 'mark', ['认定为较早收到的信访件的重复件', 'mark an item as a duplicate of an earlier one'], [
    ['xinfang dup mark 2016-0005 --of 2016-0001', 'xinfang dup mark 2016-0005 --of 2016-0001'],
    ['xinfang dup mark 2016-0005 --of 2016-0001 --on 2016-06-21 --note "同一举报人再次来信"', 'xinfang dup mark 2016-0005 --of 2016-0001 --on 2016-06-21 --note "the same reporter wrote again"'],
  ]).requiredOption('--of <original>', t2(f, '原件编号（较早收到、本身不是重复件）', 'code of the original (received earlier, not itself a duplicate)'))
    .action(async (code: string, o: DecisionFlags & { of: string }) => {
      await runDecision(f, code, o, { kind: 'duplicate', of: requiredText('--of', o.of) });
    });
  decisionCommand(dup, f, 'clear', ['撤销重复件认定', 'clear a duplicate mark'], [
    ['xinfang dup clear 2016-0005 --note "经核对不是同一事项"', 'xinfang dup clear 2016-0005 --note "not the same matter after all"'],
  ]).action(async (code: string, o: DecisionFlags) => {
    await runDecision(f, code, o, { kind: 'duplicate-clear' });
  });
  decisionCommand(dup, f, 'dismiss', ['认定两件不是重复件（不再作为候选提出）', 'decide two items are not duplicates (the pair is not proposed again)'], [
    ['xinfang dup dismiss 2016-0007 --of 2016-0002', 'xinfang dup dismiss 2016-0007 --of 2016-0002'],
  ]).requiredOption('--of <other>', t2(f, '另一件的编号', 'code of the other item'))
    .action(async (code: string, o: DecisionFlags & { of: string }) => {
      await runDecision(f, code, o, { kind: 'duplicate-dismiss', other: requiredText('--of', o.of) });
    });
  defineDupScan(dup, f);
}

/**
 * `dup scan [--period P] [--threshold T] [--limit N]` and the output options (SPEC 6): the
 * undecided candidate pairs; JSON `[{ item, original, score, reasons }]` with reason codes, the
 * table with their labels.
 */
function defineDupScan(dup: Command, f: Factory): void {
  const cmd = dup.command('scan')
    .description(t2(f, '查找尚未认定的疑似重复件（较晚的一件、原件、得分、理由）', 'find candidate duplicate pairs not yet decided (later item, original, score, reasons)'))
    .option('--period <period>', t2(f, '只看这一期间收到的较晚一件：2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd', 'only later items received in period: 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd'))
    .option('--threshold <score>', t2(f, '最低得分，0.3 到 1（默认 0.6）', 'lowest score, 0.3 to 1 (default 0.6)'))
    .option('--limit <n>', t2(f, '最多显示条数', 'at most this many pairs'));
  addOutputOptions(cmd, f)
    .addHelpText('after', examplesHelp(f, [
      ['xinfang dup scan --period 2016', 'xinfang dup scan --period 2016'],
      ['xinfang dup scan --threshold 0.8 --json', 'xinfang dup scan --threshold 0.8 --json'],
    ]))
    .action(async (o: OutputOptions & { period?: string; threshold?: string; limit?: string }) => {
      const { scanDuplicates, checkThreshold } = await import('../../usecases/dupscan.js');
      const { reasonLabel } = await import('../../domain/similarity.js');
      const period = o.period !== undefined ? periodOption('--period', o.period, localDate(f.now())) : undefined;
      const threshold = o.threshold !== undefined ? checkThreshold(Number(o.threshold.trim() === '' ? NaN : o.threshold)) : undefined;
      const limit = o.limit !== undefined ? positiveIntOption('--limit', o.limit) : undefined;
      const ctx = await f.context();
      const r = await scanDuplicates(ctx, { period, threshold, limit });
      if (r.index.signed > 0) f.info(t2(f, `查重索引：新增 ${r.index.signed} 件`, `duplicate index: ${r.index.signed} items added`));
      // Nothing to propose, shown on the terminal (a table to stdout): the message alone, no empty
      // table header above it. JSON, CSV, Markdown and files still get their (empty) document.
      if (r.candidates.length === 0 && resolveFormat(o) === 'table' && (o.output === undefined || o.output === '-')) {
        f.info(t2(f, '没有待认定的疑似重复件', 'no candidate duplicates to decide'));
        return;
      }
      const count = await emitListing<DupCandidate>(f, {
        columns: [
          { key: 'item', header: { zh: '信访件', en: 'item' }, human: (c) => c.item },
          { key: 'original', header: { zh: '原件', en: 'original' }, human: (c) => c.original },
          { key: 'score', header: { zh: '得分', en: 'score' }, human: (c) => c.score.toFixed(2), raw: (c) => c.score },
          { key: 'reasons', header: { zh: '理由', en: 'reasons' }, human: (c, lang) => c.reasons.map((x) => reasonLabel(x, lang)).join(lang === 'zh' ? '、' : ', '), raw: (c) => c.reasons.join(' ') },
        ],
        pages: [r.candidates],
        toJson: (c) => ({ item: c.item, original: c.original, score: c.score, reasons: c.reasons }),
      }, o);
      if (count === 0 && !o.json && (o.format ?? 'table') === 'table') f.info(t2(f, '没有待认定的疑似重复件', 'no candidate duplicates to decide'));
    });
}

// xinfang amend CODE --FIELD VALUE --reason TEXT and xinfang void CODE --reason TEXT: correcting a
// registered field, and voiding an item registered in error (SPEC 3). Both audited; the old
// values stay in the history.

import type { Command } from 'commander';
import { FIELD_LABELS } from '../../domain/item.js';
import { nonEmpty } from '../../domain/text.js';
import type { AmendableField } from '../../usecases/decide.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { examplesHelp, printDecision, requiredText } from './decision.js';

/** JSON key → flag, in the order help lists them. */
const FLAGS: readonly (readonly [AmendableField, string])[] = [
  ['received', '--received <date>'], ['source', '--source <source>'], ['forwardedBy', '--forwarded-by <organ>'], ['ref', '--ref <ref>'],
  ['channel', '--channel <channel>'], ['kind', '--kind <kind>'], ['category', '--category <text>'], ['summary', '--summary <text>'],
  ['realName', '--real-name <yes|no>'], ['accusedName', '--accused-name <name>'], ['accusedUnit', '--accused-unit <unit>'],
  ['accusedPost', '--accused-post <post>'], ['accusedRank', '--accused-rank <rank>'],
];

interface CorrectionFlags { reason: string; note?: string; json?: boolean }

export function defineCorrections(program: Command, f: Factory): void {
  const amend = program.command('amend')
    .description(t2(f, '更正登记错误的字段（原值保留在经过中）', 'correct a mistyped registered field (the old value stays in the history)'))
    .argument('<code>', t2(f, '信访件编号', 'item code'));
  for (const [field, flag] of FLAGS) {
    const l = FIELD_LABELS[field];
    amend.option(flag, t2(f, `新的${l.zh}（空串清除）`, `new ${l.en} (an empty string clears it)`));
  }
  amend.requiredOption('--reason <text>', t2(f, '更正理由（必填）', 'why (required)'))
    .option('--note <text>', t2(f, '说明', 'note'))
    .option('--json', t2(f, '以 JSON 输出事件与信访件', 'print the event and the item as JSON'))
    .addHelpText('after', examplesHelp(f, [
      ['xinfang amend 2016-0012 --received 2016-06-03 --reason "收件日期录入错误"', 'xinfang amend 2016-0012 --received 2016-06-03 --reason "received date mistyped"'],
      ['xinfang amend 2016-0012 --accused-unit 某县交通运输局 --reason "单位名称笔误"', 'xinfang amend 2016-0012 --accused-unit 某县交通运输局 --reason "unit misspelt"'],
    ]))
    .action(async (code: string, o: CorrectionFlags & Record<string, string | boolean | undefined>) => {
      const reason = requiredText('--reason', o.reason);
      const changes: Partial<Record<AmendableField, string>> = {};
      for (const [field] of FLAGS) {
        const v = o[field];
        if (typeof v === 'string') changes[field] = v;
      }
      const ctx = await f.context();
      const { amendItem } = await import('../../usecases/decide.js');
      await printDecision(f, await amendItem(ctx, code, changes, reason, nonEmpty(o.note)), o.json);
    });

  program.command('void')
    .description(t2(f, '作废登记错误的信访件（保留编号，不再列出、不计入任何统计）', 'void an item registered in error (keeps its code; not listed, counted nowhere)'))
    .argument('<code>', t2(f, '信访件编号', 'item code'))
    .requiredOption('--reason <text>', t2(f, '作废理由（必填）', 'why (required)'))
    .option('--note <text>', t2(f, '说明', 'note'))
    .option('--json', t2(f, '以 JSON 输出事件与信访件', 'print the event and the item as JSON'))
    .addHelpText('after', examplesHelp(f, [
      ['xinfang void 2016-0013 --reason "同一来信重复登记"', 'xinfang void 2016-0013 --reason "the same letter registered twice"'],
      ['xinfang list --include-void --status 已作废', 'xinfang list --include-void --status void'],
    ]))
    .action(async (code: string, o: CorrectionFlags) => {
      const reason = requiredText('--reason', o.reason);
      const ctx = await f.context();
      const { voidItem } = await import('../../usecases/decide.js');
      await printDecision(f, await voidItem(ctx, code, reason, nonEmpty(o.note)), o.json);
    });
}

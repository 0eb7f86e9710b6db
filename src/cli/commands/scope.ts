// xinfang scope out|in: not for the office to handle — out of scope (业务范围外, with the
// department it belongs to) or without substance (无实质内容) — or back in scope (SPEC 3).

import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import { nonEmpty } from '../../domain/text.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineScope(program: Command, f: Factory): void {
  const scope = program.command('scope').description(t2(f, '不予受理（业务范围外、无实质内容）或恢复受理', 'out of scope, without substance, or back in scope'));
  decisionCommand(scope, f, 'out', ['认定为业务范围外（--refer-to 转交部门）或无实质内容（--no-substance）', 'out of scope (--refer-to the department) or without substance (--no-substance)'], [
    ['xinfang scope out 2016-0009 --refer-to 县信访局 --reason "反映征地补偿，不属纪检监察职责"', 'xinfang scope out 2016-0009 --refer-to 县信访局 --reason "land compensation: not a discipline matter"'],
    ['xinfang scope out 2016-0010 --no-substance --reason "无具体人和事"', 'xinfang scope out 2016-0010 --no-substance --reason "no concrete person or fact"'],
  ]).option('--refer-to <dept>', t2(f, '应转交的部门（业务范围外）', 'the department it belongs to (out of scope)'))
    .option('--no-substance', t2(f, '无实质内容（没有具体的人和事可查）', 'without substance (no concrete person or fact to act on)'))
    .requiredOption('--reason <text>', t2(f, '理由（必填）', 'reason (required)'))
    .action(async (code: string, o: DecisionFlags & { referTo?: string; substance?: boolean; reason: string }) => {
      const referTo = nonEmpty(o.referTo);
      const noSubstance = o.substance === false;
      if (noSubstance === (referTo !== undefined)) {
        throw usageError(
          say('给出 --refer-to 部门（业务范围外）或 --no-substance（无实质内容），二者选一', 'give either --refer-to DEPT (out of scope) or --no-substance (without substance), one of the two'),
          say('例如：xinfang scope out 2016-0009 --refer-to 县信访局 --reason 理由', 'e.g. xinfang scope out 2016-0009 --refer-to 县信访局 --reason TEXT'),
        );
      }
      const reason = requiredText('--reason', o.reason);
      await runDecision(f, code, o, noSubstance
        ? { kind: 'scope-out', scope: 'no-substance', referTo: null, reason }
        : { kind: 'scope-out', scope: 'out-of-scope', referTo: referTo!, reason });
    });
  decisionCommand(scope, f, 'in', ['恢复受理（撤销不予受理的认定）', 'back in scope (undo an out-of-scope decision)'], [
    ['xinfang scope in 2016-0009 --note "补充材料后属于受理范围"', 'xinfang scope in 2016-0009 --note "in scope after new material"'],
  ]).action(async (code: string, o: DecisionFlags) => {
    await runDecision(f, code, o, { kind: 'scope-in' });
  });
}

// xinfang dup mark|clear|dismiss: duplicate decisions (SPEC 3). `dup scan` (candidate pairs) is
// another module's; both hang under the one `dup` command, whichever is defined first.

import type { Command } from 'commander';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

/** The `dup` command group, created once. */
export function dupGroup(program: Command, f: Factory): Command {
  return program.commands.find((c) => c.name() === 'dup')
    ?? program.command('dup').description(t2(f, '重复件：认定、撤销、排除', 'duplicates: mark, clear, dismiss'));
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
}

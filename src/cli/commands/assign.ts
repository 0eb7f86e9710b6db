// xinfang assign CODE --to OFFICE [--due DATE]: hand an item to a supervision office (交办, SPEC 3).

import type { Command } from 'commander';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineAssign(program: Command, f: Factory): void {
  decisionCommand(program, f, 'assign', ['交办给承办部门（监察室）', 'hand an item to a supervision office'], [
    ['xinfang assign 2016-0012 --to 第一监察室 --due 2016-08-31', 'xinfang assign 2016-0012 --to 第一监察室 --due 2016-08-31'],
    ['xinfang assign 2016-0012 --to 第二监察室              # 未定期限：按设置 deadline.handle 计算', 'xinfang assign 2016-0012 --to 第二监察室              # no due date: deadline.handle days'],
  ]).requiredOption('--to <office>', t2(f, '承办部门', 'the office'))
    .option('--due <date>', t2(f, '办理期限', 'due date'))
    .action(async (code: string, o: DecisionFlags & { to: string; due?: string }) => {
      // A --due before the assignment's date (given or today) is refused by the rules (exit 4, SPEC 3).
      const due = o.due !== undefined ? dateOption('--due', o.due) : null;
      await runDecision(f, code, o, { kind: 'assign', office: requiredText('--to', o.to), due });
    });
}

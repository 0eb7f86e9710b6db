// xinfang supervise CODE --method M --note TEXT [--due DATE] and xinfang extend CODE --days N
// --reason TEXT: supervision of the handling (督办) and the one extension per assignment (SPEC 3, 4).

import type { Command } from 'commander';
import { vocab } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedOption, dateOption, positiveIntOption } from '../options.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineSupervise(program: Command, f: Factory): void {
  decisionCommand(program, f, 'supervise', ['督办：方式、情况，可给新期限', 'supervise: method, what was done, optionally a new due date'], [
    ['xinfang supervise 2016-0012 --method 交办通知单 --note "发督办通知，要求月底前报结果"', 'xinfang supervise 2016-0012 --method notice --note "notice sent: report by month end"'],
    ['xinfang supervise 2016-0012 --method 听取汇报 --note "听取进展汇报" --due 2016-09-15', 'xinfang supervise 2016-0012 --method report --note "progress heard" --due 2016-09-15'],
  ], { noteRequired: true }).requiredOption('--method <method>', t2(f, `方式：${vocab.method.accepted('zh')}`, `method: ${vocab.method.accepted('en')}`))
    .option('--due <date>', t2(f, '新的办理期限', 'new due date'))
    .action(async (code: string, o: DecisionFlags & { method: string; due?: string }) => {
      requiredText('--note', o.note);
      await runDecision(f, code, o, { kind: 'supervise', method: codedOption('--method', o.method, vocab.method), due: o.due !== undefined ? dateOption('--due', o.due) : null });
    });
  decisionCommand(program, f, 'extend', ['延长办理期限（每次交办一次，天数上限见 deadline.extension）', 'extend the handling deadline (once per assignment, up to deadline.extension days)'], [
    ['xinfang extend 2016-0012 --days 30 --reason "涉及人员多，需延期核实"', 'xinfang extend 2016-0012 --days 30 --reason "many people involved"'],
  ]).requiredOption('--days <n>', t2(f, '延长的天数', 'days to add'))
    .requiredOption('--reason <text>', t2(f, '理由（必填）', 'reason (required)'))
    .action(async (code: string, o: DecisionFlags & { days: string; reason: string }) => {
      await runDecision(f, code, o, { kind: 'extend', days: positiveIntOption('--days', o.days), reason: requiredText('--reason', o.reason) });
    });
}

// xinfang instruct CODE --by NAME --text TEXT: the leader's instruction (领导批示, SPEC 3).

import type { Command } from 'commander';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineInstruct(program: Command, f: Factory): void {
  decisionCommand(program, f, 'instruct', ['记录领导批示', 'record a leader\'s instruction'], [
    ['xinfang instruct 2016-0012 --by 李书记 --text "请第一监察室初核，一个月内报结果"', 'xinfang instruct 2016-0012 --by 李书记 --text "first office to verify; report within a month"'],
  ]).requiredOption('--by <name>', t2(f, '批示领导', 'who instructed'))
    .requiredOption('--text <text>', t2(f, '批示内容', 'the instruction'))
    .action(async (code: string, o: DecisionFlags & { by: string; text: string }) => {
      await runDecision(f, code, o, { kind: 'instruct', by: requiredText('--by', o.by), text: requiredText('--text', o.text) });
    });
}

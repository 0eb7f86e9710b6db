// xinfang notify CODE [--method M] and xinfang reply CODE --method M --text TEXT: telling a
// real-name reporter of the acceptance (受理告知) and of the result (答复, needs a conclusion).

import type { Command } from 'commander';
import { vocab } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedOption } from '../options.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineNotify(program: Command, f: Factory): void {
  const methods = t2(f, `方式：${vocab.method.accepted('zh')}`, `method: ${vocab.method.accepted('en')}`);
  decisionCommand(program, f, 'notify', ['告知实名反映人已受理（仅实名件）', 'tell a real-name reporter the item is accepted (real-name only)'], [
    ['xinfang notify 2016-0012 --method 电话', 'xinfang notify 2016-0012 --method phone'],
  ]).option('--method <method>', methods)
    .action(async (code: string, o: DecisionFlags & { method?: string }) => {
      await runDecision(f, code, o, { kind: 'notify', method: o.method !== undefined ? codedOption('--method', o.method, vocab.method) : null });
    });
  decisionCommand(program, f, 'reply', ['向实名反映人答复办理结果（需已办结）', 'reply with the result to a real-name reporter (needs a conclusion)'], [
    ['xinfang reply 2016-0012 --method 当面 --text "已当面告知核实结果，反映人表示认可"', 'xinfang reply 2016-0012 --method in-person --text "told the result in person; accepted"'],
  ]).requiredOption('--method <method>', methods)
    .requiredOption('--text <text>', t2(f, '答复内容', 'what was said'))
    .action(async (code: string, o: DecisionFlags & { method: string; text: string }) => {
      await runDecision(f, code, o, { kind: 'reply', method: codedOption('--method', o.method, vocab.method), text: requiredText('--text', o.text) });
    });
}

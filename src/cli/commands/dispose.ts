// xinfang dispose CODE --as DISPOSAL: one of the five ways of disposing a problem clue (SPEC 2.4).

import type { Command } from 'commander';
import { vocab } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedOption } from '../options.js';
import { decisionCommand, runDecision, type DecisionFlags } from './decision.js';

export function defineDispose(program: Command, f: Factory): void {
  decisionCommand(program, f, 'dispose', ['确定处置方式（五种之一；后一次决定取代前一次）', 'choose the disposal (one of five; a later one supersedes)'], [
    ['xinfang dispose 2016-0012 --as 初步核实', 'xinfang dispose 2016-0012 --as verify'],
    ['xinfang dispose 2016-0013 --as 谈话函询 --on 2016-06-21 --note "经室务会研究"', 'xinfang dispose 2016-0013 --as inquire --on 2016-06-21 --note "decided at the office meeting"'],
  ]).requiredOption('--as <disposal>', t2(f, `处置方式：${vocab.disposal.accepted('zh')}`, `disposal: ${vocab.disposal.accepted('en')}`))
    .action(async (code: string, o: DecisionFlags & { as: string }) => {
      await runDecision(f, code, o, { kind: 'dispose', disposal: codedOption('--as', o.as, vocab.disposal) });
    });
}

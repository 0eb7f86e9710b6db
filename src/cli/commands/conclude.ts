// xinfang conclude CODE --result RESULT and xinfang sanction CODE --person NAME --kind KIND: what
// the handling found (办结), including a case filed after verification, and sanctions (SPEC 3).

import type { Command } from 'commander';
import { SUGGESTED_SANCTIONS, vocab } from '../../domain/vocabulary.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { codedOption } from '../options.js';
import { decisionCommand, requiredText, runDecision, type DecisionFlags } from './decision.js';

export function defineConclude(program: Command, f: Factory): void {
  decisionCommand(program, f, 'conclude', ['办结：办理结果（需已确定处置方式）', 'conclude with the result (needs a disposal)'], [
    ['xinfang conclude 2016-0012 --result 部分属实 --note "已责令退还礼金"', 'xinfang conclude 2016-0012 --result partly --note "gifts ordered returned"'],
    ['xinfang conclude 2016-0014 --result 立案审查              # 初核后立案：是办理结果，不是第二次处置', 'xinfang conclude 2016-0014 --result case-filed            # a case filed after verification is a result, not a second disposal'],
  ]).requiredOption('--result <result>', t2(f, `办理结果：${vocab.result.accepted('zh')}`, `result: ${vocab.result.accepted('en')}`))
    .action(async (code: string, o: DecisionFlags & { result: string }) => {
      await runDecision(f, code, o, { kind: 'conclude', result: codedOption('--result', o.result, vocab.result) });
    });
  decisionCommand(program, f, 'sanction', ['记录处理处分（每人一条）', 'record a sanction (one per person)'], [
    ['xinfang sanction 2016-0012 --person 张某 --kind 诫勉谈话', 'xinfang sanction 2016-0012 --person 张某 --kind 诫勉谈话'],
  ]).requiredOption('--person <name>', t2(f, '受处理人', 'the person sanctioned'))
    .requiredOption('--kind <kind>', t2(f, `处理处分种类，如 ${SUGGESTED_SANCTIONS.join('、')}`, `kind of sanction, e.g. ${SUGGESTED_SANCTIONS.join(', ')}`))
    .action(async (code: string, o: DecisionFlags & { person: string; kind: string }) => {
      await runDecision(f, code, o, { kind: 'sanction', person: requiredText('--person', o.person), sanction: requiredText('--kind', o.kind) });
    });
}

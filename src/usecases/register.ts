// Register one item: validate, seal the reporter, assign the next code of its year, log it.

import { buildDraft, type Problem, type RawDraft } from '../domain/draft.js';
import { refused, say, usageError } from '../domain/errors.js';
import { FIELD_LABELS, type ItemView } from '../domain/item.js';
import { appendAudit } from '../store/audit.js';
import { sameReference } from '../store/events.js';
import { insertItem, rowToItem } from '../store/items.js';
import { rowRecord } from '../store/row-digests.js';
import { today, type UseCaseContext } from './context.js';
import { likelyOriginals, type LikelyOriginal } from './dupscan.js';
import { itemView } from './views.js';

export interface RegisterResult {
  item: ItemView;
  warnings: Problem[];
  /** Codes of the likely originals (below), best first. */
  possibleDuplicates: string[];
  /**
   * Earlier items this one may duplicate (SPEC 7: the same reporter by keyed hash, or the same
   * accused in the same folded unit), each pointed at its original, with the score and why.
   */
  likelyOriginals: LikelyOriginal[];
}

export async function registerItem(ctx: UseCaseContext, raw: RawDraft): Promise<RegisterResult> {
  const result = buildDraft(raw, {}, { today: today(ctx), requireSummary: true });
  if (!result.draft) throw invalidInput(result.problems);
  const draft = result.draft;
  const vault = await ctx.vault();
  const now = ctx.now();
  const { row, similar } = await ctx.registry.write(async (trx) => {
    if (draft.forwardedBy && draft.ref) {
      // One forwarded case is one item (SPEC 7), its reference compared folded.
      const taken = await sameReference(trx, draft.forwardedBy, draft.ref, -1);
      if (taken) {
        throw refused(
          say(`${draft.forwardedBy} ${draft.ref} 已登记为 ${taken}：同一来文不能登记两次`, `${draft.forwardedBy} ${draft.ref} is registered already as ${taken}: one forwarded case is one item`),
          say(`查看已登记的件：xinfang show ${taken}（同一问题另有来文编号的，照常登记后认定重复：xinfang dup mark 新编号 --of ${taken}）`, `see it with xinfang show ${taken} (a repeat under a reference of its own is registered, then marked: xinfang dup mark NEW --of ${taken})`),
        );
      }
    }
    const row = await insertItem(trx, vault, draft, { at: now.toISOString(), operator: ctx.operator, via: 'register' });
    // A registration writes and is audited, so reporter matches may be shown (SPEC 5); the entry
    // says which items it was shown as sharing the reporter.
    const similar = await likelyOriginals(trx, {
      id: row.id, received: row.received, accusedName: draft.accusedName, accusedUnit: draft.accusedUnit, summary: draft.summary,
      reporterIdHash: row.reporter_id_hash, reporterPhoneHash: row.reporter_phone_hash,
    }, { byReporter: true });
    const sameReporter = similar.filter((o) => o.reasons.includes('same-reporter')).map((o) => o.code);
    await appendAudit(trx, {
      at: now, operator: ctx.operator, action: 'register', itemCode: row.code, effective: row.received,
      details: {
        source: row.source, ...(sameReporter.length > 0 ? { sameReporterAs: sameReporter } : {}),
        wrote: await rowRecord(trx, vault.rowDigester(), ['items', row.id], ['intakes', row.intake_id]),
      },
    });
    return { row, similar };
  });
  const stored = rowToItem({ ...row, intake_at: now.toISOString(), intake_operator: ctx.operator }, draft.reporter);
  return { item: itemView(stored, [], today(ctx)), warnings: result.warnings, possibleDuplicates: similar.map((o) => o.code), likelyOriginals: similar };
}

export function invalidInput(problems: readonly Problem[]) {
  const lines = problems.map((p) => {
    const l = FIELD_LABELS[p.field];
    const v = p.value === '' ? '' : `“${p.value}”`;
    return say(`${l.zh}${v ? ' ' + v : ''}：${p.message.zh}`, `${l.en}${p.value ? ` "${p.value}"` : ''}: ${p.message.en}`);
  });
  const first = lines[0] ?? say('输入无效', 'invalid input');
  return usageError(first, undefined, lines.slice(1));
}

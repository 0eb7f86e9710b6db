// Recording decisions about items (SPEC 3): each one an event with its effective date, checked
// against the rules at that date and every later one, written with its audit entry in one
// transaction. Also the corrections (amend, void) and outreach activities.

import { buildDraft, type RawDraft } from '../domain/draft.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { extensionProblem } from '../domain/deadlines.js';
import { notFound, refused, say, usageError } from '../domain/errors.js';
import { stateAt, targetOf, type Decision, type FieldChange, type ItemEvent } from '../domain/events.js';
import { contentText, storedIdentityKey } from '../domain/identity.js';
import { formatCode, parseCode, type DraftField, type ItemView } from '../domain/item.js';
import { checkAmendment, checkDecision, extensionBase, type DuplicateNeighbours, type ItemHistory } from '../domain/rules.js';
import type { ActivityKind } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.js';
import { replacedRecord, rowRecord, storedRowDigest } from '../store/row-digests.js';
import {
  duplicatePointers, eventsByItem, insertActivity, insertDismissal, insertEvent, itemFactsByCode, itemFactsByIds,
  sameReference, updateItemFields, type Activity, type AmendableColumns, type ItemFactsRow,
} from '../store/events.js';
import type { Db } from '../store/registry.js';
import { today, type UseCaseContext } from './context.js';
import { requireItem } from './items.js';
import { readSettings } from './settings.js';
import { itemView } from './views.js';

/** What a command asks for: a decision, except that an extension gives days and the due date follows. */
export type DecisionRequest =
  | Exclude<Decision, { kind: 'extend' } | { kind: 'amend' } | { kind: 'void' }>
  | { kind: 'extend'; days: number; reason: string };

export interface DecisionOptions {
  /** Effective date; today when omitted. */
  on?: IsoDate;
  note?: string;
}

export interface DecisionResult {
  event: ItemEvent;
  /** The item with its state today, after the decision. */
  item: ItemView;
}

interface Loaded extends ItemHistory {
  id: number;
}

async function loadFacts(trx: Db, code: string): Promise<ItemFactsRow> {
  const parsed = parseCode(code);
  if (!parsed) {
    throw usageError(say(`编号“${code}”格式不对（应为 年份-序号，如 2016-0012）`, `"${code}" is not an item code (expected YEAR-NUMBER, e.g. 2016-0012)`));
  }
  const facts = await itemFactsByCode(trx, parsed.year, parsed.seq);
  if (!facts) {
    const canonical = formatCode(parsed.year, parsed.seq);
    throw notFound(say(`没有编号为 ${canonical} 的信访件`, `no item ${canonical}`), say('用 xinfang list 查找编号', 'find codes with `xinfang list`'));
  }
  return facts;
}

async function histories(trx: Db, facts: readonly ItemFactsRow[]): Promise<Loaded[]> {
  const events = await eventsByItem(trx, facts.map((f) => f.id));
  return facts.map((f) => ({ id: f.id, item: { code: f.code, received: f.received, realName: f.realName }, events: events.get(f.id) ?? [] }));
}

/**
 * The items a duplicate rule looks at: every item `h` is or would be marked a duplicate of, and
 * every item ever marked a duplicate of `h`.
 */
async function neighboursOf(trx: Db, h: Loaded, extraOriginal?: ItemFactsRow): Promise<DuplicateNeighbours> {
  const originalCodes = new Set(h.events.filter((e) => e.kind === 'duplicate').map((e) => targetOf(e)!));
  const originals: ItemFactsRow[] = extraOriginal ? [extraOriginal] : [];
  for (const code of originalCodes) {
    if (code === extraOriginal?.code) continue;
    const p = parseCode(code)!;
    const f = await itemFactsByCode(trx, p.year, p.seq);
    if (f) originals.push(f);
  }
  const pointers = [...(await itemFactsByIds(trx, await duplicatePointers(trx, h.id))).values()];
  return { originals: await histories(trx, originals.filter((o) => o.id !== h.id)), duplicates: await histories(trx, pointers) };
}

/**
 * Records one decision on item `code`. Throws usageError (bad code or date), notFound (no such
 * item, or no such other item), refused (a rule of SPEC 3, naming it and what to do instead);
 * on any of these nothing is written.
 */
export async function decide(ctx: UseCaseContext, code: string, request: DecisionRequest, o: DecisionOptions = {}): Promise<DecisionResult> {
  const now = ctx.now();
  const day = today(ctx);
  const on = o.on ?? day;
  const settings = request.kind === 'extend' ? await readSettings(ctx) : undefined;
  if (request.kind === 'extend') {
    const problem = extensionProblem(request.days, settings!.deadlines.extension, false);
    if (problem) throw refused(problem, say('设置可延期的最多天数：xinfang config set deadline.extension 天数', 'the longest extension is a setting: xinfang config set deadline.extension DAYS'));
  }
  const event = await ctx.registry.write(async (trx) => {
    const [h] = await histories(trx, [await loadFacts(trx, code)]);
    const item = h!;
    let decision: Decision;
    let other: ItemFactsRow | undefined;
    if (request.kind === 'extend') {
      const base = extensionBase(item.events, on, settings!.deadlines.handle);
      decision = { kind: 'extend', days: request.days, reason: request.reason, due: base ? addDays(base, request.days) : on };
    } else {
      decision = request;
    }
    const otherCode = targetOf(decision);
    if (otherCode !== null) other = await loadFacts(trx, otherCode);
    const proposed = { ...decision, id: Number.MAX_SAFE_INTEGER, on, at: now.toISOString(), operator: ctx.operator, note: o.note ?? null } as ItemEvent;
    const neighbours = decision.kind === 'duplicate' ? await neighboursOf(trx, item, other) : undefined;
    checkDecision(item, proposed, day, neighbours);
    if (decision.kind === 'duplicate-dismiss' && other) {
      const [o2] = await histories(trx, [other]);
      if (stateAt(o2!.events, { asOf: on }).duplicateOf === item.item.code) {
        throw refused(
          say(`${other.code} 在 ${on} 已被认定为 ${item.item.code} 的重复件，不能同时排除重复`, `${other.code} is marked a duplicate of ${item.item.code} on ${on}: the pair cannot also be dismissed`),
          say(`先撤销认定：xinfang dup clear ${other.code}`, `clear the mark first: xinfang dup clear ${other.code}`),
        );
      }
    }
    const e = await insertEvent(trx, item.id, other?.id ?? null, decision, { on, at: now.toISOString(), operator: ctx.operator, note: o.note ?? null });
    if (decision.kind === 'duplicate-dismiss' && other) await insertDismissal(trx, item.id, other.id, e.id);
    await appendAudit(trx, { at: now, operator: ctx.operator, action: decision.kind, itemCode: item.item.code, effective: on, details: await auditDetails(ctx, trx, e) });
    return e;
  });
  return { event, item: await viewToday(ctx, code) };
}

/**
 * What the audit entry of an event says: its id and payload (codes, not labels) and note, and the
 * event row's digest (SPEC 5: `audit verify` checks the row against it), read back in `trx`.
 */
async function auditDetails(ctx: UseCaseContext, trx: Db, e: ItemEvent, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const { id, on: _on, at: _at, operator: _op, kind: _kind, note, ...payload } = e;
  return { event: id, ...payload, ...(note ? { note } : {}), ...extra, wrote: await rowRecord(trx, (await ctx.vault()).rowDigester(), ['events', id]) };
}

async function viewToday(ctx: UseCaseContext, code: string): Promise<ItemView> {
  const { stored, events } = await requireItem(ctx, code);
  return itemView(stored, events, today(ctx));
}

/**
 * Voids an item registered in error (SPEC 3): it keeps its code, leaves listings and counts at
 * every date (as known from now on). Refused when it is void already or has duplicates.
 */
export async function voidItem(ctx: UseCaseContext, code: string, reason: string, note?: string): Promise<DecisionResult> {
  return decideCorrection(ctx, code, { kind: 'void', reason }, note);
}

async function decideCorrection(ctx: UseCaseContext, code: string, decision: Decision, note?: string): Promise<DecisionResult> {
  const now = ctx.now();
  const day = today(ctx);
  const event = await ctx.registry.write(async (trx) => {
    const [item] = await histories(trx, [await loadFacts(trx, code)]);
    const proposed = { ...decision, id: Number.MAX_SAFE_INTEGER, on: day, at: now.toISOString(), operator: ctx.operator, note: note ?? null } as ItemEvent;
    checkDecision(item!, proposed, day, await neighboursOf(trx, item!));
    const e = await insertEvent(trx, item!.id, null, decision, { on: day, at: now.toISOString(), operator: ctx.operator, note: note ?? null });
    await appendAudit(trx, { at: now, operator: ctx.operator, action: decision.kind, itemCode: item!.item.code, effective: day, details: await auditDetails(ctx, trx, e) });
    return e;
  });
  return { event, item: await viewToday(ctx, code) };
}

/** Registered fields `amend` corrects (JSON keys), and the column each is stored in. Reporter fields are sealed and not among them. */
export const AMENDABLE: Readonly<Record<string, keyof AmendableColumns>> = {
  received: 'received', source: 'source', forwardedBy: 'forwarded_by', ref: 'ref', channel: 'channel', kind: 'kind',
  category: 'category', summary: 'summary', realName: 'real_name', accusedName: 'accused_name', accusedUnit: 'accused_unit',
  accusedPost: 'accused_post', accusedRank: 'accused_rank',
};
export type AmendableField = keyof typeof AMENDABLE & DraftField;

/**
 * Corrects registered fields of item `code` (SPEC 3 `amend`): `changes` maps JSON keys to the
 * new values as typed (checked like a registration: dates, codes, 是/否; empty text clears an
 * optional field). The old values stay in the history (an `amend` event and its audit entry).
 * The item keeps its code even when its received year changes, and its import fingerprint,
 * so that re-importing the original row still finds it. Throws usageError for a bad value or
 * nothing to change, refused for a rule (see checkAmendment) or a reference already registered.
 */
export async function amendItem(ctx: UseCaseContext, code: string, changes: Partial<Record<AmendableField, string>>, reason: string, note?: string): Promise<DecisionResult> {
  const fields = Object.keys(changes) as AmendableField[];
  if (fields.length === 0) {
    // The flags as the clerk types them (forwardedBy → --forwarded-by), not the JSON keys.
    const flags = Object.keys(AMENDABLE).map((k) => '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
    throw usageError(say('没有要更正的字段', 'nothing to amend'), say(`给出要更正的字段，如 --received 2016-06-21（可更正：${flags.join('、')}）`, `give the fields to correct, e.g. --received 2016-06-21 (amendable: ${flags.join(', ')})`));
  }
  const { stored } = await requireItem(ctx, code);
  const day = today(ctx);
  const asText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  const raw: RawDraft = {
    received: stored.received, source: stored.source, forwardedBy: stored.forwardedBy, ref: stored.ref, channel: stored.channel,
    kind: stored.kind, category: stored.category, summary: stored.summary, realName: asText(stored.realName),
    reporterName: stored.reporter.name, reporterId: stored.reporter.idNumber, reporterPhone: stored.reporter.phone, reporterAddress: stored.reporter.address,
    accusedName: stored.accusedName, accusedUnit: stored.accusedUnit, accusedPost: stored.accusedPost, accusedRank: stored.accusedRank,
  };
  for (const f of fields) raw[f] = changes[f];
  const built = buildDraft(raw, stored.extra, { today: day, requireSummary: false });
  if (!built.draft) {
    const { invalidInput } = await import('./register.js');
    throw invalidInput(built.problems);
  }
  const next = built.draft;
  const before: Record<AmendableField, unknown> = { ...stored, realName: stored.realName } as never;
  const after: Record<AmendableField, unknown> = { ...next } as never;
  const diff: FieldChange[] = [];
  const cols: AmendableColumns = {};
  for (const f of fields) {
    const from = before[f] ?? null;
    const to = after[f] ?? null;
    if (from === to) continue;
    diff.push({ field: f, from: from === null ? null : asText(from), to: to === null ? null : asText(to) });
    (cols as Record<string, unknown>)[AMENDABLE[f]!] = f === 'realName' ? (to ? 1 : 0) : to;
  }
  if (diff.length === 0) throw usageError(say(`${stored.code} 的这些字段已是所给的值，无需更正`, `${stored.code} already has these values: nothing to amend`));
  const now = ctx.now();
  const event = await ctx.registry.write(async (trx) => {
    const [item] = await histories(trx, [await loadFacts(trx, code)]);
    checkAmendment(item!, { received: cols.received, realName: cols.real_name === undefined ? undefined : cols.real_name === 1 }, day, await neighboursOf(trx, item!));
    if ((cols.forwarded_by !== undefined || cols.ref !== undefined) && next.forwardedBy && next.ref) {
      const taken = await sameReference(trx, next.forwardedBy, next.ref, item!.id);
      if (taken) {
        throw refused(say(`${next.forwardedBy} ${next.ref} 已登记为 ${taken}：同一来文不能登记两次`, `${next.forwardedBy} ${next.ref} is registered already as ${taken}: one forwarded case is one item`),
          say(`若 ${stored.code} 是重复登记，作废它：xinfang void ${stored.code} --reason 理由`, `if ${stored.code} was registered twice, void it: xinfang void ${stored.code} --reason TEXT`));
      }
    }
    // The item row changes: its entry records the row's digest before and after (SPEC 5), so that
    // the entry that wrote the item stays checkable.
    const digester = (await ctx.vault()).rowDigester();
    const from = await storedRowDigest(trx, digester, 'items', item!.id);
    // A corrected organ or reference is the item's identity from now on (SPEC 7): its folded key,
    // and the content fingerprint a re-import of the corrected case compares, follow it. (Other
    // corrections keep the fingerprint, so that re-importing the original row still finds the item.)
    if (cols.forwarded_by !== undefined || cols.ref !== undefined) {
      cols.ref_key = storedIdentityKey(next.forwardedBy, next.ref);
      cols.fingerprint = (await ctx.vault()).digest(contentText(next));
    }
    await updateItemFields(trx, item!.id, cols);
    const to = await storedRowDigest(trx, digester, 'items', item!.id);
    const decision: Decision = { kind: 'amend', changes: diff, reason };
    const e = await insertEvent(trx, item!.id, null, decision, { on: day, at: now.toISOString(), operator: ctx.operator, note: note ?? null });
    await appendAudit(trx, {
      at: now, operator: ctx.operator, action: 'amend', itemCode: item!.item.code, effective: day,
      details: await auditDetails(ctx, trx, e, { replaced: replacedRecord(item!.id, from!, to!) }),
    });
    return e;
  });
  return { event, item: await viewToday(ctx, code) };
}

/** Records outreach work (SPEC 2.5) on a date, not in the future; audited. */
export async function addActivity(ctx: UseCaseContext, a: { kind: ActivityKind; on?: IsoDate; count: number; note?: string }): Promise<Activity> {
  const now = ctx.now();
  const day = today(ctx);
  const on = a.on ?? day;
  if (on > day) throw usageError(say(`日期 ${on} 在今天（${day}）之后`, `the date ${on} is after today (${day})`));
  return ctx.registry.write(async (trx) => {
    const act = await insertActivity(trx, { kind: a.kind, on, count: a.count, note: a.note ?? null, at: now.toISOString(), operator: ctx.operator });
    await appendAudit(trx, {
      at: now, operator: ctx.operator, action: 'activity', effective: on,
      details: {
        activity: act.id, kind: a.kind, count: a.count, ...(a.note ? { note: a.note } : {}),
        wrote: await rowRecord(trx, (await ctx.vault()).rowDigester(), ['activities', act.id]),
      },
    });
    return act;
  });
}

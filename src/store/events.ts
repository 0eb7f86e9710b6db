// Decision events, outreach activities and dismissed duplicate pairs in the registry, and the
// set-based "state as of D, as known at K" query for many items at once.
//
// Each event kind's payload is spread over the columns the state query reads (`value`: the coded
// value or the office; `target_id`: the other item; `due`) and a JSON `data` column for the
// rest (texts, reasons). The state query is the SQL twin of `stateAt` in src/domain/events.ts
// (see its header for the one definition); test/store/state-as-of.test.ts checks that they agree.

import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import { TRIAGE_KINDS, type Decision, type EventMeta, type ItemEvent, type ItemState } from '../domain/events.js';
import type { ActivityKind, Disposal, Method, Result, Scope, Status } from '../domain/vocabulary.js';
import { storedIdentityKey } from '../domain/identity.js';
import { nextId } from './ids.js';
import { refreshItemState } from './item-state.js';
import type { Db } from './registry.js';
import type { Database, Dialect } from './schema.js';

// --- payload <-> columns ------------------------------------------------------------------------

interface EventColumns {
  kind: string;
  value: string | null;
  due: string | null;
  data: string | null;
}

function columnsOf(d: Decision): EventColumns {
  const c = (value: string | null, due: string | null = null, data?: Record<string, unknown>): EventColumns => ({
    kind: d.kind, value, due, data: data ? JSON.stringify(data) : null,
  });
  switch (d.kind) {
    case 'duplicate': case 'duplicate-clear': case 'duplicate-dismiss': case 'scope-in': return c(null);
    case 'scope-out': return c(d.scope, null, { referTo: d.referTo, reason: d.reason });
    case 'instruct': return c(d.by, null, { text: d.text });
    case 'assign': return c(d.office, d.due);
    case 'dispose': return c(d.disposal);
    case 'conclude': return c(d.result);
    case 'sanction': return c(d.sanction, null, { person: d.person });
    case 'notify': return c(d.method);
    case 'reply': return c(d.method, null, { text: d.text });
    case 'supervise': return c(d.method, d.due);
    case 'extend': return c(null, d.due, { days: d.days, reason: d.reason });
    case 'amend': return c(null, null, { changes: d.changes, reason: d.reason });
    case 'void': return c(null, null, { reason: d.reason });
  }
}

interface EventRow {
  id: number; kind: string; on_date: string; at: string; operator: string; target_code: string | null;
  value: string | null; due: string | null; note: string | null; data: string | null;
}

function decisionOf(r: EventRow): Decision {
  const data = (r.data ? JSON.parse(r.data) : {}) as Record<string, any>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (r.kind) {
    case 'duplicate': return { kind: 'duplicate', of: r.target_code ?? '' };
    case 'duplicate-clear': return { kind: 'duplicate-clear' };
    case 'duplicate-dismiss': return { kind: 'duplicate-dismiss', other: r.target_code ?? '' };
    case 'scope-out':
      return r.value === 'no-substance'
        ? { kind: 'scope-out', scope: 'no-substance', referTo: null, reason: str(data.reason) }
        : { kind: 'scope-out', scope: 'out-of-scope', referTo: str(data.referTo), reason: str(data.reason) };
    case 'scope-in': return { kind: 'scope-in' };
    case 'instruct': return { kind: 'instruct', by: r.value ?? '', text: str(data.text) };
    case 'assign': return { kind: 'assign', office: r.value ?? '', due: r.due };
    case 'dispose': return { kind: 'dispose', disposal: r.value as Disposal };
    case 'conclude': return { kind: 'conclude', result: r.value as Result };
    case 'sanction': return { kind: 'sanction', sanction: r.value ?? '', person: str(data.person) };
    case 'notify': return { kind: 'notify', method: r.value as Method | null };
    case 'reply': return { kind: 'reply', method: r.value as Method, text: str(data.text) };
    case 'supervise': return { kind: 'supervise', method: r.value as Method, due: r.due };
    case 'extend': return { kind: 'extend', days: Number(data.days), reason: str(data.reason), due: r.due ?? '' };
    case 'amend': return { kind: 'amend', changes: Array.isArray(data.changes) ? data.changes : [], reason: str(data.reason) };
    case 'void': return { kind: 'void', reason: str(data.reason) };
    default: throw new Error(`unknown event kind in the registry: ${r.kind}`);
  }
}

function toEvent(r: EventRow): ItemEvent {
  const meta: EventMeta = { id: Number(r.id), on: r.on_date, at: r.at, operator: r.operator, note: r.note };
  return { ...decisionOf(r), ...meta } as ItemEvent;
}

// --- writing and reading events -----------------------------------------------------------------

/**
 * Records one event of item `itemId` (the other item of a duplicate mark or dismissal as
 * `targetId`). Call inside Registry.write; returns the event with its id.
 */
export async function insertEvent(trx: Db, itemId: number, targetId: number | null, d: Decision, m: Omit<EventMeta, 'id'>): Promise<ItemEvent> {
  const id = await nextId(trx, 'events');
  const c = columnsOf(d);
  await trx.insertInto('events').values({
    id, item_id: itemId, kind: c.kind, on_date: m.on, at: m.at, operator: m.operator, target_id: targetId,
    value: c.value, due: c.due, note: m.note, data: c.data,
  }).execute();
  await refreshItemState(trx, [itemId]);
  return { ...d, ...m, id } as ItemEvent;
}

/** Events of the given items, by item id, in recorded order. */
export async function eventsByItem(db: Db, itemIds: readonly number[]): Promise<Map<number, ItemEvent[]>> {
  const out = new Map<number, ItemEvent[]>();
  const CHUNK = 500;
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const rows = await db.selectFrom('events as e')
      .leftJoin('items as t', 't.id', 'e.target_id')
      .select(['e.id', 'e.item_id', 'e.kind', 'e.on_date', 'e.at', 'e.operator', 't.code as target_code', 'e.value', 'e.due', 'e.note', 'e.data'])
      .where('e.item_id', 'in', itemIds.slice(i, i + CHUNK))
      .orderBy('e.id')
      .execute();
    for (const r of rows) {
      const list = out.get(Number(r.item_id)) ?? [];
      list.push(toEvent(r as EventRow));
      out.set(Number(r.item_id), list);
    }
  }
  return out;
}

/** Ids of the items that have ever been marked a duplicate of item `itemId`. */
export async function duplicatePointers(db: Db, itemId: number): Promise<number[]> {
  const rows = await db.selectFrom('events').select('item_id').distinct()
    .where('target_id', '=', itemId).where('kind', '=', 'duplicate').execute();
  return rows.map((r) => Number(r.item_id));
}

/** Records that two items are not duplicates of each other (idempotent). Call inside Registry.write. */
export async function insertDismissal(trx: Db, a: number, b: number, eventId: number): Promise<void> {
  await trx.insertInto('duplicate_dismissals')
    .values({ low_id: Math.min(a, b), high_id: Math.max(a, b), event_id: eventId })
    .onConflict((oc) => oc.columns(['low_id', 'high_id']).doNothing())
    .execute();
}

/** Whether the pair was dismissed as not duplicates (either order). */
export async function isDismissed(db: Db, a: number, b: number): Promise<boolean> {
  const r = await db.selectFrom('duplicate_dismissals').select('event_id')
    .where('low_id', '=', Math.min(a, b)).where('high_id', '=', Math.max(a, b)).executeTakeFirst();
  return r !== undefined;
}

/** Every dismissed pair, as [lower id, higher id], for `dup scan` to skip. */
export async function dismissedPairs(db: Db): Promise<[number, number][]> {
  const rows = await db.selectFrom('duplicate_dismissals').select(['low_id', 'high_id']).execute();
  return rows.map((r) => [Number(r.low_id), Number(r.high_id)]);
}

// --- activities ---------------------------------------------------------------------------------

export interface Activity {
  id: number;
  kind: ActivityKind;
  on: IsoDate;
  count: number;
  note: string | null;
  at: string;
  operator: string;
}

/** Records outreach work. Call inside Registry.write (which makes max()+1 safe, see ids.ts). */
export async function insertActivity(trx: Db, a: Omit<Activity, 'id'>): Promise<Activity> {
  const r = await trx.selectFrom('activities').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  const id = Number(r?.m ?? 0) + 1;
  await trx.insertInto('activities').values({ id, kind: a.kind, on_date: a.on, count: a.count, note: a.note, at: a.at, operator: a.operator }).execute();
  return { ...a, id };
}

/** Activities dated in [from, to] as known at `knownAt`: total count per kind. */
export async function activityCounts(db: Db, q: { from: IsoDate; to: IsoDate; knownAt?: string }): Promise<Map<ActivityKind, number>> {
  let s = db.selectFrom('activities').select((eb) => ['kind', eb.fn.sum<number>('count').as('n')])
    .where('on_date', '>=', q.from).where('on_date', '<=', q.to).groupBy('kind');
  if (q.knownAt !== undefined) s = s.where('at', '<=', q.knownAt);
  const rows = await s.execute();
  return new Map(rows.map((r) => [r.kind as ActivityKind, Number(r.n)]));
}

// --- state as of a date, for many items -----------------------------------------------------------

export interface StateQuery {
  /** Effective date; every date when omitted. */
  asOf?: IsoDate;
  /** Recorded time, an ISO instant in UTC; every recorded event when omitted. */
  knownAt?: string;
  /** Only these items (at most a few thousand: a page). */
  itemIds?: readonly number[];
  /** Only items received in [from, to]. */
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  statuses?: readonly Status[];
  disposals?: readonly Disposal[];
}

/** One item's state columns as the query returns them. */
export interface StateRow {
  item_id: number;
  status: string;
  duplicate_of: string | null;
  scope: string | null;
  scope_data: string | null;
  disposal: string | null;
  assigned_to: string | null;
  assigned: string | null;
  due: string | null;
  concluded: string | null;
  result: string | null;
  notified: string | null;
  replied: string | null;
  triaged: string | null;
}

const lit = (s: string) => sql.lit(s);

/**
 * The event kinds itemStateGroups reads (a void aside, which counts at any date): an item whose
 * events of these kinds are all dated on or before D has the same state as of D as at the end of
 * time (store/item-state.ts, `settled`). Instructions, sanctions, dismissals and corrections
 * change no state. Keep in step with the pass below (TRIAGE_KINDS, which dates the triage, are
 * among these).
 */
export const STATE_KINDS = ['duplicate', 'duplicate-clear', 'scope-out', 'scope-in', 'dispose', 'assign', 'extend', 'supervise', 'conclude', 'notify', 'reply'] as const;

/**
 * Event ids stay below this (10^10), so that `id + ID_OFFSET` is always 11 digits: with the
 * 10-character ISO date before it, the 21-character winner key sorts as text exactly as (date, id).
 */
const ID_OFFSET = 10_000_000_000;
const KEY_LENGTH = 21;

/**
 * One row per selected item with its state columns, found in one pass of conditional aggregation
 * over the item's events without sorting them (SPEC 3; the definition is `stateAt` in
 * src/domain/events.ts, and the status CASE is the twin of `statusOf`).
 *
 * In a slot the latest counting event is the one with the greatest (effective date, id). Each
 * event gets the text key `on_date || (id + 10^10)` — 21 characters of fixed width, so that text
 * order is (date, id) order on both engines and under any collation (the digits decide before
 * anything after them) — and the slot's `max` of `key || '=' || value` carries the winner's value
 * along (no marker when the value is null), decoded once per item. A date-only slot (notify,
 * reply) is the max of its dates; the date of the winning assignment or conclusion likewise.
 *
 * The query is grouped by `i.id` (items as `i`, events as `e`), so a caller may select more
 * columns of `i` (a report's dimensions: `i.id` is the primary key). Items are taken in id order
 * (`i.id in (…)` over the received-date index, or the given ids) so that the grouping needs no
 * sort and the events index is read in order. `dup_target` is the original's id, as text.
 *
 * With `scopeData: false` the pass reads only columns of the events_state index (migration 0005)
 * and never the table: `scope_data` (the out-of-scope referral and reason) is then null.
 *
 * With `dialect: 'postgres'` the same aggregates are written in PostgreSQL's faster words (the
 * rows are the same): `max(v) filter (where slot)` instead of `max(case when slot then v end)`,
 * text compared in byte order (`collate "C"`, no locale lookups: the keys are ASCII digits
 * first, and the dates ISO, so every collation orders them alike; results carry the default
 * collation again), and a received range as a condition on the item rather than an id list.
 */
export function itemStateGroups(db: Db, q: StateQuery, o: { scopeData?: boolean; dialect?: Dialect } = {}) {
  const asOf = q.asOf ?? '9999-12-31';
  const pg = o.dialect === 'postgres';
  // The kind compared in byte order on PostgreSQL too (a dozen comparisons an event: 4% of a report).
  const kind = pg ? sql`(${sql.ref('e.kind')} collate "C")` : sql.ref('e.kind');
  const kindIn = (kinds: readonly string[]) => sql`${kind} in (${sql.join(kinds.map((k) => lit(k)))})`;
  const key = sql<string>`${sql.ref('e.on_date')} || cast(${sql.ref('e.id')} + ${sql.lit(ID_OFFSET)} as text)`;
  /** `max` or `min` of the text `value` over the events where `when` holds (null when none). */
  const agg = (fn: 'max' | 'min', when: RawBuilder<unknown>, value: RawBuilder<unknown>) => pg
    ? sql<string | null>`(${sql.raw(fn)}((${value}) collate "C") filter (where ${when}) collate "default")`
    : sql<string | null>`${sql.raw(fn)}(case when ${when} then ${value} end)`;
  /** The value `col` of the slot's latest counting event (`when`: the slot's events), or null. */
  const winner = (when: RawBuilder<unknown>, col: RawBuilder<unknown>) => {
    const carried = agg('max', when, sql`${key} || coalesce('=' || ${col}, '')`);
    // octet_length: the key is ASCII, and PostgreSQL's length() counts UTF-8 characters one by one.
    const length = pg ? sql`octet_length(${carried})` : sql`length(${carried})`;
    return sql<string | null>`case when ${length} > ${sql.lit(KEY_LENGTH)} then substr(${carried}, ${sql.lit(KEY_LENGTH + 2)}) end`;
  };
  const dateOf = (k: string) => agg('max', sql`${kind} = ${lit(k)}`, sql.ref('e.on_date'));
  const ref = (c: string) => sql.ref(`e.${c}`);

  const dupTarget = winner(kindIn(['duplicate', 'duplicate-clear']), sql`case when ${kind} = 'duplicate' then cast(${ref('target_id')} as text) end`);
  const scope = winner(kindIn(['scope-out', 'scope-in']), sql`case when ${kind} = 'scope-out' then ${ref('value')} end`);
  const scopeData = o.scopeData === false
    ? sql<string | null>`null`
    : winner(kindIn(['scope-out', 'scope-in']), sql`case when ${kind} = 'scope-out' then ${ref('data')} end`);
  const disposal = winner(sql`${kind} = 'dispose'`, ref('value'));
  const due = winner(sql`(${kindIn(['assign', 'extend'])} or (${kind} = 'supervise' and ${ref('due')} is not null))`, ref('due'));
  const voided = pg ? sql<number>`(case when bool_or(${kind} = 'void') then 1 else 0 end)` : sql<number>`max(case when ${kind} = 'void' then 1 else 0 end)`;
  const status = sql<string>`case
    when ${voided} = 1 then 'void'
    when ${dupTarget} is not null then 'duplicate'
    when ${scope} is not null then ${scope}
    when ${dateOf('reply')} is not null then 'replied'
    when ${dateOf('conclude')} is not null then 'concluded'
    when ${disposal} is not null then 'disposed'
    else 'pending' end`;

  let items = db.selectFrom('items as i');
  if (q.itemIds !== undefined) items = items.where('i.id', 'in', q.itemIds.length ? q.itemIds : [-1]);
  if (pg) {
    // PostgreSQL scans the items in id order with the condition (no self-join for an id list).
    if (q.receivedFrom !== undefined) items = items.where('i.received', '>=', q.receivedFrom);
    if (q.receivedTo !== undefined) items = items.where('i.received', '<=', q.receivedTo);
  } else if (q.receivedFrom !== undefined || q.receivedTo !== undefined) {
    // An id list from the received-date index: SQLite reads it in id order (no sort for the grouping).
    items = items.where('i.id', 'in', (eb) => {
      let r = eb.selectFrom('items as r').select('r.id');
      if (q.receivedFrom !== undefined) r = r.where('r.received', '>=', q.receivedFrom);
      if (q.receivedTo !== undefined) r = r.where('r.received', '<=', q.receivedTo);
      return r;
    });
  }
  return items
    .leftJoin('events as e', (join) => {
      let j = join.onRef('e.item_id', '=', 'i.id').on((eb) => eb.or([eb('e.on_date', '<=', asOf), eb('e.kind', '=', 'void')]));
      if (q.knownAt !== undefined) j = j.on('e.at', '<=', q.knownAt);
      return j;
    })
    .groupBy('i.id')
    .select([
      'i.id as item_id',
      status.as('status'),
      dupTarget.as('dup_target'),
      scope.as('scope'),
      scopeData.as('scope_data'),
      disposal.as('disposal'),
      winner(sql`${kind} = 'assign'`, ref('value')).as('assigned_to'),
      dateOf('assign').as('assigned'),
      due.as('due'),
      dateOf('conclude').as('concluded'),
      winner(sql`${kind} = 'conclude'`, ref('value')).as('result'),
      dateOf('notify').as('notified'),
      dateOf('reply').as('replied'),
      agg('min', kindIn(TRIAGE_KINDS), sql.ref('e.on_date')).as('triaged'),
    ]);
}

/**
 * The state of every selected item at `asOf` as known at `knownAt`, one row per item (items
 * without events are pending): itemStateGroups with the original's code. A query builder, so
 * that callers can filter or page it. Rows: StateRow.
 */
export function itemStatesQuery(db: Db, q: StateQuery) {
  let out = db.selectFrom(itemStateGroups(db, q).as('st'))
    .leftJoin('items as t', (join) => join.on('t.id', '=', sql<number>`cast(${sql.ref('st.dup_target')} as integer)`))
    .select([
      'st.item_id', 'st.status', 't.code as duplicate_of', 'st.scope', 'st.scope_data', 'st.disposal', 'st.assigned_to',
      'st.assigned', 'st.due', 'st.concluded', 'st.result', 'st.notified', 'st.replied', 'st.triaged',
    ]);
  if (q.statuses?.length) out = out.where('st.status', 'in', [...q.statuses]);
  if (q.disposals?.length) out = out.where('st.disposal', 'in', [...q.disposals]);
  return out;
}

export function stateOfRow(r: StateRow): ItemState {
  const scopeData = (r.scope_data ? JSON.parse(r.scope_data) : {}) as { referTo?: string | null; reason?: string | null };
  return {
    status: r.status as Status,
    duplicateOf: r.duplicate_of,
    outOfScope: r.scope ? { type: r.scope as Scope, referTo: scopeData.referTo ?? null, reason: scopeData.reason ?? null } : null,
    disposal: r.disposal as Disposal | null,
    assignedTo: r.assigned_to,
    assigned: r.assigned,
    due: r.due,
    concluded: r.concluded,
    result: r.result as Result | null,
    notified: r.notified,
    replied: r.replied,
    triaged: r.triaged,
  };
}

/** States of many items, by item id (see itemStatesQuery); item ids are taken in chunks of 500. */
export async function itemStates(db: Db, q: StateQuery): Promise<Map<number, ItemState>> {
  const out = new Map<number, ItemState>();
  const add = (rows: readonly unknown[]) => { for (const r of rows as StateRow[]) out.set(Number(r.item_id), stateOfRow(r)); };
  if (q.itemIds === undefined) {
    add(await itemStatesQuery(db, q).execute());
    return out;
  }
  for (let i = 0; i < q.itemIds.length; i += 500) add(await itemStatesQuery(db, { ...q, itemIds: q.itemIds.slice(i, i + 500) }).execute());
  return out;
}

// --- what the rules read of other items ----------------------------------------------------------

/** The facts the rules need of an item (see ItemFacts in src/domain/rules.ts). */
export interface ItemFactsRow {
  id: number;
  code: string;
  received: IsoDate;
  realName: boolean;
}

/** Facts of the given items, by id. */
export async function itemFactsByIds(db: Db, ids: readonly number[]): Promise<Map<number, ItemFactsRow>> {
  const out = new Map<number, ItemFactsRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('items').select(['id', 'code', 'received', 'real_name']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(Number(r.id), { id: Number(r.id), code: r.code, received: r.received, realName: Number(r.real_name) === 1 });
  }
  return out;
}

/** Facts of the item with this code (year and sequence), if any. */
export async function itemFactsByCode(db: Db, year: number, seq: number): Promise<ItemFactsRow | undefined> {
  const r = await db.selectFrom('items').select(['id', 'code', 'received', 'real_name']).where('year', '=', year).where('seq', '=', seq).executeTakeFirst();
  return r ? { id: Number(r.id), code: r.code, received: r.received, realName: Number(r.real_name) === 1 } : undefined;
}

/** Registered fields a correction may change, by column. Call inside Registry.write. */
export type AmendableColumns = Partial<Pick<Database['items'], 'received' | 'source' | 'forwarded_by' | 'ref' | 'ref_key' | 'fingerprint' | 'channel' | 'kind' | 'category' | 'summary' | 'real_name' | 'accused_name' | 'accused_unit' | 'accused_post' | 'accused_rank'>>;

export async function updateItemFields(trx: Db, itemId: number, cols: AmendableColumns): Promise<void> {
  await trx.updateTable('items').set(cols).where('id', '=', itemId).execute();
  await refreshItemState(trx, [itemId]);
}

/**
 * The code of another item registered under the same (forwarding organ, reference) — compared
 * folded (SPEC 7: 甘纪转[2016]12号 is 甘纪转〔2016〕12号), or exactly — if any. `exceptId`: the item
 * itself (amend), or -1.
 */
export async function sameReference(db: Db, forwardedBy: string, ref: string, exceptId: number): Promise<string | undefined> {
  const key = storedIdentityKey(forwardedBy, ref);
  const r = await db.selectFrom('items').select('code')
    .where((eb) => eb.or([
      ...(key === null ? [] : [eb('ref_key', '=', key)]),
      eb.and([eb('forwarded_by', '=', forwardedBy), eb('ref', '=', ref)]),
    ]))
    .where('id', '!=', exceptId).orderBy('id').limit(1).executeTakeFirst();
  return r?.code;
}

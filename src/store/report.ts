// The figures of a period report (SPEC 6.1), counted by the database.
//
// One pass classifies every item received in the period. Its state as of D comes from the kept
// states (item_state, store/item-state.ts: the state at the end of time with the item's reported
// fields, exact as of D for every item whose state-changing events are all dated by D), and for the
// other items — and for every item as known at K — from the grouped state pass of store/events.ts
// (itemStateGroups: state as of D, as known at K, with the first triage date, read from the
// events_state index alone) carrying the item's own columns in the same GROUP BY. Each
// item is reduced to one row of small columns — its group, dimensions, class
// (duplicate, out-of-scope, no-substance, pending, or its disposal code) and 0/1 flags (concluded,
// with a handle deadline, on time, real-name, replied, overdue). On SQLite the rows go to a
// temporary table on one pinned connection, and a handful of GROUP BY queries over it give every
// count; on PostgreSQL one statement groups them under GROUPING SETS as they are made. Nothing
// folds items in JavaScript — only the grouped rows (a few hundred; on PostgreSQL also one per
// original that drew duplicates) are read back.
//
// Dates are ISO text and compare as text on both engines; the only date arithmetic (an assignment
// date plus the handle deadline's days) is one per-dialect expression (`plusDays`). Working-day
// deadlines (accept, notify, reply) are not computed per item: a deadline of n working days after
// a date is missed at the as-of date exactly when that date is on or before a cutoff the use case
// computes once with the calendar (addWorkdays is monotone), so each is one comparison here.
//
// As known at K (--as-known-at), an item's registered fields are those of K too: `amend` corrects
// the item row in place and records the old values in its event, so the few items amended after K
// get their fields as of K (the `from` of each field's first amendment recorded after K) in a small
// temporary table; the pass leaves them out and adds them again with those fields (a UNION ALL of
// the same state pass over them). Without amendments after K (and without K) the pass is unchanged.

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import type { BreakdownDimension, GroupCounts, KeyCount, RepeatFigures } from '../domain/report.js';
import type { ActivityKind, Disposal, Group } from '../domain/vocabulary.js';
import { DISPOSALS, SOURCES, groupOf } from '../domain/vocabulary.js';
import { itemStateGroups } from './events.js';
import type { Db } from './registry.js';
import type { Database, Dialect } from './schema.js';

/** What one period's counts are taken over (dates inclusive, ISO). */
export interface PeriodCountQuery {
  /** Items received in [from, to]; `to` is already clipped to the as-of date by the caller. */
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  /**
   * Only events (and items) recorded by this instant (ISO, UTC), and the items' registered fields
   * as they were then (amendments recorded later undone); everything, as corrected, when undefined.
   */
  knownAt?: string;
  /** Days of the handle deadline when an assignment set no due date (SPEC 4). */
  handleDays: number;
  /**
   * Latest dates whose working-day deadline is already missed at the as-of date: an item
   * received on or before `accept` and not triaged by then has missed its accept deadline, and
   * so on (see the header).
   */
  cutoffs: { accept: IsoDate; notify: IsoDate; reply: IsoDate };
  /** Also count the breakdown of this dimension (month and repeat come from other counts). */
  breakdown?: BreakdownDimension;
  /** How many of the largest units the analysis lists (default 5; more when units of two items or more tie at the cut). */
  topUnits?: number;
  /** Instead of the largest units, count these (the comparison period takes the current period's units). */
  units?: readonly (string | null)[];
  /**
   * Compute every item's state from its events instead of reading the kept state (item_state)
   * of the items settled by the as-of date: the same figures, slower (for tests that compare
   * the two). With `knownAt` the states always come from the events.
   */
  fromEvents?: boolean;
}

export type GroupKeyCount = KeyCount & { group: Group };

/** The raw counts of one period, before the domain derives rates and changes (see buildReport). */
export interface PeriodCounts {
  groups: { superior: GroupCounts; local: GroupCounts };
  /** Items per group and received date: the monthly series and the month breakdown fold these. */
  byDate: readonly { group: Group; date: IsoDate; count: number }[];
  repeat: RepeatFigures;
  /** Rows of `breakdown` (not month or repeat: the use case builds those). */
  breakdown: readonly GroupKeyCount[];
  /** The analysis views' rows; `total` is the received count of all groups. */
  analysis: {
    source: KeyCount[]; type: KeyCount[]; channel: KeyCount[]; category: KeyCount[]; rank: KeyCount[]; unit: KeyCount[];
    repeat: KeyCount[]; realName: KeyCount[];
  };
  /** Every unit of the period with its items (null: none named), for withUnits. */
  allUnits: KeyCount[];
  /** Duplicates per group (for the repeat breakdown). */
  duplicatesByGroup: Record<Group, number>;
  sanctions: { kind: string; persons: number }[];
  activities: { kind: ActivityKind; count: number }[];
}

const DISPOSAL_CODES: readonly Disposal[] = DISPOSALS.map((d) => d.code);
const SUPERIOR_SOURCES = SOURCES.map((s) => s.code).filter((c) => groupOf(c) === 'superior');
const TABLE = 'xinfang_report_items';

/** An ISO date `n` days after the ISO date column `col`, as ISO text, in the engine's own words. */
function plusDays(dialect: Dialect, col: RawBuilder<unknown>, n: number): RawBuilder<string> {
  if (!Number.isSafeInteger(n)) throw new RangeError(`days must be a whole number: ${n}`);
  return dialect === 'postgres'
    ? sql<string>`to_char(cast(${col} as date) + ${sql.raw(String(n))}, 'YYYY-MM-DD')`
    : sql<string>`date(${col}, ${sql.lit(`${n >= 0 ? '+' : ''}${n} days`)})`;
}

// --- registered fields as known at K ---------------------------------------------------------------

/** The registered fields a report reads, as stored in the item row. */
export interface ReportedFields {
  received: IsoDate; source: string; channel: string; kind: string; category: string | null;
  accused_rank: string | null; accused_unit: string | null; real_name: number;
}

/** One item's reported fields as they were known at K (see fieldsKnownAt). */
export type KnownFields = ReportedFields & { item_id: number };

/** JSON keys of an amendment's `changes` (usecases/decide.ts AMENDABLE) → the column a report reads. */
const REPORTED_FIELDS: Readonly<Record<string, keyof ReportedFields>> = {
  received: 'received', source: 'source', channel: 'channel', kind: 'kind', category: 'category',
  accusedRank: 'accused_rank', accusedUnit: 'accused_unit', realName: 'real_name',
};
const KNOWN = 'xinfang_report_known';
type KnownDb = Kysely<Database & { [KNOWN]: KnownFields }>;

/**
 * The reported fields, as known at `knownAt` (ISO instant, UTC), of every item whose reported
 * fields were amended after it: the item row with each field amended later put back to the `from`
 * of its first amendment recorded after `knownAt` (events in id order, which is recorded order;
 * `realName` is recorded as 是/否). Items registered after `knownAt` are included like any other
 * (the pass leaves them out itself). Empty for a registry without such amendments: one look at
 * the amend events through the (kind, on_date) index. Throws what the driver throws.
 */
export async function fieldsKnownAt(db: Db, knownAt: string): Promise<KnownFields[]> {
  const events = await db.selectFrom('events').select(['item_id', 'data'])
    .where('kind', '=', 'amend').where('at', '>', knownAt).orderBy('id').execute();
  const earlier = new Map<number, Partial<Record<keyof ReportedFields, string | null>>>();
  for (const e of events) {
    const data = (e.data ? JSON.parse(e.data) : {}) as { changes?: { field?: unknown; from?: unknown }[] };
    for (const c of Array.isArray(data.changes) ? data.changes : []) {
      const col = typeof c.field === 'string' ? REPORTED_FIELDS[c.field] : undefined;
      if (col === undefined) continue;
      const fields = earlier.get(Number(e.item_id)) ?? {};
      if (!(col in fields)) fields[col] = typeof c.from === 'string' ? c.from : null;
      earlier.set(Number(e.item_id), fields);
    }
  }
  const ids = [...earlier.keys()];
  const out: KnownFields[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('items')
      .select(['id', 'received', 'source', 'channel', 'kind', 'category', 'accused_rank', 'accused_unit', 'real_name'])
      .where('id', 'in', ids.slice(i, i + 500)).orderBy('id').execute();
    for (const r of rows) {
      const was = earlier.get(Number(r.id))!;
      const known: KnownFields = {
        item_id: Number(r.id), received: r.received, source: r.source, channel: r.channel, kind: r.kind, category: r.category ?? null,
        accused_rank: r.accused_rank ?? null, accused_unit: r.accused_unit ?? null, real_name: Number(r.real_name),
      };
      for (const [col, from] of Object.entries(was) as [keyof ReportedFields, string | null][]) {
        if (col === 'real_name') known.real_name = from === '是' ? 1 : 0;
        else (known as unknown as Record<string, string | null>)[col] = from;
      }
      out.push(known);
    }
  }
  return out;
}

/** Writes `rows` to a fresh temporary table KNOWN on `conn` (PostgreSQL: dropped when its transaction ends). */
async function writeKnown(conn: Db, dialect: Dialect, rows: readonly KnownFields[]): Promise<void> {
  if (dialect !== 'postgres') await sql`drop table if exists ${sql.raw(KNOWN)}`.execute(conn);
  await sql`create temporary table ${sql.raw(KNOWN)} (item_id integer primary key, received text, source text, channel text, kind text,
    category text, accused_rank text, accused_unit text, real_name integer)${sql.raw(dialect === 'postgres' ? ' on commit drop' : '')}`.execute(conn);
  for (let i = 0; i < rows.length; i += 500) await (conn as unknown as KnownDb).insertInto(KNOWN).values(rows.slice(i, i + 500)).execute();
}

/** Whether the period's states are read from item_state (store/item-state.ts) rather than all computed from the events. */
const readsKeptStates = (q: PeriodCountQuery) => q.knownAt === undefined && q.fromEvents !== true;

/** One classified row per item of the period (see the header): the SELECT the counts group. */
function classified(db: Db, dialect: Dialect, q: PeriodCountQuery, amended = false) {
  // The state of each item and its own columns in one grouped pass (grouped by i.id, the key).
  const state = (range: boolean) => {
    let s = itemStateGroups(db, { asOf: q.asOf, knownAt: q.knownAt, ...(range ? { receivedFrom: q.from, receivedTo: q.to } : {}) }, { scopeData: false, dialect });
    if (q.knownAt !== undefined) {
      // An item registered after K was not known at K either (SPEC 6.1 --as-known-at).
      const knownAt = q.knownAt;
      s = s.where('i.intake_id', 'in', (eb) => eb.selectFrom('intakes').select('intakes.id').where('intakes.at', '<=', knownAt));
    }
    return s;
  };
  const FIELDS = ['source', 'channel', 'kind', 'category', 'accused_rank', 'accused_unit', 'real_name', 'received'] as const;
  let grouped = state(true).select(FIELDS.map((f) => `i.${f}` as const));
  if (readsKeptStates(q)) {
    // The kept state (store/item-state.ts) of every item settled by the as-of date, and the state
    // of the others (an event dated after it) from their events.
    const STATE = ['item_id', 'status', 'dup_target', 'disposal', 'assigned_to', 'assigned', 'due', 'concluded', 'notified', 'replied', 'triaged'] as const;
    // SQLite reads the table whole (0.1 s a million rows) rather than half of it through the
    // received-date index (1.4 s: a row lookup each); PostgreSQL's bitmap scan reads it in order.
    const received = dialect === 'postgres' ? sql.ref('s.received') : sql`+${sql.ref('s.received')}`;
    const kept = db.selectFrom('item_state as s')
      .select([...STATE.map((c) => `s.${c}` as const), ...FIELDS.map((f) => `s.${f}` as const)])
      .where(received, '>=', q.from).where(received, '<=', q.to)
      .where((eb) => eb.or([eb('s.settled', 'is', null), eb('s.settled', '<=', q.asOf)]));
    const later = db.selectFrom('item_state as l').select('l.item_id')
      .where('l.received', '>=', q.from).where('l.received', '<=', q.to).where('l.settled', '>', q.asOf);
    const recomputed = db.selectFrom(state(false).where('i.id', 'in', later).select(FIELDS.map((f) => `i.${f}` as const)).as('r'))
      .select([...STATE.map((c) => `r.${c}` as const), ...FIELDS.map((f) => `r.${f}` as const)]);
    grouped = kept.unionAll(recomputed) as unknown as typeof grouped;
  }
  if (amended) {
    // Items amended after K: out of the pass by their current fields, back in by their fields as
    // known at K (received in the period then), over the same state pass.
    const k = db as unknown as KnownDb;
    const knownIds = (inPeriod: boolean) => {
      let ids = k.selectFrom(KNOWN).select(`${KNOWN}.item_id`);
      if (inPeriod) ids = ids.where(`${KNOWN}.received`, '>=', q.from).where(`${KNOWN}.received`, '<=', q.to);
      return ids;
    };
    grouped = grouped.where('i.id', 'not in', knownIds(false) as never);
    const readded = k.selectFrom(state(false).where('i.id', 'in', knownIds(true) as never).as('s'))
      .innerJoin(`${KNOWN} as k`, 'k.item_id', 's.item_id')
      .selectAll('s')
      .select(FIELDS.map((f) => `k.${f}` as const));
    grouped = grouped.unionAll(readded as never);
  }
  // On PostgreSQL the per-item pass stays a subquery of its own (offset 0): pulled up into this
  // query, each of the dozen references to its status below would evaluate the status CASE again.
  // Whether the item is outside the disposals is likewise decided once, a level up (the flags ask
  // it eight times: 3 s -> 2.9 s of backend CPU a period on a million items).
  if (dialect === 'postgres') grouped = grouped.offset(0);
  const isOutside = (status: RawBuilder<unknown>) => sql<boolean>`${status} in ('duplicate', 'out-of-scope', 'no-substance')`;
  const joined = dialect === 'postgres'
    ? db.selectFrom(grouped.as('g')).selectAll('g').select(isOutside(sql.ref('g.status')).as('outside')).where('g.status', '!=', 'void').offset(0)
    : db.selectFrom(grouped.as('g')).selectAll('g').where('g.status', '!=', 'void');
  const x = sql.ref;
  const handleDue = sql`coalesce(${x('x.due')}, ${plusDays(dialect, x('x.assigned'), q.handleDays)})`;
  const outside = dialect === 'postgres' ? sql`${x('x.outside')}` : isOutside(x('x.status'));
  const handled = sql`not (${outside})`;
  const counted = sql`(${handled} and ${x('x.disposal')} is not null)`;
  const flag = (cond: RawBuilder<unknown>) => sql<number>`case when ${cond} then 1 else 0 end`;
  const concluded = sql`(${counted} and ${x('x.concluded')} is not null)`;
  const withDeadline = sql`(${concluded} and ${x('x.assigned')} is not null)`;
  const realName = sql`(${x('x.real_name')} = 1 and ${handled})`;
  const overdue = sql`(
    (${x('x.triaged')} is null and ${x('x.received')} <= ${q.cutoffs.accept})
    or (${x('x.real_name')} = 1 and ${x('x.status')} <> 'duplicate' and ${x('x.notified')} is null and ${x('x.received')} <= ${q.cutoffs.notify})
    or (${handled} and ${x('x.assigned')} is not null and ${x('x.concluded')} is null and ${handleDue} < ${q.asOf})
    or (${realName} and ${x('x.concluded')} is not null and ${x('x.replied')} is null and ${x('x.concluded')} <= ${q.cutoffs.reply}))`;
  return db.selectFrom(joined.as('x')).select([
    sql<number>`${x('x.item_id')}`.as('item_id'),
    sql<string>`case when ${x('x.source')} in (${sql.join(SUPERIOR_SOURCES.map((s) => sql.lit(s)))}) then 'superior' else 'local' end`.as('grp'),
    sql<string>`${x('x.source')}`.as('source'),
    sql<string>`${x('x.channel')}`.as('channel'),
    sql<string>`${x('x.kind')}`.as('kind'),
    sql<string | null>`${x('x.category')}`.as('category'),
    sql<string | null>`${x('x.accused_rank')}`.as('acc_rank'),
    sql<string | null>`${x('x.accused_unit')}`.as('acc_unit'),
    sql<number>`${x('x.real_name')}`.as('real_name'),
    sql<string>`${x('x.received')}`.as('received'),
    sql<string>`case when ${outside} then ${x('x.status')} when ${x('x.disposal')} is null then 'pending' else ${x('x.disposal')} end`.as('cls'),
    sql<string | null>`case when ${x('x.status')} = 'duplicate' then ${x('x.dup_target')} end`.as('dup_of'),
    sql<string | null>`${x('x.assigned_to')}`.as('office'),
    flag(concluded).as('concluded_f'),
    flag(withDeadline).as('deadline_f'),
    flag(sql`(${withDeadline} and ${x('x.concluded')} <= ${handleDue})`).as('on_time_f'),
    flag(realName).as('real_f'),
    flag(sql`(${realName} and ${x('x.replied')} is not null)`).as('replied_f'),
    flag(overdue).as('overdue_f'),
  ]);
}

const COLUMNS = `item_id bigint, grp text, source text, channel text, kind text, category text, acc_rank text, acc_unit text,
  real_name integer, received text, cls text, dup_of text, office text, concluded_f integer, deadline_f integer,
  on_time_f integer, real_f integer, replied_f integer, overdue_f integer`;

function zeroCounts(): GroupCounts {
  return {
    received: 0, duplicates: 0, outOfScope: 0, noSubstance: 0, pending: 0,
    disposals: Object.fromEntries(DISPOSAL_CODES.map((d) => [d, 0])) as GroupCounts['disposals'],
    concluded: 0, concludedWithDeadline: 0, onTime: 0, realName: 0, replied: 0, overdue: 0,
  };
}

function add(m: Map<string | null, number>, key: string | null, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

const rowsOf = (m: Map<string | null, number>): KeyCount[] => [...m].map(([key, count]) => ({ key, count }));

/**
 * Every raw count of one period (see PeriodCounts). Throws what the driver throws.
 *
 * SQLite: the classified rows go to a temporary table on one connection, and a handful of GROUP BYs
 * over it give the counts. PostgreSQL: one statement, the classifying pass under one GROUPING SETS
 * (hashed in one pass: no table written, no rows read again), in a read transaction whose settings
 * end with it. Independent calls may run at the same time (each takes its own connection; SQLite's
 * one connection serialises them).
 */
export async function periodCounts(db: Db, dialect: Dialect, q: PeriodCountQuery): Promise<PeriodCounts> {
  // Fields of the items amended after K, as they were at K (none without K; see the header).
  const known = q.knownAt === undefined ? [] : await fieldsKnownAt(db, q.knownAt);
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      // JIT compilation of the pass's expressions cost 0.5–1.8 s a period on a million items and
      // saved nothing. work_mem: the grouping sets' hash tables (~20 MB for 500,000 items, the
      // dup_of set the largest) stay in memory instead of falling back to sorting the rows six
      // times. One process a period: a parallel plan splits the per-item groups between workers
      // and re-combines them in the leader, which cost more than it saved; a report's two periods
      // run side by side instead (usecases/report.ts).
      await sql`set local jit = off`.execute(trx);
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
      // With that much work_mem the planner would hash the items and events and sort the join for
      // the per-item grouping (2× slower); joined in item order instead, the grouping streams.
      await sql`set local enable_hashjoin = off`.execute(trx);
      // Reading the kept states, only the few items not settled by the as-of date are joined to
      // their rows and events: looked up one by one, not merged with a scan of every item.
      if (readsKeptStates(q)) await sql`set local enable_mergejoin = off`.execute(trx);
      if (known.length) await writeKnown(trx, dialect, known);
      return withUnits(await foldCounts(trx, q, await groupingSetRows(trx, q, known.length > 0)), q.units);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`drop table if exists ${sql.raw(TABLE)}`.execute(conn);
    await sql`create temporary table ${sql.raw(TABLE)} (${sql.raw(COLUMNS)})`.execute(conn);
    try {
      if (known.length) await writeKnown(conn, dialect, known);
      await sql`insert into ${sql.raw(TABLE)} select * from ${classified(conn, dialect, q, known.length > 0)} as c`.execute(conn);
      return withUnits(await foldCounts(conn, q, await tableRows(conn, q)), q.units);
    } finally {
      await sql`drop table if exists ${sql.raw(TABLE)}`.execute(conn);
      if (known.length) await sql`drop table if exists ${sql.raw(KNOWN)}`.execute(conn);
    }
  });
}

/**
 * The counts with the analysis's units replaced by `units` (in that order's subset, as counted:
 * a unit without items in the period is left out), or as they are when `units` is undefined. For
 * a comparison period counted at the same time as the current one: pass it the current period's
 * units afterwards (PeriodCounts.allUnits holds every unit).
 */
export function withUnits(c: PeriodCounts, units: readonly (string | null)[] | undefined): PeriodCounts {
  if (units === undefined) return c;
  const wanted = new Set(units);
  return { ...c, analysis: { ...c.analysis, unit: c.allUnits.filter((u) => wanted.has(u.key)) } };
}

interface MainRow {
  grp: Group; source: string; channel: string; kind: string; real_name: number | string; cls: string;
  n: number | string; concluded: number | string; deadline: number | string; on_time: number | string;
  real_n: number | string; replied: number | string; overdue: number | string;
}

/** The grouped rows every count is folded from, whichever engine grouped them. */
interface CountRows {
  /** By (group, source, channel, kind, real_name, class), with the flags summed. */
  main: readonly MainRow[];
  category: readonly GroupKeyCount[];
  rank: readonly GroupKeyCount[];
  unit: readonly GroupKeyCount[];
  received: readonly GroupKeyCount[];
  /** Only when the breakdown is by office. */
  office?: readonly GroupKeyCount[];
  /** How many originals drew n duplicates (received in the period, duplicates at the as-of date). */
  drew: readonly { n: number; originals: number }[];
}

/** SQLite: the rows from the temporary table, one GROUP BY each. */
async function tableRows(conn: Db, q: PeriodCountQuery): Promise<CountRows> {
  const t = sql.raw(TABLE);
  const groupBy = async (col: string) => {
    const r = await sql<{ grp: Group; k: string | null; n: number | string }>`select grp, ${sql.raw(col)} as k, count(*) as n from ${t} group by grp, ${sql.raw(col)}`.execute(conn);
    return r.rows.map((x) => ({ group: x.grp, key: x.k, count: Number(x.n) }));
  };
  const main = (await sql<MainRow>`select grp, source, channel, kind, real_name, cls, count(*) as n,
      sum(concluded_f) as concluded, sum(deadline_f) as deadline, sum(on_time_f) as on_time, sum(real_f) as real_n,
      sum(replied_f) as replied, sum(overdue_f) as overdue
    from ${t} group by grp, source, channel, kind, real_name, cls`.execute(conn)).rows;
  const category = await groupBy('category');
  const rank = await groupBy('acc_rank');
  const unit = await groupBy('acc_unit');
  const received = await groupBy('received');
  // Originals by how many duplicates (received in the period, duplicates at the as-of date) they drew.
  const drew = (await sql<{ n: number | string; originals: number | string }>`select n, count(*) as originals
    from (select dup_of, count(*) as n from ${t} where cls = 'duplicate' group by dup_of) d group by n`.execute(conn)).rows;
  const office = q.breakdown === 'office' ? await groupBy('office') : undefined;
  return { main, category, rank, unit, received, office, drew: drew.map((r) => ({ n: Number(r.n), originals: Number(r.originals) })) };
}

/**
 * PostgreSQL: every row in one statement, GROUPING SETS over the classifying pass, hashed in one
 * pass. Only count(*) is aggregated: the 0/1 flags are grouping columns of the main set (a few
 * thousand rows more to read, and six sums fewer per item and set), and category and rank share
 * one set (their combinations are few). `grouping(…)` tells the sets apart (a bit set for each
 * listed column the row's set does not group by).
 */
async function groupingSetRows(trx: Db, q: PeriodCountQuery, amended: boolean): Promise<CountRows> {
  const FLAGS = ['concluded_f', 'deadline_f', 'on_time_f', 'real_f', 'replied_f', 'overdue_f'] as const;
  const sets: Record<string, string[]> = {
    main: ['grp', 'source', 'channel', 'kind', 'real_name', 'cls', ...FLAGS],
    categoryRank: ['grp', 'category', 'acc_rank'],
    unit: ['grp', 'acc_unit'],
    received: ['grp', 'received'],
    dup: ['dup_of'],
  };
  if (q.breakdown === 'office') sets.office = ['grp', 'office'];
  const tagged = ['source', 'category', 'acc_unit', 'received', 'dup_of', ...(sets.office ? ['office'] : [])];
  const maskOf = (cols: readonly string[]) => tagged.reduce((m, c, i) => (cols.includes(c) ? m : m | (1 << (tagged.length - 1 - i))), 0);
  const setOf = new Map(Object.entries(sets).map(([name, cols]) => [maskOf(cols), name]));
  const columns = [...new Set(Object.values(sets).flat())];
  type Flag = (typeof FLAGS)[number];
  type Row = Record<Flag, number> & {
    set: number; n: number | string; grp: Group | null; source: string; channel: string; kind: string; real_name: number; cls: string;
    category: string | null; acc_rank: string | null; acc_unit: string | null; received: string | null; dup_of: string | null; office?: string | null;
  };
  const rows = (await sql<Row>`select grouping(${sql.raw(tagged.join(', '))}) as set, ${sql.raw(columns.join(', '))}, count(*) as n
    from ${classified(trx, 'postgres', q, amended)} as c
    group by grouping sets (${sql.raw(Object.values(sets).map((cols) => `(${cols.join(', ')})`).join(', '))})`.execute(trx)).rows;
  const main: MainRow[] = [];
  const keyed = { category: new Map<string, GroupKeyCount>(), rank: new Map<string, GroupKeyCount>(), unit: new Map<string, GroupKeyCount>(), received: new Map<string, GroupKeyCount>(), office: new Map<string, GroupKeyCount>() };
  const tally = (into: Map<string, GroupKeyCount>, group: Group, key: string | null | undefined, n: number) => {
    const k = `${group}\t${key ?? '\u0000'}`;
    const row = into.get(k);
    if (row) row.count += n;
    else into.set(k, { group, key: key ?? null, count: n });
  };
  const drew = new Map<number, number>(); // duplicates drawn -> originals
  for (const r of rows) {
    const n = Number(r.n);
    switch (setOf.get(Number(r.set))) {
      case 'main':
        main.push({
          grp: r.grp!, source: r.source, channel: r.channel, kind: r.kind, real_name: r.real_name, cls: r.cls, n,
          concluded: r.concluded_f * n, deadline: r.deadline_f * n, on_time: r.on_time_f * n, real_n: r.real_f * n, replied: r.replied_f * n, overdue: r.overdue_f * n,
        });
        break;
      case 'categoryRank': tally(keyed.category, r.grp!, r.category, n); tally(keyed.rank, r.grp!, r.acc_rank, n); break;
      case 'unit': tally(keyed.unit, r.grp!, r.acc_unit, n); break;
      case 'received': tally(keyed.received, r.grp!, r.received, n); break;
      case 'office': tally(keyed.office, r.grp!, r.office, n); break;
      case 'dup': if (r.dup_of !== null) drew.set(n, (drew.get(n) ?? 0) + 1); break; // the null group: not duplicates
      default: throw new Error(`report: a row of no grouping set (${String(r.set)})`);
    }
  }
  return {
    main, category: [...keyed.category.values()], rank: [...keyed.rank.values()], unit: [...keyed.unit.values()], received: [...keyed.received.values()],
    office: sets.office ? [...keyed.office.values()] : undefined, drew: [...drew].map(([n, originals]) => ({ n, originals })),
  };
}

/** The counts of PeriodCounts folded from the grouped rows; sanctions and activities read on `conn`. */
async function foldCounts(conn: Db, q: PeriodCountQuery, rows: CountRows): Promise<PeriodCounts> {
  const groups = { superior: zeroCounts(), local: zeroCounts() };
  const source = new Map<string | null, number>();
  const type = new Map<string | null, number>();
  const channel = new Map<string | null, number>();
  const realName = new Map<string | null, number>();
  const duplicatesByGroup: Record<Group, number> = { superior: 0, local: 0 };
  const dims = new Map<string, Map<string, number>>(); // breakdown of coded dimensions: "group\tkey"
  const bump = (dim: string, group: Group, key: string, n: number) => {
    const m = dims.get(dim) ?? new Map<string, number>();
    m.set(`${group}\t${key}`, (m.get(`${group}\t${key}`) ?? 0) + n);
    dims.set(dim, m);
  };
  for (const r of rows.main) {
    const g = groups[r.grp];
    const n = Number(r.n);
    g.received += n;
    switch (r.cls) {
      case 'duplicate': g.duplicates += n; duplicatesByGroup[r.grp] += n; break;
      case 'out-of-scope': g.outOfScope += n; break;
      case 'no-substance': g.noSubstance += n; break;
      case 'pending': g.pending += n; break;
      default:
        if (!(DISPOSAL_CODES as readonly string[]).includes(r.cls)) throw new Error(`unknown disposal in the registry: ${r.cls}`);
        g.disposals[r.cls as Disposal] += n;
    }
    g.concluded += Number(r.concluded);
    g.concludedWithDeadline += Number(r.deadline);
    g.onTime += Number(r.on_time);
    g.realName += Number(r.real_n);
    g.replied += Number(r.replied);
    g.overdue += Number(r.overdue);
    add(source, r.grp, n);
    add(type, r.cls === 'out-of-scope' || r.cls === 'no-substance' ? r.cls : r.kind, n);
    add(channel, r.channel, n);
    add(realName, Number(r.real_name) === 1 ? 'real-name' : 'anonymous', n);
    bump('source', r.grp, r.source, n);
    bump('channel', r.grp, r.channel, n);
    bump('kind', r.grp, r.kind, n);
    bump('disposal', r.grp, r.cls, n);
  }
  const total = groups.superior.received + groups.local.received;
  const duplicates = duplicatesByGroup.superior + duplicatesByGroup.local;

  const { category, rank, unit: unitRows, received: byDateRows } = rows;
  const ungrouped = (list: readonly GroupKeyCount[]) => {
    const m = new Map<string | null, number>();
    for (const r of list) add(m, r.key, r.count);
    return rowsOf(m);
  };
  const allUnits = ungrouped(unitRows);
  const named = allUnits.filter((u) => u.key !== null).sort((a, b) => b.count - a.count || (a.key! < b.key! ? -1 : 1));
  // A tie at the cut keeps every unit of that count (two items or more): which of them is fifth
  // would otherwise depend on their names.
  let cut = Math.min(q.topUnits ?? 5, named.length);
  while (cut > 0 && cut < named.length && named[cut]!.count === named[cut - 1]!.count && named[cut]!.count >= 2) cut++;
  const unit = named.slice(0, cut);
  const unnamed = allUnits.find((u) => u.key === null);
  if (unnamed) unit.push(unnamed);

  // Originals by how many duplicates (received in the period, duplicates at the as-of date) they drew.
  const repeat: RepeatFigures = { originals: 0, duplicates: 0, byDuplicates: { '1': 0, '2': 0, '3+': 0 } };
  for (const { n, originals } of rows.drew) {
    repeat.originals += originals;
    repeat.duplicates += n * originals;
    repeat.byDuplicates[n >= 3 ? '3+' : n === 2 ? '2' : '1'] += originals;
  }

  let breakdown: GroupKeyCount[] = [];
  const fromDims = (dim: string) => [...(dims.get(dim) ?? new Map<string, number>())].map(([k, count]) => {
    const [group, key] = k.split('\t') as [Group, string];
    return { group, key, count };
  });
  switch (q.breakdown) {
    case 'source': case 'channel': case 'kind': case 'disposal': breakdown = fromDims(q.breakdown); break;
    case 'category': breakdown = [...category]; break;
    case 'rank': breakdown = [...rank]; break;
    case 'unit': breakdown = [...unitRows]; break;
    case 'office': breakdown = [...(rows.office ?? [])]; break;
    default: break; // month and repeat: built by the use case from byDate and duplicatesByGroup
  }

  const [sanctions, activities] = await Promise.all([sanctionCounts(conn, q), activityCounts(conn, q)]);
  return {
    groups,
    byDate: byDateRows.map((r) => ({ group: r.group, date: r.key!, count: r.count })),
    repeat,
    breakdown,
    analysis: {
      source: rowsOf(source), type: rowsOf(type), channel: rowsOf(channel),
      category: ungrouped(category), rank: ungrouped(rank), unit,
      repeat: [{ key: 'first', count: total - duplicates }, { key: 'repeat', count: duplicates }],
      realName: rowsOf(realName),
    },
    allUnits,
    duplicatesByGroup,
    sanctions,
    activities,
  };
}

/**
 * Persons sanctioned per kind (one sanction event = one person), by the events' own dates in
 * the period up to the as-of date, as known at K; never on an item voided (as known at K).
 */
async function sanctionCounts(db: Db, q: PeriodCountQuery): Promise<{ kind: string; persons: number }[]> {
  let s = db.selectFrom('events as e')
    .select((eb) => ['e.value', eb.fn.countAll().as('n')])
    .where('e.kind', '=', 'sanction')
    .where('e.on_date', '>=', q.from).where('e.on_date', '<=', q.to)
    .where((eb) => eb.not(eb.exists(() => {
      let v = eb.selectFrom('events as v').select('v.id').whereRef('v.item_id', '=', 'e.item_id').where('v.kind', '=', 'void');
      if (q.knownAt !== undefined) v = v.where('v.at', '<=', q.knownAt);
      return v;
    })))
    .groupBy('e.value');
  if (q.knownAt !== undefined) s = s.where('e.at', '<=', q.knownAt);
  const rows = await s.execute();
  return rows.filter((r) => r.value !== null).map((r) => ({ kind: r.value!, persons: Number(r.n) }));
}

/** Outreach activities per kind dated in the period up to the as-of date, as known at K. */
async function activityCounts(db: Db, q: PeriodCountQuery): Promise<{ kind: ActivityKind; count: number }[]> {
  let s = db.selectFrom('activities').select((eb) => ['kind', eb.fn.sum<number>('count').as('n')])
    .where('on_date', '>=', q.from).where('on_date', '<=', q.to).groupBy('kind');
  if (q.knownAt !== undefined) s = s.where('at', '<=', q.knownAt);
  const rows = await s.execute();
  return rows.map((r) => ({ kind: r.kind as ActivityKind, count: Number(r.n) }));
}

// The state of every item at the end of time, as known now, kept in a table of its own beside the
// items (item_state, migration 0007) for the period reports (SPEC 6.1, 9).
//
// A report counts half a million items a period by their state as of the period's end. Computing
// each state from the events (store/events.ts, itemStateGroups) is a grouped pass over the items
// and their events, which on PostgreSQL cost most of a report's time. The state at the end of time
// is the state as of any date D on or after `settled`, the latest date of the item's events of the
// kinds the state depends on (STATE_KINDS): an event counts as of D when its date is on or before D
// (a void at any date), so with none dated after D the two passes read the same events. A report
// therefore reads the kept row of every item settled by D, and computes the state of the few
// others (events dated after D: back-dated periods, decisions recorded ahead) from their events as
// before (store/report.ts). Measured in README, "Reports" (PostgreSQL: 4.3 s -> 2.2 s a year yoy).
//
// The table is derived data: every writer keeps it in the same transaction — an event recorded
// (insertEvent), a registered field corrected (updateItemFields), an item registered (insertItem)
// or imported (the import, addImportedItems) — by recomputing the rows of the items it touched
// with the very pass a report would run. `audit verify` recomputes the whole table and names
// the items whose rows differ, are missing or repeated (altered behind the program's back), and
// `init` recomputes them.

import { sql } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import type { ItemState } from '../domain/events.js';
import type { Disposal, Status } from '../domain/vocabulary.js';
import { itemStateGroups, STATE_KINDS } from './events.js';
import type { Db } from './registry.js';
import type { Dialect, ItemStateTable } from './schema.js';

/** The registered fields a report counts by, as the items table names them. */
const FIELDS = ['received', 'source', 'channel', 'kind', 'category', 'accused_rank', 'accused_unit', 'real_name'] as const;

/** Every column of item_state, in table order. */
export const ITEM_STATE_COLUMNS = [
  'item_id', ...FIELDS, 'settled',
  'status', 'dup_target', 'disposal', 'assigned_to', 'assigned', 'due', 'concluded', 'notified', 'replied', 'triaged',
] as const satisfies readonly (keyof ItemStateTable)[];

/**
 * What item_state should hold for the items `itemIds` (every item when undefined), computed from the items and their events:
 * the state pass at the end of time (itemStateGroups without an as-of date or known-at time; see
 * its doc for the columns) with the item's reported fields and `settled`, the latest effective
 * date of its events of a kind the state depends on (STATE_KINDS: not voids, which count at any
 * date, nor corrections, sanctions and the like, which change no state). A query builder whose rows have ITEM_STATE_COLUMNS in order.
 * `dialect`: the pass in PostgreSQL's faster words (the rows are the same).
 */
export function itemStateSource(db: Db, dialect: Dialect | undefined, itemIds?: readonly number[]) {
  const pass = itemStateGroups(db, itemIds !== undefined ? { itemIds } : {}, { scopeData: false, dialect });
  const kinds = sql.join(STATE_KINDS.map((k) => sql.lit(k)));
  const settled = sql<string | null>`max(case when ${sql.ref('e.kind')} in (${kinds}) then ${sql.ref('e.on_date')} end)`;
  const rows = pass.select([...FIELDS.map((f) => `i.${f}` as const), settled.as('settled')]);
  return db.selectFrom(rows.as('s')).select(ITEM_STATE_COLUMNS.map((c) => `s.${c}` as const));
}

/**
 * Recomputes the item_state rows of the given items (an event recorded on them, a field
 * corrected, a new item). Call inside Registry.write, after the change. A few ids at a time.
 */
export async function refreshItemState(trx: Db, itemIds: readonly number[]): Promise<void> {
  if (itemIds.length === 0) return;
  await trx.deleteFrom('item_state').where('item_id', 'in', itemIds).execute();
  await trx.insertInto('item_state').columns([...ITEM_STATE_COLUMNS]).expression(itemStateSource(trx, undefined, itemIds)).execute();
}

/**
 * The item_state rows of items just imported (ids `idFrom`..`idTo`, inclusive): pending, without
 * events (no other writer can have recorded one before the import commits), so read from the
 * items alone — the rows the pass gives an item without events. Call inside the import's write.
 */
export async function addImportedItems(trx: Db, idFrom: number, idTo: number): Promise<void> {
  const none = ['dup_target', 'disposal', 'assigned_to', 'assigned', 'due', 'concluded', 'notified', 'replied', 'triaged'] as const;
  await trx.insertInto('item_state').columns([...ITEM_STATE_COLUMNS]).expression(
    trx.selectFrom('items as i')
      .select(['i.id as item_id', ...FIELDS.map((f) => `i.${f}` as const)])
      .select([sql<null>`null`.as('settled'), sql<string>`'pending'`.as('status')])
      .select(none.map((c) => sql<null>`null`.as(c)))
      .where('i.id', '>=', idFrom).where('i.id', '<=', idTo) as never,
  ).execute();
}

/**
 * Replaces the whole of item_state with what the items and events give (migration 0007, init's
 * repair). Returns the rows written. Call inside Registry.write (or a migration).
 */
export async function rebuildItemState(trx: Db, dialect: Dialect): Promise<number> {
  await trx.deleteFrom('item_state').execute();
  const r = await trx.insertInto('item_state').columns([...ITEM_STATE_COLUMNS]).expression(itemStateSource(trx, dialect)).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/**
 * The items whose item_state row differs from what their items and events give — altered, added,
 * removed or repeated behind the program's back — by id, ascending: how many, and the first
 * `limit`. One set difference each way over the whole table (seconds at a million items), and the
 * items with more than one row: a set difference does not see a correct row copied, which a report
 * would count twice (the primary key forbids it, but whoever can write the file can drop the key).
 */
export async function itemStateFaults(db: Db, dialect: Dialect, limit = 20): Promise<{ count: number; itemIds: number[] }> {
  const expected = itemStateSource(db, dialect);
  const stored = db.selectFrom('item_state').select([...ITEM_STATE_COLUMNS]);
  const r = await sql<{ item_id: number | string }>`select item_id from (select * from (${expected}) a except select * from (${stored}) b) x
    union select item_id from (select * from (${stored}) c except select * from (${expected}) d) y
    union select item_id from item_state group by item_id having count(*) > 1
    order by item_id`.execute(db);
  const ids = r.rows.map((x) => Number(x.item_id));
  return { count: ids.length, itemIds: ids.slice(0, limit) };
}

/** The migration that made item_state (and filled it): an init that applied it needs no check. */
export const ITEM_STATE_MIGRATION = '0007_item_state';

/** What an item's deadlines depend on in its state (usecases/overdue.ts, deadlineFacts). */
export type DeadlineState = Pick<ItemState, 'status' | 'triaged' | 'assigned' | 'due' | 'concluded' | 'notified' | 'replied'>;

/** What a listing filters on in an item's state: its deadlines, disposal and handling office. */
export type KeptState = DeadlineState & Pick<ItemState, 'disposal' | 'assignedTo'>;

/**
 * The state as of `asOf` of those of `itemIds` (a page: at most a few thousand) that are settled by
 * `asOf`, read from their kept rows (see the header), by item id. The others are left out:
 * compute their state from their events (store/events.ts, itemStates).
 */
export async function keptStates(db: Db, itemIds: readonly number[], asOf: IsoDate): Promise<Map<number, KeptState>> {
  const out = new Map<number, KeptState>();
  if (itemIds.length === 0) return out;
  const rows = await db.selectFrom('item_state')
    .select(['item_id', 'status', 'disposal', 'assigned_to', 'triaged', 'assigned', 'due', 'concluded', 'notified', 'replied'])
    .where('item_id', 'in', itemIds)
    .where((eb) => eb.or([eb('settled', 'is', null), eb('settled', '<=', asOf)]))
    .execute();
  for (const r of rows) {
    out.set(Number(r.item_id), {
      status: r.status as Status, disposal: r.disposal as Disposal | null, assignedTo: r.assigned_to,
      triaged: r.triaged, assigned: r.assigned, due: r.due, concluded: r.concluded, notified: r.notified, replied: r.replied,
    });
  }
  return out;
}

// Items and their events in the registry. Reporter fields are sealed on the way in and opened on
// the way out through the Vault; nothing else in the program sees a sealed value.

import { sql, type Selectable } from 'kysely';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { contentText, storedIdentityKey } from '../domain/identity.js';
import { formatCode, type ItemDraft, type StoredItem } from '../domain/item.js';
import { isEmptyReporter, type Reporter } from '../domain/reporter.js';
import { GROUPS, SOURCES, groupOf, type Channel, type Group, type Kind, type Source } from '../domain/vocabulary.js';
import type { Db } from './registry.js';
import { nextId, nextSeq } from './ids.js';
import { refreshItemState } from './item-state.js';

export { nextSeq };
import type { ItemTable } from './schema.js';
import type { ReporterHashes, Vault } from './vault.js';

export type ItemRow = Selectable<ItemTable>;
/** An item row with the facts of its registration. */
export type ItemRecordRow = ItemRow & { intake_at: string; intake_operator: string };


export interface Intake {
  at: string;
  operator: string;
  via: 'register' | 'import';
  file?: string;
}

export async function insertIntake(trx: Db, i: Intake): Promise<number> {
  const id = await nextId(trx, 'intakes');
  await trx.insertInto('intakes').values({ id, at: i.at, operator: i.operator, via: i.via, file: i.file ?? null }).execute();
  return id;
}

export async function insertReporterBlock(trx: Db, vault: Vault, entries: readonly (readonly [string, Reporter])[]): Promise<number> {
  const id = await nextId(trx, 'reporter_blocks');
  await trx.insertInto('reporter_blocks').values({ id, data: vault.sealBlock(id, entries) }).execute();
  return id;
}

/** The row an item is stored as; the reporter itself goes into a sealed block (`reporterBlock`). */
export function itemRow(id: number, seq: number, d: ItemDraft, vault: Vault, intakeId: number, reporterBlock: number | null, fingerprint?: number, hashes?: ReporterHashes): ItemRow {
  const h = hashes ?? vault.reporterHashes(d.reporter);
  return {
    id,
    code: formatCode(yearOf(d.received), seq),
    year: yearOf(d.received),
    seq,
    received: d.received,
    source: d.source,
    forwarded_by: d.forwardedBy ?? null,
    ref: d.ref ?? null,
    ref_key: storedIdentityKey(d.forwardedBy, d.ref),
    channel: d.channel,
    kind: d.kind,
    category: d.category ?? null,
    summary: d.summary ?? null,
    real_name: d.realName ? 1 : 0,
    reporter_block: reporterBlock,
    reporter_name_hash: h.name,
    reporter_id_hash: h.idNumber,
    reporter_phone_hash: h.phone,
    accused_name: d.accusedName ?? null,
    accused_unit: d.accusedUnit ?? null,
    accused_post: d.accusedPost ?? null,
    accused_rank: d.accusedRank ?? null,
    extra: Object.keys(d.extra).length > 0 ? JSON.stringify(d.extra) : null,
    // The same content text an import compares (domain/identity.ts), so registered and imported items agree.
    fingerprint: fingerprint ?? vault.digest(contentText(d)),
    intake_id: intakeId,
  };
}

/** Registers one item under the next code of its year. Call inside Registry.write. */
export async function insertItem(trx: Db, vault: Vault, d: ItemDraft, intake: Intake): Promise<ItemRow> {
  const intakeId = await insertIntake(trx, intake);
  const seq = await nextSeq(trx, yearOf(d.received));
  const block = isEmptyReporter(d.reporter) ? null : await insertReporterBlock(trx, vault, [[formatCode(yearOf(d.received), seq), d.reporter]]);
  const row = itemRow(await nextId(trx, 'items'), seq, d, vault, intakeId, block);
  await trx.insertInto('items').values(row).execute();
  await refreshItemState(trx, [row.id]);
  return row;
}

function selectRecords(db: Db) {
  return db.selectFrom('items').innerJoin('intakes', 'intakes.id', 'items.intake_id')
    .selectAll('items').select(['intakes.at as intake_at', 'intakes.operator as intake_operator']);
}

export async function findItemRecord(db: Db, year: number, seq: number): Promise<ItemRecordRow | undefined> {
  return selectRecords(db).where('items.year', '=', year).where('items.seq', '=', seq).executeTakeFirst();
}

/**
 * Opens the sealed blocks a set of rows needs, each once, and hands out each item's reporter.
 * Checks that the block really holds the item: a row pointed at another block gets an error.
 */
export class ReporterReader {
  private constructor(private readonly byBlock: Map<number, Map<string, Reporter>>, private readonly damagedBlocks: Set<number>) {}

  /** Opens every block `rows` need, once each; a block that does not open is noted, not thrown. */
  static async load(db: Db, vault: Vault, rows: readonly Pick<ItemRow, 'reporter_block'>[]): Promise<ReporterReader> {
    const ids = [...new Set(rows.map((r) => r.reporter_block).filter((b): b is number => b !== null).map(Number))];
    const byBlock = new Map<number, Map<string, Reporter>>();
    const damaged = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const blocks = await db.selectFrom('reporter_blocks').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const b of blocks) {
        try {
          byBlock.set(Number(b.id), vault.openBlock(Number(b.id), Buffer.from(b.data)));
        } catch {
          damaged.add(Number(b.id));
        }
      }
    }
    return new ReporterReader(byBlock, damaged);
  }

  /** The item's reporter; `{ damaged: true }` when its block is missing, does not open, or does not hold it. */
  reporterOf(row: Pick<ItemRow, 'reporter_block' | 'code'>): Reporter {
    if (row.reporter_block === null) return {};
    const r = this.byBlock.get(Number(row.reporter_block))?.get(row.code);
    return r ?? { damaged: true };
  }
}

/**
 * Every sealed block that does not open under `vault`, or that does not hold an item pointing at
 * it, with the codes of the items that lose their reporter (audit verify, SPEC 5). Reads blocks in pages.
 */
export async function damagedReporterBlocks(db: Db, vault: Vault): Promise<{ block: number; codes: string[] }[]> {
  const out: { block: number; codes: string[] }[] = [];
  let after = 0;
  for (;;) {
    const blocks = await db.selectFrom('reporter_blocks').selectAll().where('id', '>', after).orderBy('id').limit(500).execute();
    if (blocks.length === 0) break;
    after = Number(blocks.at(-1)!.id);
    const ids = blocks.map((b) => Number(b.id));
    const items = await db.selectFrom('items').select(['code', 'reporter_block']).where('reporter_block', 'in', ids).execute();
    for (const b of blocks) {
      let held: Map<string, Reporter> | undefined;
      try {
        held = vault.openBlock(Number(b.id), Buffer.from(b.data));
      } catch {
        held = undefined;
      }
      const codes = items.filter((i) => Number(i.reporter_block) === Number(b.id) && !held?.has(i.code)).map((i) => i.code);
      if (held === undefined || codes.length > 0) out.push({ block: Number(b.id), codes });
    }
  }
  // Items pointing at a block that is gone.
  const orphans = await db.selectFrom('items').select(['code', 'reporter_block']).where('reporter_block', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('reporter_blocks').select('id').whereRef('reporter_blocks.id', '=', 'items.reporter_block')))).execute();
  for (const o of orphans) out.push({ block: Number(o.reporter_block), codes: [o.code] });
  return out;
}

export function rowToItem(r: ItemRecordRow, reporter: Reporter): StoredItem {
  return {
    id: Number(r.id),
    code: r.code,
    received: r.received,
    source: r.source as Source,
    forwardedBy: r.forwarded_by ?? undefined,
    ref: r.ref ?? undefined,
    channel: r.channel as Channel,
    kind: r.kind as Kind,
    category: r.category ?? undefined,
    summary: r.summary ?? undefined,
    reporter,
    realName: Number(r.real_name) === 1,
    accusedName: r.accused_name ?? undefined,
    accusedUnit: r.accused_unit ?? undefined,
    accusedPost: r.accused_post ?? undefined,
    accusedRank: r.accused_rank ?? undefined,
    extra: r.extra ? (JSON.parse(r.extra) as Record<string, string>) : {},
    createdAt: r.intake_at,
    createdBy: r.intake_operator,
  };
}

export interface ItemQuery {
  from?: IsoDate;
  to?: IsoDate;
  /**
   * The state date of a listing (`list --as-of D`): an item received after D did not exist yet
   * then, so it is left out, as reports leave it out (SPEC 3: the state at D is what was known
   * of the item at D; SPEC 6.1).
   */
  asOf?: IsoDate;
  sources?: Source[];
  group?: Group;
  channels?: Channel[];
  /** Free text over summary, category, accused, unit, reference and organ (never a reporter: SPEC 5). */
  search?: string;
  /** Items whose reporter field has this keyed hash (`list --reporter`, audited by the use case). */
  reporter?: ReporterMatch;
  accused?: string;
  unit?: string;
  limit?: number;
  /** Keyset pagination: only items after this one in received order. */
  after?: ItemCursor;
}

/** An item's place in received order: (received, year, seq). */
export interface ItemCursor {
  received: IsoDate;
  year: number;
  seq: number;
}

/**
 * `column` contains `text` literally (`%` and `_` are plain characters), ignoring ASCII case, alike
 * on both engines: LIKE with an explicit ESCAPE (SQLite has no default escape character; PostgreSQL's
 * is the backslash) over lower() of both sides (PostgreSQL's LIKE is case-sensitive, SQLite's is not).
 */
function contains(column: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}

/** A reporter look-up: the field and the keyed hash of the value sought. */
export interface ReporterMatch {
  field: 'name' | 'idNumber' | 'phone';
  hash: number;
}

const REPORTER_HASH_COLUMN = { name: 'items.reporter_name_hash', idNumber: 'items.reporter_id_hash', phone: 'items.reporter_phone_hash' } as const;

/** How many items (void ones included) have a reporter matching `m`. */
export async function countReporterMatches(db: Db, m: ReporterMatch): Promise<number> {
  const r = await db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).where(REPORTER_HASH_COLUMN[m.field], '=', m.hash).executeTakeFirst();
  return Number(r?.n ?? 0);
}

const SOURCES_OF: Record<Group, Source[]> = Object.fromEntries(
  GROUPS.map((g) => [g.code, SOURCES.map((s) => s.code).filter((s) => groupOf(s) === g.code)]),
) as Record<Group, Source[]>;

/** The items a query selects, in received order (filters, keyset page, limit), with no columns chosen yet. */
function selectedItems(db: Db, q: ItemQuery) {
  let s = db.selectFrom('items');
  if (q.from) s = s.where('items.received', '>=', q.from);
  if (q.to) s = s.where('items.received', '<=', q.to);
  if (q.asOf) s = s.where('items.received', '<=', q.asOf);
  if (q.sources?.length) s = s.where('items.source', 'in', q.sources);
  if (q.group) s = s.where('items.source', 'in', SOURCES_OF[q.group]);
  if (q.channels?.length) s = s.where('items.channel', 'in', q.channels);
  if (q.accused) s = s.where(contains('items.accused_name', q.accused));
  if (q.unit) s = s.where(contains('items.accused_unit', q.unit));
  if (q.search) {
    const text = q.search;
    s = s.where((eb) => eb.or((['summary', 'category', 'accused_name', 'accused_unit', 'ref', 'forwarded_by', 'code'] as const)
      .map((c) => contains(`items.${c}`, text))));
  }
  if (q.reporter) s = s.where(REPORTER_HASH_COLUMN[q.reporter.field], '=', q.reporter.hash);
  if (q.after) {
    const a = q.after;
    // A row-value comparison, which both SQLite and PostgreSQL answer from the (received, year, seq) index.
    s = s.where((eb) => eb(eb.refTuple('items.received', 'items.year', 'items.seq'), '>', eb.tuple(a.received, a.year, a.seq)));
  }
  s = s.orderBy('items.received').orderBy('items.year').orderBy('items.seq');
  if (q.limit !== undefined) s = s.limit(q.limit);
  return s;
}

/** The items a query selects, whole, with the facts of their registration, in received order. */
export async function queryItemRecords(db: Db, q: ItemQuery): Promise<ItemRecordRow[]> {
  return selectedItems(db, q).innerJoin('intakes', 'intakes.id', 'items.intake_id')
    .selectAll('items').select(['intakes.at as intake_at', 'intakes.operator as intake_operator']).execute();
}

/**
 * The same items, only their place in received order and the facts deadlines need: a listing
 * filtered by state reads these first and the whole rows of the items it keeps alone (whole rows
 * cost the driver most of a page's time; bench/decisions.mjs).
 */
export async function queryItemKeys(db: Db, q: ItemQuery): Promise<ItemDeadlineRow[]> {
  return selectedItems(db, q).select(['items.id', 'items.code', 'items.received', 'items.year', 'items.seq', 'items.real_name']).execute();
}

/** Whole records of the items with these ids, in received order. */
export async function itemRecordsByIds(db: Db, ids: readonly number[]): Promise<ItemRecordRow[]> {
  const out: ItemRecordRow[] = [];
  for (let i = 0; i < ids.length; i += 2000) {
    out.push(...await selectRecords(db).where('items.id', 'in', ids.slice(i, i + 2000)).execute());
  }
  const order = (r: ItemRecordRow) => [r.received, Number(r.year), Number(r.seq)] as const;
  return out.sort((a, b) => { const x = order(a), y = order(b); return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]; });
}

/** An item's place in received order and the facts its deadlines need (SPEC 4), nothing else. */
export type ItemDeadlineRow = Pick<ItemRow, 'id' | 'code' | 'received' | 'year' | 'seq' | 'real_name'>;

/**
 * Items received on or before `to`, after `after`, in received order, at most `limit`: only the
 * columns `overdue` reads. Whole rows (24 columns) cost the driver most of a page's time: on 1M
 * items, `overdue` took 18.4 s with them and 11.4 s with these (bench/decisions.mjs --arrival).
 */
export async function queryItemDeadlineRows(db: Db, q: { to?: IsoDate; after?: ItemCursor; limit: number }): Promise<ItemDeadlineRow[]> {
  let s = db.selectFrom('items').select(['items.id', 'items.code', 'items.received', 'items.year', 'items.seq', 'items.real_name']);
  if (q.to) s = s.where('items.received', '<=', q.to);
  if (q.after) {
    const a = q.after;
    s = s.where((eb) => eb(eb.refTuple('items.received', 'items.year', 'items.seq'), '>', eb.tuple(a.received, a.year, a.seq)));
  }
  return s.orderBy('items.received').orderBy('items.year').orderBy('items.seq').limit(q.limit).execute();
}

// Events are read and written in events.ts (typed payloads, the state-as-of query).
export { eventsByItem } from './events.js';

/** Codes of earlier items with the same reporter (phone or ID) or the same accused person and unit. */
export async function findSimilarCodes(db: Db, m: { idHash: number | null; phoneHash: number | null; accusedName?: string; accusedUnit?: string; excludeId?: number; limit?: number }): Promise<string[]> {
  if (m.idHash === null && m.phoneHash === null && !(m.accusedName && m.accusedUnit)) return [];
  let s = db.selectFrom('items').select('code').where((eb) => {
    const ors = [];
    if (m.idHash !== null) ors.push(eb('reporter_id_hash', '=', m.idHash));
    if (m.phoneHash !== null) ors.push(eb('reporter_phone_hash', '=', m.phoneHash));
    if (m.accusedName && m.accusedUnit) ors.push(eb.and([eb('accused_name', '=', m.accusedName), eb('accused_unit', '=', m.accusedUnit)]));
    return eb.or(ors);
  });
  if (m.excludeId !== undefined) s = s.where('id', '!=', m.excludeId);
  const rows = await s.orderBy('received', 'desc').limit(m.limit ?? 5).execute();
  return rows.map((r) => r.code);
}

/**
 * Recomputes every item's fingerprint as the keyed digest of its content text (domain/identity.ts:
 * organ and reference folded, line endings and blanks normalised) and its reporter's keyed hashes
 * (a 15-digit ID as its 18-digit form, an ID failing its check no key at all), for registries whose
 * items were keyed before those rules; call inside Registry.write with the registry's vault.
 * Items whose reporter block does not open keep theirs. Returns how many changed. Reads a page at a time.
 */
export async function refingerprintItems(trx: Db, vault: Vault): Promise<number> {
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = await selectRecords(trx).where('items.id', '>', after).orderBy('items.id').limit(2000).execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.id);
    const reporters = await ReporterReader.load(trx, vault, rows);
    for (const r of rows) {
      const reporter = reporters.reporterOf(r);
      if (reporter.damaged) continue;
      const fp = vault.digest(contentText(rowToItem(r, reporter)));
      const h = vault.reporterHashes(reporter);
      const same = (a: unknown, b: number | null) => (a === null ? null : Number(a)) === b;
      if (fp !== Number(r.fingerprint) || !same(r.reporter_name_hash, h.name) || !same(r.reporter_id_hash, h.idNumber) || !same(r.reporter_phone_hash, h.phone)) {
        await trx.updateTable('items').set({ fingerprint: fp, reporter_name_hash: h.name, reporter_id_hash: h.idNumber, reporter_phone_hash: h.phone })
          .where('id', '=', Number(r.id)).execute();
        changed++;
      }
    }
  }
  return changed;
}

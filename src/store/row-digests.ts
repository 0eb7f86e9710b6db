// Reading rows for their digests (domain/row-digest.ts): one row just written, for the entry that
// wrote it, or every row of a table in id order, for `audit verify` and init's baseline.

import { DIGEST_COLUMNS, DigestSum, digestHex, type Digest64, type DigestedTable, type RowDigester, type RowRanges } from '../domain/row-digest.js';
import type { Db, Registry } from './registry.js';

/** The digest of row `id` of `table` as stored now; undefined when there is no such row. */
export async function storedRowDigest(db: Db, digester: RowDigester, table: DigestedTable, id: number): Promise<Digest64 | undefined> {
  const r = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  return r ? digester.tableRow(table, r as Record<string, unknown>) : undefined;
}

/**
 * What the audit entry of a write records about the rows it wrote (`wrote` of its details): each
 * table's ids as ranges and one digest over them all, read back in the writing transaction `trx`.
 * `rows`: [table, id] pairs, ids ascending per table.
 */
export async function rowRecord(trx: Db, digester: RowDigester, ...rows: [DigestedTable, number][]): Promise<RowRanges & { digest: string }> {
  const sum = new DigestSum();
  const ranges: RowRanges = {};
  for (const [table, id] of rows) {
    const d = await storedRowDigest(trx, digester, table, id);
    if (!d) throw new Error(`row ${id} of ${table} was not written`);
    sum.add(d);
    (ranges[table] ??= []).push([id, id]);
  }
  return { ...ranges, digest: sum.hex() };
}

/** `amend`'s record of the item row it replaced (SPEC 5): the row's digest before and after. */
export function replacedRecord(item: number, from: Digest64, to: Digest64): { item: number; from: string; to: string } {
  return { item, from: digestHex(from), to: digestHex(to) };
}

/**
 * Calls `visit` with every row of `table` in ascending id order, its digest and (items) its code;
 * read as arrays through the engine (Engine.readRows) in pages of `pageSize` rows, so that a
 * million rows cost neither an object each nor the memory of all of them. `db`: the registry's, or
 * a running write's transaction.
 */
export async function forEachRowDigest(
  registry: Registry, db: Db, digester: RowDigester, table: DigestedTable,
  visit: (id: number, d: Digest64, label: string | undefined) => void, pageSize = 5000,
): Promise<number> {
  const columns = DIGEST_COLUMNS[table];
  let after = -1;
  let n = 0;
  for (;;) {
    const rows = await registry.engineForStore.readRows(db, table, columns, after, pageSize);
    for (const r of rows) visit(Number(r[0]), digester.rowValues(table, r), table === 'items' ? String(r[1]) : undefined);
    n += rows.length;
    if (rows.length < pageSize) return n;
    after = Number(rows[rows.length - 1]![0]);
  }
}

/** Meta key: which row digests the log's entries carry; set by init once every row has an owner. */
export const ROWS_SCHEME_KEY = 'rows.scheme';
export const ROWS_SCHEME = 'digest-v1';

/** The intake (who registered it, when, how) of item `itemId`. */
export async function intakeOfItem(db: Db, itemId: number): Promise<number> {
  const r = await db.selectFrom('items').select('intake_id').where('id', '=', itemId).executeTakeFirstOrThrow();
  return Number(r.intake_id);
}

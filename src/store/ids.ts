// Ids, codes and sequence numbers are taken as max()+1. That is safe on both engines because
// every write runs in Registry.write, which holds the registry's one write lock for the whole
// transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock, see
// engine/postgres.ts): no two writers ever read the same max.

import type { Db } from './registry.js';

export type IdTable = 'items' | 'intakes' | 'reporter_blocks' | 'events';

/** The next id of `table`. Call only inside Registry.write. */
export async function nextId(trx: Db, table: IdTable): Promise<number> {
  const r = await trx.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** The next sequence number of items received in `year` (codes are YEAR-SEQ, gap-free per year). */
export async function nextSeq(trx: Db, year: number): Promise<number> {
  const r = await trx.selectFrom('items').select((eb) => eb.fn.max('seq').as('m')).where('year', '=', year).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

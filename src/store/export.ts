// What an export of the whole registry needs from the store beyond the listing queries: the
// extent of the registry at the moment a revealing export is audited.

import type { Db } from './registry.js';

/** The registry's item extent: the highest item id and the number of items (void ones included). */
export interface ItemExtent {
  /** 0 for an empty registry. */
  lastId: number;
  count: number;
}

/**
 * The items there are now, read in the caller's transaction. Items are never deleted and their ids
 * are allocated as max + 1 inside write transactions (ids.ts), so exactly `count` items have an id
 * of at most `lastId`, and an item registered later has a higher id: an export that keeps only ids
 * up to `lastId` writes exactly `count` items, whatever is registered while it runs.
 */
export async function itemExtent(db: Db): Promise<ItemExtent> {
  const r = await db.selectFrom('items')
    .select((eb) => [eb.fn.max('id').as('last'), eb.fn.countAll().as('n')])
    .executeTakeFirst();
  return { lastId: Number(r?.last ?? 0), count: Number(r?.n ?? 0) };
}

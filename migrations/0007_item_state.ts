// The state of every item at the end of time, as known now, with the fields a report counts by
// (store/item-state.ts): one narrow row per item that the period reports read instead of grouping
// every item's events again (SPEC 9). Derived data: filled here from the items and events, kept by
// every writer from now on, recomputed by `audit verify`. No foreign key to items (items are never
// removed, and a large import would check a million keys). Safe to re-run.

import type { Kysely, Migration } from 'kysely';
import { rebuildItemState } from '../src/store/item-state.js';
import type { Dialect } from '../src/store/schema.js';

export function itemState0007(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('item_state').ifNotExists()
        .addColumn('item_id', 'integer', (c) => c.primaryKey())
        .addColumn('received', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('accused_rank', 'text')
        .addColumn('accused_unit', 'text')
        .addColumn('real_name', 'integer', (c) => c.notNull())
        .addColumn('settled', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('dup_target', 'text')
        .addColumn('disposal', 'text')
        .addColumn('assigned_to', 'text')
        .addColumn('assigned', 'text')
        .addColumn('due', 'text')
        .addColumn('concluded', 'text')
        .addColumn('notified', 'text')
        .addColumn('replied', 'text')
        .addColumn('triaged', 'text')
        .execute();
      await db.schema.createIndex('item_state_received').ifNotExists().on('item_state').columns(['received', 'settled']).execute();
      await rebuildItemState(db, dialect);
    },
  };
}

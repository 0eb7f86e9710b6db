// Decisions (SPEC 3): indexes for the state-as-of query and the duplicate rules, outreach
// activities, and pairs dismissed as "not a duplicate". Safe to re-run (SQLite does not wrap
// migrations in a transaction).

import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';

export function decisions0002(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      // "The latest event of each kind on or before D per item": the state query partitions by
      // item and kind's slot and orders by (on_date, id) within it.
      await db.schema.createIndex('events_item_kind_on').ifNotExists().on('events')
        .columns(['item_id', 'kind', 'on_date', 'id']).execute();
      // Who points at an item (duplicates of an original), for the duplicate rules.
      await db.schema.createIndex('events_target').ifNotExists().on('events').columns(['target_id'])
        .where(sql.ref('target_id'), 'is not', null).execute();

      // Outreach work counted in reports by its own date (SPEC 2.5, `activity add`).
      await db.schema.createTable('activities').ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activities_on').ifNotExists().on('activities').columns(['on_date', 'kind']).execute();

      // `dup dismiss`: a pair found not to be duplicates, lower id first, never proposed again.
      await db.schema.createTable('duplicate_dismissals').ifNotExists()
        .addColumn('low_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('high_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
        .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['low_id', 'high_id'])
        .execute();
    },
  };
}

// The state-as-of query reads each item's events in item order (SPEC 3, 9): one grouped pass per
// item (store/events.ts, itemStateGroups). This index holds every column that pass reads — the
// item, kind, effective date, id, recorded time and the value, due date and target a slot carries —
// so that a report reads the index alone, in item order, and never the table (PostgreSQL: an
// index-only scan into a streaming GROUP BY instead of hashing a million groups). It starts with
// the columns of events_item_kind_on (0002), which it replaces. Safe to re-run.

import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';

export function stateIndex0005(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('events_state').ifNotExists().on('events')
        .columns(['item_id', 'kind', 'on_date', 'id', 'at', 'value', 'due', 'target_id']).execute();
      await db.schema.dropIndex('events_item_kind_on').ifExists().execute();
    },
  };
}

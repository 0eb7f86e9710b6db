// The duplicate index (SPEC 6 `dup scan`, 7; issue 10): each item's similarity features, the
// buckets that bring similar items together, and the candidate pairs found so far. All of it is
// derived from the items and extended by each scan (only items added since the last are signed),
// never rebuilt from scratch; none of it holds reporter data (reporter matching reads the items'
// own keyed hashes). No foreign keys: the rows are derived from items, which are never deleted
// (void keeps them), and checking a key for each of ~9 bucket rows an item made the first scan of
// a large registry several times slower. Safe to re-run (SQLite does not wrap migrations in a
// transaction).

import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';

export function dupIndex0004(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const blob = dialect === 'sqlite' ? 'blob' : 'bytea';
      // One row per signed item: its features (hashed accused, folded unit, MinHash signature), packed.
      await db.schema.createTable('dup_signatures').ifNotExists()
        .addColumn('item_id', 'integer', (c) => c.primaryKey())
        .addColumn('features', blob, (c) => c.notNull())
        .execute();
      // Bucket keys (accused in a folded unit; LSH bands of the summary) → items. A bucket keeps at
      // most its cap + 1 members: one over the cap marks it as too common to compare.
      // Looked up by bucket only (an amended item's rows are found from its stored features), so
      // on SQLite the primary key is the table (WITHOUT ROWID): one B-tree for ~9 rows an item.
      let buckets = db.schema.createTable('dup_buckets').ifNotExists()
        .addColumn('bucket', 'bigint', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('dup_buckets_pk', ['bucket', 'item_id']);
      if (dialect === 'sqlite') buckets = buckets.modifyEnd(sql`without rowid`);
      await buckets.execute();
      // Candidate pairs found by scans, later item first, with the score and the reasons (codes).
      await db.schema.createTable('dup_candidates').ifNotExists()
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('original_id', 'integer', (c) => c.notNull())
        .addColumn('score', dialect === 'sqlite' ? 'real' : 'double precision', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        // Copied from the items so that listing the pairs needs no join (an item's code never
        // changes; an amended received date re-signs the item and replaces its pairs).
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('item_received', 'text', (c) => c.notNull())
        .addColumn('original_code', 'text', (c) => c.notNull())
        .addColumn('original_received', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dup_candidates_pk', ['item_id', 'original_id'])
        .execute();
      await db.schema.createIndex('dup_candidates_original').ifNotExists().on('dup_candidates').columns(['original_id']).execute();
      // Register's warning looks up earlier items of the same accused by name (SPEC 7), also items
      // imported since the last scan: partial, most forwarded letters name one.
      await db.schema.createIndex('items_accused_name').ifNotExists().on('items').columns(['accused_name'])
        .where(sql.ref('accused_name'), 'is not', null).execute();
    },
  };
}

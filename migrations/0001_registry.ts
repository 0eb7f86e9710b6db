// The first registry schema: items, their decision events, the audit log and a key/value meta table.
// Ids are assigned by the store (not autoincrement) so that the same DDL serves SQLite and PostgreSQL.
// Rows are kept lean because a million of them arrive in one import: the registration facts shared
// by a whole import live once in `intakes`, reporters are sealed a block at a time in
// `reporter_blocks`, and keyed hashes are 53-bit integers (exact in JavaScript and in both dialects).

import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';

export function registry0001(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('meta').ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      const blob = dialect === 'sqlite' ? 'blob' : 'bytea';
      await db.schema.createTable('intakes').ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('file', 'text')
        .execute();

      await db.schema.createTable('reporter_blocks').ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('data', blob, (c) => c.notNull())
        .execute();

      await db.schema.createTable('items').ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('received', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('forwarded_by', 'text')
        .addColumn('ref', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('summary', 'text')
        .addColumn('real_name', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reporter_block', 'integer', (c) => c.references('reporter_blocks.id'))
        .addColumn('reporter_name_hash', 'bigint')
        .addColumn('reporter_id_hash', 'bigint')
        .addColumn('reporter_phone_hash', 'bigint')
        .addColumn('accused_name', 'text')
        .addColumn('accused_unit', 'text')
        .addColumn('accused_post', 'text')
        .addColumn('accused_rank', 'text')
        .addColumn('extra', 'text')
        .addColumn('fingerprint', 'bigint', (c) => c.notNull())
        .addColumn('intake_id', 'integer', (c) => c.notNull().references('intakes.id'))
        // The code is `year-seq`: looking an item up by code goes through this index.
        .addUniqueConstraint('items_year_seq', ['year', 'seq'])
        .execute();
      // Received order is the listing order and the report period: (received, year, seq) pages through it.
      await db.schema.createIndex('items_received').ifNotExists().on('items').columns(['received', 'year', 'seq']).execute();
      // One forwarded case per (organ, reference number): what makes a re-import idempotent.
      await db.schema.createIndex('items_forwarded_ref').ifNotExists().unique().on('items')
        .columns(['forwarded_by', 'ref']).where(sql.ref('ref'), 'is not', null).execute();
      // An item without a reference number is identified by its content (import idempotence).
      await db.schema.createIndex('items_content').ifNotExists().on('items').columns(['received', 'fingerprint'])
        .where(sql.ref('ref'), 'is', null).execute();
      // Partial: most items have no phone or ID, and those need no index entry.
      await db.schema.createIndex('items_reporter_phone').ifNotExists().on('items').columns(['reporter_phone_hash'])
        .where(sql.ref('reporter_phone_hash'), 'is not', null).execute();
      await db.schema.createIndex('items_reporter_id').ifNotExists().on('items').columns(['reporter_id_hash'])
        .where(sql.ref('reporter_id_hash'), 'is not', null).execute();

      await db.schema.createTable('events').ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.references('items.id'))
        .addColumn('value', 'text')
        .addColumn('due', 'text')
        .addColumn('note', 'text')
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('events_item').ifNotExists().on('events').columns(['item_id', 'on_date']).execute();
      await db.schema.createIndex('events_kind').ifNotExists().on('events').columns(['kind', 'on_date']).execute();

      await db.schema.createTable('audit').ifNotExists()
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text')
        .addColumn('effective', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_item').ifNotExists().on('audit').columns(['item_code']).execute();

      // The store refuses to change or remove audit entries.
      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
          BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
          BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(db);
      } else {
        await sql`CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
        await sql`DROP TRIGGER IF EXISTS audit_no_change ON audit`.execute(db);
        await sql`CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
          FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
      }
    },
  };
}

// Direct access to a test registry behind the program's back, on either engine: for tests that
// tamper with rows (the audit chain), write what no command writes yet, or look at what is stored.

import type { TestRegistry } from './engines.js';

export type Row = Record<string, unknown>;

/**
 * Runs one SQL statement against the registry at `db` (an SQLite file or a postgres:// URL) with
 * the engine's own driver, outside any xinfang code. Resolves with the rows a query returns ([] for
 * a statement that returns none); rejects with the driver's error (e.g. a trigger's RAISE).
 * Placeholders are the driver's own: `?` on SQLite, `$1` on PostgreSQL.
 */
export async function rawSql(engine: TestRegistry['engine'], db: string, text: string, params: unknown[] = []): Promise<Row[]> {
  if (engine === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    try {
      const stmt = raw.prepare(text);
      if (stmt.reader) return stmt.all(...params) as Row[];
      stmt.run(...params);
      return [];
    } finally {
      raw.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/**
 * Everything a PostgreSQL registry stores, as text: every row of every table in the public schema
 * in PostgreSQL's own text form (bytea as \x… hex). For checking that no secret is stored readable.
 */
export async function pgDumpText(db: string): Promise<string> {
  const tables = await rawSql('postgres', db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await rawSql('postgres', db, `SELECT t::text AS row FROM "${String(t.table_name)}" t`);
    parts.push(...rows.map((r) => String(r.row)));
  }
  return parts.join('\n');
}

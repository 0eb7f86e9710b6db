// Copying a whole SQLite registry into a new, empty PostgreSQL one (xinfang migrate-to): every
// table row for row, ids, codes, sealed reporter blocks and the audit chain unchanged, through
// COPY in one transaction of the target (all or nothing).

import { say, usageError } from '../domain/errors.js';
import type { Registry } from './registry.js';
import type { SqliteEngine } from './engine/sqlite.js';
import type { PostgresEngine } from './engine/postgres.js';
import { copyField } from './engine/copy-text.js';

/** Tables in an order that satisfies their foreign keys; any table a later migration adds follows. */
const ORDER = ['meta', 'intakes', 'reporter_blocks', 'items', 'events', 'audit'];
const ROWS_PER_COPY = 5000;


export interface CopyCounts {
  [table: string]: number;
}

/** Refuses a target that already holds a registry's data. */
async function assertEmpty(target: Registry): Promise<void> {
  const items = await target.db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const audit = await target.db.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const meta = await target.db.selectFrom('meta').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  if (Number(items?.n) > 0 || Number(audit?.n) > 0 || Number(meta?.n) > 0) {
    throw usageError(
      say(`目标登记库 ${target.display} 不是空的：只能迁移到新建的空数据库`, `the target registry ${target.display} is not empty: migrate into a new, empty database only`),
      say('由管理员新建一个空数据库（CREATE DATABASE ...）后再迁移', 'have the administrator create an empty database (CREATE DATABASE ...) and migrate into it'),
    );
  }
}

/**
 * Copies every table of the SQLite registry `source` into the migrated, empty PostgreSQL registry
 * `target`, in one transaction of the target. Returns the rows copied per table.
 * Errors: usage (exit 2) when the target is not empty.
 */
export async function copyRegistry(source: Registry, target: Registry): Promise<CopyCounts> {
  const raw = (source.engineForStore as SqliteEngine).handle;
  const pgEngine = target.engineForStore as PostgresEngine;
  await assertEmpty(target);
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'").pluck().all() as string[])
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const counts: CopyCounts = {};
  await target.write(async (trx) => {
    for (const table of tables) {
      const info = raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
      const columns = info.map((c) => c.name);
      // In primary-key order (some tables are WITHOUT ROWID), so that the copy's rows come in the same order.
      const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
      const rows = raw.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"${pk.length ? ` ORDER BY ${pk.join(', ')}` : ''}`).raw();
      let text = '';
      let n = 0;
      let pending = 0;
      for (const row of rows.iterate() as Iterable<unknown[]>) {
        text += row.map(copyField).join('\t') + '\n';
        n++;
        if (++pending === ROWS_PER_COPY) {
          await pgEngine.copyInto(trx, table, columns, text);
          text = '';
          pending = 0;
        }
      }
      if (pending > 0) await pgEngine.copyInto(trx, table, columns, text);
      counts[table] = n;
    }
  });
  return counts;
}

function rank(table: string): number {
  const i = ORDER.indexOf(table);
  return i === -1 ? ORDER.length : i;
}

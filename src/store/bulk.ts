// The bulk path of import on SQLite: prepared better-sqlite3 statements on the connection the
// surrounding Registry.write transaction holds (Kysely's SQLite driver prepares every statement
// anew, which costs several times more per row at a million rows). Same rows as insertItem; the
// reporters of up to BLOCK_SIZE consecutive items are sealed together in one block.

import type BetterSqlite3 from 'better-sqlite3';
import { yearOf } from '../domain/dates.js';
import { formatCode, type ItemDraft } from '../domain/item.js';
import { isEmptyReporter, type Reporter } from '../domain/reporter.js';
import { itemRow, type Intake, type ItemRow } from './items.js';
import type { Registry } from './registry.js';
import type { ReporterHashes, Vault } from './vault.js';

const COLUMNS = [
  'id', 'code', 'year', 'seq', 'received', 'source', 'forwarded_by', 'ref', 'channel', 'kind', 'category', 'summary',
  'real_name', 'reporter_block', 'reporter_name_hash', 'reporter_id_hash', 'reporter_phone_hash', 'accused_name',
  'accused_unit', 'accused_post', 'accused_rank', 'extra', 'fingerprint', 'intake_id',
] as const satisfies readonly (keyof ItemRow)[];

const BLOCK_SIZE = 256;

export type Presence = { state: 'new' } | { state: 'same'; code: string } | { state: 'conflict'; code: string };

export interface ItemBulkWriter {
  /** Whether an item with this draft's identity is already in the registry (or earlier in this import). */
  presence(d: ItemDraft, fingerprint: number): Presence;
  /** Queues the item for insertion; returns its code. */
  insert(d: ItemDraft, fingerprint: number, hashes?: ReporterHashes): string;
  /** Writes what is queued and rebuilds deferred indexes. Call before the transaction commits. */
  finish(): void;
  /** Ids assigned by this writer, or undefined when nothing was inserted. */
  range(): { firstId: number; lastId: number } | undefined;
  /** How many inserted items share a reporter (phone or ID) with an earlier item. */
  countSharedReporters(): number;
}

/**
 * Indexes an import large next to the registry rebuilds once at the end instead of updating
 * row by row: a sorted build is several times cheaper than a million random inserts into
 * hashed keys. The indexes rows are looked up in stay: (organ, reference), and (received,
 * fingerprint) for rows without a reference.
 */
const DEFERRABLE_INDEXES = ['items_reporter_phone', 'items_reporter_id'];

export interface BulkOptions {
  /** Rows expected (from the file size); decides whether to defer index maintenance. */
  expectedRows?: number;
}

export function sqliteBulkWriter(registry: Registry, vault: Vault, intake: Intake, opts: BulkOptions = {}): ItemBulkWriter {
  const raw = registry.sqlite as BetterSqlite3.Database;
  const existing = Number(raw.prepare('SELECT count(*) FROM items').pluck().get());
  const deferred: string[] = [];
  if ((opts.expectedRows ?? 0) >= Math.max(50_000, existing)) {
    const defs = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${DEFERRABLE_INDEXES.map(() => '?').join(', ')})`).all(...DEFERRABLE_INDEXES) as { name: string; sql: string }[];
    for (const d of defs) {
      raw.exec(`DROP INDEX ${d.name}`);
      deferred.push(d.sql);
    }
  }
  const insertItem = raw.prepare(`INSERT INTO items (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertBlock = raw.prepare('INSERT INTO reporter_blocks (id, data) VALUES (?, ?)');
  const insertIntake = raw.prepare('INSERT INTO intakes (id, at, operator, via, file) VALUES (?, ?, ?, ?, ?)');
  const byRef = raw.prepare('SELECT code, fingerprint FROM items WHERE forwarded_by = ? AND ref = ?').raw();
  const byContent = raw.prepare('SELECT code FROM items WHERE ref IS NULL AND received = ? AND fingerprint = ? LIMIT 1').pluck();
  const maxOf = (sql: string, ...args: unknown[]) => Number(raw.prepare(sql).pluck().get(...args) ?? 0);

  const seqs = new Map<number, number>();
  let intakeId: number | undefined;
  let firstId: number | undefined;
  let nextId = maxOf('SELECT max(id) FROM items') + 1;
  let blockId = maxOf('SELECT max(id) FROM reporter_blocks') + 1;
  // Rows wait here until their reporters' block is sealed and written; lookups must see them too.
  let pending: ItemRow[] = [];
  let sealing: [string, Reporter][] = [];
  const pendingByRef = new Map<string, { code: string; fingerprint: number }>();
  const pendingByContent = new Map<string, string>();
  const refKey = (organ: string, ref: string) => `${organ}\u0000${ref}`;
  const contentKey = (received: string, fp: number) => `${received}\u0000${fp}`;

  function flush(): void {
    if (sealing.length > 0) {
      insertBlock.run(blockId, vault.sealBlock(blockId, sealing));
      blockId++;
      sealing = [];
    }
    for (const row of pending) insertItem.run(COLUMNS.map((c) => row[c]));
    pending = [];
    pendingByRef.clear();
    pendingByContent.clear();
  }

  return {
    presence(d, fingerprint) {
      if (d.forwardedBy !== undefined && d.ref !== undefined) {
        const queued = pendingByRef.get(refKey(d.forwardedBy, d.ref));
        const hit = queued ? [queued.code, queued.fingerprint] : (byRef.get(d.forwardedBy, d.ref) as [string, number] | undefined);
        if (!hit) return { state: 'new' };
        return Number(hit[1]) === fingerprint ? { state: 'same', code: hit[0] as string } : { state: 'conflict', code: hit[0] as string };
      }
      const code = pendingByContent.get(contentKey(d.received, fingerprint)) ?? (byContent.get(d.received, fingerprint) as string | undefined);
      return code === undefined ? { state: 'new' } : { state: 'same', code };
    },
    insert(d, fingerprint, hashes) {
      if (intakeId === undefined) {
        intakeId = maxOf('SELECT max(id) FROM intakes') + 1;
        insertIntake.run(intakeId, intake.at, intake.operator, intake.via, intake.file ?? null);
      }
      const year = yearOf(d.received);
      const seq = (seqs.get(year) ?? maxOf('SELECT max(seq) FROM items WHERE year = ?', year)) + 1;
      seqs.set(year, seq);
      const code = formatCode(year, seq);
      const hasReporter = !isEmptyReporter(d.reporter);
      const row = itemRow(nextId++, seq, d, vault, intakeId, hasReporter ? blockId : null, fingerprint, hashes);
      firstId ??= row.id;
      pending.push(row);
      if (d.forwardedBy !== undefined && d.ref !== undefined) pendingByRef.set(refKey(d.forwardedBy, d.ref), { code, fingerprint });
      else pendingByContent.set(contentKey(d.received, fingerprint), code);
      if (hasReporter) sealing.push([code, d.reporter]);
      // A full block, or many anonymous rows queued: write them (memory stays flat either way).
      if (sealing.length === BLOCK_SIZE || pending.length >= 4 * BLOCK_SIZE) flush();
      return code;
    },
    finish() {
      flush();
      for (const ddl of deferred) raw.exec(ddl);
      deferred.length = 0;
    },
    range() {
      return firstId === undefined ? undefined : { firstId, lastId: nextId - 1 };
    },
    countSharedReporters() {
      if (firstId === undefined) return 0;
      return Number(raw.prepare(`
        SELECT count(*) FROM items n WHERE n.id >= ? AND (
          (n.reporter_phone_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_phone_hash = n.reporter_phone_hash AND o.id < n.id))
          OR (n.reporter_id_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_id_hash = n.reporter_id_hash AND o.id < n.id)))
      `).pluck().get(firstId));
    },
  };
}

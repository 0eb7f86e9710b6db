// The bulk path of import on SQLite: prepared better-sqlite3 statements on the connection the
// surrounding Registry.write transaction holds (Kysely's SQLite driver prepares every statement
// anew, which costs several times more per row at a million rows). Same rows as insertItem.

import type BetterSqlite3 from 'better-sqlite3';
import { yearOf } from '../domain/dates.js';
import type { ItemDraft } from '../domain/item.js';
import { itemRow, type ItemRow } from './items.js';
import type { Registry } from './registry.js';
import type { Vault } from './vault.js';

const COLUMNS = [
  'id', 'code', 'year', 'seq', 'received', 'source', 'grp', 'forwarded_by', 'ref', 'channel', 'kind', 'category', 'summary',
  'real_name', 'reporter_sealed', 'reporter_name_hash', 'reporter_id_hash', 'reporter_phone_hash', 'accused_name',
  'accused_unit', 'accused_post', 'accused_rank', 'extra', 'fingerprint', 'created_at', 'created_by',
] as const satisfies readonly (keyof ItemRow)[];

export type Presence = { state: 'new' } | { state: 'same'; code: string } | { state: 'conflict'; code: string };

export interface ItemBulkWriter {
  /** Whether an item with this draft's identity is already in the registry (or earlier in this import). */
  presence(d: ItemDraft, fingerprint: string): Presence;
  insert(d: ItemDraft, fingerprint: string): ItemRow;
  /** Ids assigned by this writer: (first, last), or undefined when nothing was inserted. */
  range(): { firstId: number; lastId: number } | undefined;
  /** How many inserted items share a reporter (phone or ID) with an earlier item. */
  countSharedReporters(): number;
}

export function sqliteBulkWriter(registry: Registry, vault: Vault, createdAt: string, createdBy: string): ItemBulkWriter {
  const raw = registry.sqlite as BetterSqlite3.Database;
  const insert = raw.prepare(`INSERT INTO items (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const byRef = raw.prepare('SELECT code, fingerprint FROM items WHERE forwarded_by = ? AND ref = ?').raw();
  const byContent = raw.prepare('SELECT code FROM items WHERE received = ? AND fingerprint = ? LIMIT 1').pluck();
  const maxSeq = raw.prepare('SELECT max(seq) FROM items WHERE year = ?').pluck();
  const maxId = raw.prepare('SELECT max(id) FROM items').pluck();
  const seqs = new Map<number, number>();
  let firstId: number | undefined;
  let nextId = Number(maxId.get() ?? 0) + 1;

  return {
    presence(d, fingerprint) {
      if (d.forwardedBy !== undefined && d.ref !== undefined) {
        const hit = byRef.get(d.forwardedBy, d.ref) as [string, string | null] | undefined;
        if (!hit) return { state: 'new' };
        return hit[1] === fingerprint ? { state: 'same', code: hit[0] } : { state: 'conflict', code: hit[0] };
      }
      const code = byContent.get(d.received, fingerprint) as string | undefined;
      return code === undefined ? { state: 'new' } : { state: 'same', code };
    },
    insert(d, fingerprint) {
      const year = yearOf(d.received);
      let seq = seqs.get(year);
      if (seq === undefined) seq = Number(maxSeq.get(year) ?? 0);
      seqs.set(year, ++seq);
      const row = itemRow(nextId++, seq, d, vault, createdAt, createdBy, fingerprint);
      firstId ??= row.id;
      insert.run(COLUMNS.map((c) => row[c]));
      return row;
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

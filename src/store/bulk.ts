// The bulk path of import, as the use case sees it: items arrive packed (PACKED_WIDTH primitives
// per item in one flat array, made where rows are parsed — a worker thread for large files), which
// crosses threads cheaply; each engine's writer (engine/sqlite-bulk.ts, engine/postgres-bulk.ts)
// binds the values straight from it, with no object per row on the inserting thread. Same rows as
// insertItem; the reporters of up to BLOCK_SIZE consecutive items are sealed together in one block.

import type { ItemDraft } from '../domain/item.js';
import { storedIdentityKey } from '../domain/identity.js';
import { ITEM_ROW_COLUMNS, type RowDigester } from '../domain/row-digest.js';
import { sealedJson, type ReporterHashes } from './vault.js';

export type { Intake } from './items.js';
export type PackedValue = string | number | null;

/** Where each value of a packed item sits. Columns 1 to 18 are the items table's, in ITEM_COLUMNS order. */
export const AT = {
  line: 0, fingerprint: 1, nameHash: 2, idHash: 3, phoneHash: 4, received: 5, source: 6, forwardedBy: 7, ref: 8,
  channel: 9, kind: 10, category: 11, summary: 12, realName: 13, accusedName: 14, accusedUnit: 15, accusedPost: 16,
  accusedRank: 17, extra: 18, reporterName: 19, reporterId: 20, reporterPhone: 21, reporterAddress: 22,
  /** Columns sealed with the reporter (`--map HEADER=sealed`) as JSON, or null. */
  reporterSealed: 23,
  /** The folded (organ, reference) that identifies a forwarded case (the `ref_key` column), or null. */
  refKey: 24,
  /** The item's content digest (domain/row-digest.ts), made where the row is parsed: its two 32-bit halves. */
  contentHi: 25,
  contentLo: 26,
} as const;
export const PACKED_WIDTH = 27;

/** Where the values of ITEM_CONTENT_COLUMNS sit in a packed item, in that order. */
export const CONTENT_AT: readonly number[] = [
  AT.fingerprint, AT.nameHash, AT.idHash, AT.phoneHash, AT.received, AT.source, AT.forwardedBy, AT.ref, AT.channel, AT.kind,
  AT.category, AT.summary, AT.realName, AT.accusedName, AT.accusedUnit, AT.accusedPost, AT.accusedRank, AT.extra, AT.refKey,
];

/** Appends an item to a packed array (the layout of AT), with its content digest under `digester`. */
export function packItem(out: PackedValue[], line: number, d: ItemDraft, fingerprint: number, h: ReporterHashes, digester: RowDigester): void {
  const r = d.reporter;
  const at = out.length;
  out.push(line, fingerprint, h.name, h.idNumber, h.phone, d.received, d.source, d.forwardedBy ?? null, d.ref ?? null,
    d.channel, d.kind, d.category ?? null, d.summary ?? null, d.realName ? 1 : 0, d.accusedName ?? null,
    d.accusedUnit ?? null, d.accusedPost ?? null, d.accusedRank ?? null,
    Object.keys(d.extra).length > 0 ? JSON.stringify(d.extra) : null,
    r.name ?? null, r.idNumber ?? null, r.phone ?? null, r.address ?? null, sealedJson(r.sealed),
    storedIdentityKey(d.forwardedBy, d.ref));
  const [hi, lo] = digester.itemContent(out, at, CONTENT_AT);
  out.push(hi, lo);
}

/** The items table's columns in the order writers bind them: six the writer assigns, then AT.fingerprint to AT.extra, then AT.refKey. */
export const ITEM_COLUMNS = ITEM_ROW_COLUMNS;

/**
 * An import is "large" when it expects at least this many rows and at least as many as the
 * registry holds: it then drops secondary indexes and rebuilds them once at the end (a sorted
 * build is several times cheaper than a million random inserts into hashed keys), and on SQLite
 * counts shared reporters in memory. (On PostgreSQL the dropped indexes lock the items table
 * against other clerks until the import commits: acceptable only for an import this large.)
 */
export const LARGE_IMPORT_ROWS = 50_000;
/**
 * Rebuilt at the end of a large import: their keys (hashes, names) arrive in random order.
 * The received-date indexes stay (rows come about in date order, and each rebuild reads the table).
 */
export const DEFERRABLE_INDEXES = ['items_reporter_phone', 'items_reporter_id', 'items_accused_name'];
/** Deferred too on SQLite when the registry starts empty: then no earlier item needs to be looked up by it. */
export const LOOKUP_INDEXES = ['items_forwarded_ref', 'items_ref_key'];

/** Reporters sealed together in one block. */
export const BLOCK_SIZE = 256;

/** What became of one packed item: registered anew, or already present with the same or other content. */
export interface Presence {
  state: 'new' | 'same' | 'conflict';
  /** The new code, or the code of the item already present. */
  code: string;
  /** The item's line in the file. */
  line: number;
  forwardedBy: string | null;
  ref: string | null;
}

export interface ItemBulkWriter {
  /**
   * Inserts each packed item of `p` under the next code of its year, unless an item with its
   * identity is already in the registry or earlier in this import: then says whether that
   * item's content is the same or a conflict. One Presence per packed item, in order.
   */
  addBatch(p: readonly PackedValue[]): Promise<Presence[]>;
  /** Writes what is queued and rebuilds deferred indexes. Call before the transaction commits. */
  finish(): Promise<void>;
  /** Ids assigned by this writer, or undefined when nothing was inserted. */
  range(): { firstId: number; lastId: number } | undefined;
  /** How many inserted items share a reporter (phone or ID) with an earlier item. Call after finish. */
  countSharedReporters(): Promise<number>;
  /** The sum of the inserted items' row digests (domain/row-digest.ts), as the import's audit entry records it. */
  rowDigest(): string;
}

export interface BulkOptions {
  /** Rows expected (from the file size); decides whether this is a large import. */
  expectedRows?: number;
}

// The bulk path of import on SQLite: prepared better-sqlite3 statements on the connection the
// surrounding Registry.write transaction holds (Kysely's SQLite driver prepares every statement
// anew, which costs several times more per row at a million rows).

import type BetterSqlite3 from 'better-sqlite3';
import { yearOf } from '../../domain/dates.js';
import { formatCode } from '../../domain/item.js';
import { DigestSum } from '../../domain/row-digest.js';
import { hash32, Int53Set, NumbersByHash } from '../hash-tables.js';
import { AT, BLOCK_SIZE, DEFERRABLE_INDEXES, ITEM_COLUMNS, LARGE_IMPORT_ROWS, LOOKUP_INDEXES, PACKED_WIDTH, type BulkOptions, type Intake, type ItemBulkWriter, type PackedValue, type Presence } from '../bulk.js';
import type { Vault } from '../vault.js';

/** What identifies an item for re-import, hashed for the writer's table of this import's items. */
const refKey = (key: PackedValue) => hash32(`k\u0000${key}`);
const contentKey = (received: PackedValue, fp: PackedValue) => hash32(`${received}\u0000${fp}`);


/** Tables for a larger import than this grow as it goes: the file-size estimate may be far off. */
const MAX_PRESIZED = 1_500_000;

export function sqliteBulkWriter(raw: BetterSqlite3.Database, vault: Vault, intake: Intake, opts: BulkOptions = {}): ItemBulkWriter {
  const existing = Number(raw.prepare('SELECT count(*) FROM items').pluck().get());
  const expected = opts.expectedRows ?? 0;
  const large = expected >= Math.max(LARGE_IMPORT_ROWS, existing);
  const deferred = large ? dropIndexes(raw, existing === 0 ? [...DEFERRABLE_INDEXES, ...LOOKUP_INDEXES] : DEFERRABLE_INDEXES) : [];

  const insertItem = raw.prepare(`INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`);
  // Items are written as soon as they come, so their reporter block is made empty first and sealed
  // when full. (Inserting the block after its items would be a deferred foreign key, and SQLite
  // then scans the items for each block: quadratic.)
  const openBlock = raw.prepare("INSERT INTO reporter_blocks (id, data) VALUES (?, x'')");
  const sealBlock = raw.prepare('UPDATE reporter_blocks SET data = ? WHERE id = ?');
  const insertIntake = raw.prepare('INSERT INTO intakes (id, at, operator, via, file) VALUES (?, ?, ?, ?, ?)');
  // A forwarded case by its folded (organ, reference): the earliest, should a registry hold one case twice.
  const byRef = raw.prepare('SELECT code, fingerprint FROM items WHERE ref_key = ? ORDER BY id LIMIT 1').raw();
  const byContent = raw.prepare('SELECT code FROM items WHERE ref IS NULL AND received = ? AND fingerprint = ? LIMIT 1').pluck();
  // A reference number with no forwarding organ (the office's own numbering): found through items_forwarded_ref.
  const byOwnRef = raw.prepare('SELECT code FROM items WHERE forwarded_by IS NULL AND ref = ? AND received = ? AND fingerprint = ? LIMIT 1').pluck();
  const byId = raw.prepare('SELECT code, forwarded_by, ref, received, fingerprint, ref_key FROM items WHERE id = ?').raw();
  const maxOf = (sql: string, ...args: unknown[]) => Number(raw.prepare(sql).pluck().get(...args) ?? 0);

  const firstId = maxOf('SELECT max(id) FROM items') + 1;
  let nextId = firstId;
  let blockId = maxOf('SELECT max(id) FROM reporter_blocks') + 1;
  let intakeId: number | undefined;
  const seqs = new Map<number, number>();
  let sealing: PackedValue[][] = [];

  // This import's items by identity, as offsets from firstId; earlier items are found through indexes.
  const mine = new NumbersByHash(Math.min(expected, MAX_PRESIZED));
  // The rows' digests (domain/row-digest.ts): the content half comes packed; only the short keyed
  // hash of it with the values assigned here is made on this thread.
  const digester = vault.rowDigester();
  const digest = new DigestSum();
  const shared = large ? new SharedReporters(raw, existing) : undefined;

  function flushBlock(): void {
    if (sealing.length === 0) return;
    sealBlock.run(vault.sealTuples(blockId, sealing), blockId);
    blockId++;
    sealing = [];
  }

  /** The row of an item of this import filed under `hash` that `accept` takes: [code, forwarded_by, ref, received, fingerprint]. */
  function mineRow(hash: number, accept: (row: PackedValue[]) => boolean): PackedValue[] | undefined {
    const n = mine.find(hash, (n) => accept(byId.get(firstId + n) as PackedValue[]));
    return n === undefined ? undefined : (byId.get(firstId + n) as PackedValue[]);
  }

  function lookup(p: readonly PackedValue[], at: number): Omit<Presence, 'line' | 'forwardedBy' | 'ref'> | undefined {
    const organ = p[at + AT.forwardedBy]!, ref = p[at + AT.ref]!, fp = p[at + AT.fingerprint]!, key = p[at + AT.refKey]!;
    if (key !== null) {
      const row = mineRow(refKey(key), (r) => r[5] === key);
      const hit = row ? [row[0], row[4]] : existing > 0 ? (byRef.get(key) as PackedValue[] | undefined) : undefined;
      if (!hit) return undefined;
      return { state: Number(hit[1]) === fp ? 'same' : 'conflict', code: hit[0] as string };
    }
    // Any other item is identified by its whole content (the fingerprint covers the reference too).
    const received = p[at + AT.received]!;
    const row = mineRow(contentKey(received, fp), (r) => r[1] === organ && r[2] === ref && r[3] === received && Number(r[4]) === fp);
    const earlier = () => (ref === null ? byContent.get(received, fp) : byOwnRef.get(ref, received, fp)) as string | undefined;
    const code = row ? row[0] : existing > 0 ? earlier() : undefined;
    return code === undefined ? undefined : { state: 'same', code: code as string };
  }

  function add(p: readonly PackedValue[], at: number): Omit<Presence, 'line' | 'forwardedBy' | 'ref'> {
    const present = lookup(p, at);
    if (present) return present;
    if (intakeId === undefined) {
      intakeId = maxOf('SELECT max(id) FROM intakes') + 1;
      insertIntake.run(intakeId, intake.at, intake.operator, intake.via, intake.file ?? null);
    }
    const received = p[at + AT.received] as string;
    const year = yearOf(received);
    const seq = (seqs.get(year) ?? maxOf('SELECT max(seq) FROM items WHERE year = ?', year)) + 1;
    seqs.set(year, seq);
    const code = formatCode(year, seq);
    const id = nextId++;
    const name = p[at + AT.reporterName]!, idNumber = p[at + AT.reporterId]!, phone = p[at + AT.reporterPhone]!, address = p[at + AT.reporterAddress]!, sealed = p[at + AT.reporterSealed]!;
    const hasReporter = name !== null || idNumber !== null || phone !== null || address !== null || sealed !== null;
    if (hasReporter && sealing.length === 0) openBlock.run(blockId);
    const block = hasReporter ? blockId : null;
    insertItem.run(id, code, year, seq, block, intakeId,
      p[at + 1], p[at + 2], p[at + 3], p[at + 4], p[at + 5], p[at + 6], p[at + 7], p[at + 8], p[at + 9],
      p[at + 10], p[at + 11], p[at + 12], p[at + 13], p[at + 14], p[at + 15], p[at + 16], p[at + 17], p[at + 18], p[at + AT.refKey]);
    digest.add(digester.item([p[at + AT.contentHi] as number, p[at + AT.contentLo] as number], id, code, year, seq, block, intakeId));
    const key = p[at + AT.refKey]!;
    mine.add(key !== null ? refKey(key) : contentKey(received, p[at + AT.fingerprint]!), id - firstId);
    shared?.add(p[at + AT.phoneHash] as number | null, p[at + AT.idHash] as number | null);
    if (hasReporter) {
      sealing.push([code, name, idNumber, phone, address, sealed]);
      if (sealing.length === BLOCK_SIZE) flushBlock();
    }
    return { state: 'new', code };
  }

  return {
    async addBatch(p) {
      const out: Presence[] = [];
      for (let at = 0; at < p.length; at += PACKED_WIDTH) {
        const r = add(p, at);
        out.push({ ...r, line: p[at + AT.line] as number, forwardedBy: p[at + AT.forwardedBy] as string | null, ref: p[at + AT.ref] as string | null });
      }
      return out;
    },
    async finish() {
      flushBlock();
      if (deferred.length > 0) {
        // The sorts of an index build can use a second thread; the other core is idle by now.
        raw.pragma('threads = 2');
        for (const ddl of deferred) raw.exec(ddl);
        raw.pragma('threads = 0');
        deferred.length = 0;
      }
    },
    rowDigest() {
      return digest.hex();
    },
    range() {
      return nextId === firstId ? undefined : { firstId, lastId: nextId - 1 };
    },
    async countSharedReporters() {
      if (nextId === firstId) return 0;
      if (shared) return shared.count;
      return Number(raw.prepare(`
        SELECT count(*) FROM items n WHERE n.id >= ? AND (
          (n.reporter_phone_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_phone_hash = n.reporter_phone_hash AND o.id < n.id))
          OR (n.reporter_id_hash IS NOT NULL AND EXISTS (SELECT 1 FROM items o WHERE o.reporter_id_hash = n.reporter_id_hash AND o.id < n.id)))
      `).pluck().get(firstId));
    },
  };
}

/** Drops the indexes named that exist and returns the statements that make them again. */
function dropIndexes(raw: BetterSqlite3.Database, names: readonly string[]): string[] {
  const defs = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { name: string; sql: string }[];
  for (const d of defs) raw.exec(`DROP INDEX ${d.name}`);
  return defs.map((d) => d.sql);
}

/**
 * The count of countSharedReporters for a large import, kept as rows arrive: the phone and ID
 * hashes seen so far (those of the registry's earlier items first) in two sets.
 */
class SharedReporters {
  private readonly phones: Int53Set;
  private readonly ids: Int53Set;
  count = 0;

  constructor(raw: BetterSqlite3.Database, existing: number) {
    this.phones = new Int53Set();
    this.ids = new Int53Set();
    if (existing === 0) return;
    const earlier = raw.prepare('SELECT reporter_phone_hash, reporter_id_hash FROM items WHERE reporter_phone_hash IS NOT NULL OR reporter_id_hash IS NOT NULL').raw();
    for (const [phone, id] of earlier.iterate() as Iterable<[number | null, number | null]>) {
      if (phone !== null) this.phones.add(Number(phone));
      if (id !== null) this.ids.add(Number(id));
    }
  }

  add(phone: number | null, id: number | null): void {
    if ((phone !== null && this.phones.has(phone)) || (id !== null && this.ids.has(id))) this.count++;
    if (phone !== null) this.phones.add(phone);
    if (id !== null) this.ids.add(id);
  }
}

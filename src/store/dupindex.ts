// The duplicate index kept in the registry (SPEC 6 `dup scan`, 7; issue 10), in portable SQL on
// both engines: each item's similarity features (dup_signatures), the buckets that bring items
// together (dup_buckets: the accused in a folded unit, the LSH bands of the summary) and the
// candidate pairs found so far (dup_candidates). A scan extends it: it signs only the items added
// since the last scan (and items amended since, whose features changed), compares them with each
// other in memory and with the items already indexed through the stored buckets, and stores the
// pairs it finds. Nothing is rebuilt from scratch, so a scan after a thousand new items reads a
// thousand items and their buckets, not the registry.
//
// Reporter matching reads the items' own keyed hashes (and their indexes); nothing here holds
// reporter data or a copy of it (SPEC 5).

import { sql, type Kysely } from 'kysely';
import {
  BANDS, BUCKET_CAPS, DupTable, MAX_ACCUSED, MAX_PLACES, SIGNATURE_SIZE, bandBuckets, dupFeatures, sortedKeyRows,
  type DupFeatures, type DupReason,
} from '../domain/similarity.js';
import { formatCode } from '../domain/item.js';
import { getMeta, setMeta } from './meta.js';
import type { Db } from './registry.js';
import type { Database } from './schema.js';

interface DupTables {
  dup_signatures: { item_id: number; features: Uint8Array };
  dup_buckets: { bucket: number; item_id: number };
  dup_candidates: {
    item_id: number; original_id: number; score: number; reasons: string;
    item_code: string; item_received: string; original_code: string; original_received: string;
  };
}
type DupDb = Kysely<Database & DupTables>;
const dupDb = (db: Db) => db as unknown as DupDb;

/** The highest item id signed, and the highest event id looked at for amendments. */
const META_ITEMS = 'dup.index.items';
const META_EVENTS = 'dup.index.events';

/** Pairs scoring below this are not kept: `dup scan --threshold` cannot go lower. */
export const STORED_MIN_SCORE = 0.3;
/** Candidate originals kept per later item, best first. */
const KEPT_PER_ITEM = 3;

/** Bucket keys as stored: the kind in the high bits above a 32-bit hash. */
const ACCUSED_TAG = 1 * 2 ** 32;
const TEXT_TAG = 2 * 2 ** 32;

/** Rows per page read, and values per multi-row insert (within both engines' parameter limits). */
const PAGE = 20_000;
const IN_CHUNK = 1_000;

// --- features as stored -------------------------------------------------------------------------

/**
 * Packs features (without the reporter keys, which stay in the items table) as little-endian
 * 32-bit words: [version 1 | accused count | places count or 255 | has signature], accused
 * hashes, core and places (when there is a unit), then the signature.
 */
export function encodeFeatures(f: DupFeatures): Uint8Array {
  const acc = f.accused.slice(0, MAX_ACCUSED);
  const places = f.unit?.places.slice(-MAX_PLACES) ?? [];
  const words = [((1 | (acc.length << 8) | ((f.unit ? places.length : 255) << 16) | ((f.signature ? 1 : 0) << 24)) >>> 0), ...acc];
  if (f.unit) words.push(f.unit.core, ...places);
  const out = new Uint32Array(words.length + (f.signature ? SIGNATURE_SIZE : 0));
  out.set(words);
  if (f.signature) out.set(f.signature, words.length);
  return new Uint8Array(out.buffer);
}

export function decodeFeatures(bytes: Uint8Array, reporterKeys: number[]): DupFeatures {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const w = new Uint32Array(copy.buffer);
  const head = w[0]!;
  if ((head & 0xff) !== 1) throw new Error(`duplicate index: unknown features version ${head & 0xff}`);
  const nAcc = (head >>> 8) & 0xff, nPlaces = (head >>> 16) & 0xff, hasSig = (head >>> 24) === 1;
  let at = 1;
  const accused = [...w.subarray(at, at + nAcc)];
  at += nAcc;
  let unit: DupFeatures['unit'];
  if (nPlaces !== 255) {
    unit = { core: w[at]!, places: [...w.subarray(at + 1, at + 1 + nPlaces)] };
    at += 1 + nPlaces;
  }
  return { accused, unit, reporterKeys, signature: hasSig ? w.slice(at, at + SIGNATURE_SIZE) : undefined };
}

// --- extending the index --------------------------------------------------------------------------

export interface IndexExtension {
  /** Items signed by this extension (new, and amended since the last). */
  signed: number;
  /** Of those, items signed again because they were amended. */
  resigned: number;
  /** Candidate pairs stored. */
  pairs: number;
}

/** Growable parallel arrays of (32-bit key, row). */
class KeyRows {
  keys: Uint32Array;
  rows: Uint32Array;
  n = 0;
  constructor(capacity: number) {
    this.keys = new Uint32Array(capacity);
    this.rows = new Uint32Array(capacity);
  }
  push(key: number, row: number): void {
    if (this.n === this.keys.length) {
      const k = new Uint32Array(this.n * 2), r = new Uint32Array(this.n * 2);
      k.set(this.keys);
      r.set(this.rows);
      this.keys = k;
      this.rows = r;
    }
    this.keys[this.n] = key;
    this.rows[this.n++] = row;
  }
}

/** Candidate pairs of rows as one packed number each (lower row · 2^21 + higher row), deduplicated at the end. */
class PairList {
  private a: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Float64Array(capacity);
  }
  add(x: number, y: number): void {
    if (x === y) return;
    if (this.n === this.a.length) {
      const b = new Float64Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x < y ? x * 2097152 + y : y * 2097152 + x;
  }
  unique(): Float64Array {
    const s = this.a.subarray(0, this.n).sort();
    let m = 0;
    for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[m++] = s[i]!;
    return s.subarray(0, m);
  }
}

/** Items per committed batch when extending under the registry's write lock (see extendDupIndex). */
export const DUP_BATCH_ITEMS = 25_000;

export interface ExtendOptions {
  /**
   * Runs `fn` in a write transaction (Registry.write). Given, the extension reads and computes
   * through `db` without the write lock and takes the lock only to store each batch; without it,
   * everything goes through `db`, whose caller holds the lock.
   */
  write?: <T>(fn: (trx: Db) => Promise<T>) => Promise<T>;
  /** New items per committed batch: DUP_BATCH_ITEMS with `write`, else all in one. */
  batchItems?: number;
  /** Called after each batch is committed, with the item mark it stored (tests: a failure between batches). */
  afterBatch?: (itemsMark: number) => Promise<void> | void;
}

/**
 * Extends the duplicate index to every item registered since the last extension, and re-signs
 * items amended since (their old buckets and pairs are dropped first). Pairs are scored with the
 * domain's dupScore and kept when they reach STORED_MIN_SCORE, at most KEPT_PER_ITEM per later
 * item; "later" is by received date, then id.
 *
 * With `o.write` (issue 10: a first scan of a million items must not hold the write lock for a
 * minute and a half), the items are read, signed and compared outside the write lock, and the
 * results stored in batches of `batchItems` item ids, each in its own short write transaction
 * that also moves the index's marks: a batch holds the signatures and buckets of its items and
 * the pairs whose later-numbered item it holds, so that a process killed between batches leaves
 * an index that is whole up to its mark, and the next extension goes on from there. Each write
 * first checks that the marks are still those the batch was computed from; if another scan moved
 * them, the rest is computed again from the new marks. Items registered and amended while an
 * extension runs are left to the next one.
 */
export async function extendDupIndex(db: Db, o: ExtendOptions = {}): Promise<IndexExtension> {
  const total: IndexExtension = { signed: 0, resigned: 0, pairs: 0 };
  // The extension's target, read once: what comes while it runs is the next extension's.
  const maxEvent = Number((await db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  const maxItem = Number((await db.selectFrom('items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  for (;;) {
    const done = await extendOnce(db, o, maxItem, maxEvent, total);
    if (done) return total;
  }
}

/** One extension from the marks as they are now to (maxItem, maxEvent); false when another scan moved the marks first. */
async function extendOnce(read: Db, o: ExtendOptions, maxItem: number, maxEvent: number, total: IndexExtension): Promise<boolean> {
  const write = o.write ?? (<T>(fn: (trx: Db) => Promise<T>) => fn(read));
  const db = dupDb(read);
  const itemsMark = Number((await getMeta(read, META_ITEMS)) ?? 0);
  const eventsMark = Number((await getMeta(read, META_EVENTS)) ?? 0);
  if (itemsMark >= maxItem && eventsMark >= maxEvent) return true;

  // Items amended since the last extension: their features may have changed.
  const stale = maxEvent > eventsMark && itemsMark > 0
    ? (await read.selectFrom('events').select('item_id').distinct().where('kind', '=', 'amend').where('id', '>', eventsMark).where('id', '<=', maxEvent)
        .where('item_id', '<=', itemsMark).execute()).map((r) => Number(r.item_id))
    : [];
  const staleSet = new Set(stale);
  // Their bucket rows, found from the features they were signed with: dropped in the first batch.
  const staleBuckets = new NumberPairs();
  for (let i = 0; i < stale.length; i += IN_CHUNK) {
    for (const r of await db.selectFrom('dup_signatures').select(['item_id', 'features']).where('item_id', 'in', stale.slice(i, i + IN_CHUNK)).execute()) {
      const old = new DupTable(1);
      old.add(decodeFeatures(r.features, []));
      const sig = old.signature(0);
      for (const k of [...old.accusedKeys(0).map((k) => ACCUSED_TAG + k), ...(sig ? bandBuckets(sig).map((k) => TEXT_TAG + k) : [])]) staleBuckets.push(k, Number(r.item_id));
    }
  }

  // Sign the new and the stale items: rows 0..n-1 of the table.
  const table = new DupTable(Math.max(1024, maxItem - itemsMark + stale.length));
  // Item id and received date (as YYYYMMDD) of each row.
  const ids = new Growable(Int32Array), received = new Growable(Int32Array), codeNumbers = new Growable(Int32Array);
  const scratch = new Uint32Array(SIGNATURE_SIZE); // the table copies each signature: one buffer serves all
  const add = (r: ItemSource) => {
    table.add(dupFeatures({ accusedName: r.accused_name, accusedUnit: r.accused_unit, summary: r.summary, reporterIdHash: num(r.reporter_id_hash), reporterPhoneHash: num(r.reporter_phone_hash) }, scratch));
    ids.push(Number(r.id));
    received.push(dayNumber(r.received));
    codeNumbers.push(Number(r.year) * 1_000_000 + Number(r.seq));
  };
  for (let i = 0; i < stale.length; i += IN_CHUNK) {
    for (const r of await itemSources(read).where('id', 'in', stale.slice(i, i + IN_CHUNK)).execute()) add(r);
  }
  for (let after = itemsMark; ;) {
    const page = await itemSources(read).where('id', '>', after).where('id', '<=', maxItem).orderBy('id').limit(PAGE).execute();
    for (const r of page) add(r);
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]!.id);
  }
  const fresh = ids.n;
  if (fresh > 2_000_000) throw new Error('duplicate index: more than 2,000,000 items to sign at once');

  // Keys of the fresh rows, each kind sorted once as key · 2^21 + row (see sortedKeyRows).
  const sortKeys = (n: number, fill: (kr: KeyRows) => void) => {
    const kr = new KeyRows(n);
    fill(kr);
    return sortedKeyRows(kr.keys, kr.rows, kr.n);
  };
  const accused = sortKeys(fresh + 1024, (kr) => { for (let r = 0; r < fresh; r++) for (const k of table.accusedKeys(r)) kr.push(k, r); });
  const reporters = sortKeys(fresh * 2 + 1024, (kr) => { for (let r = 0; r < fresh; r++) for (const k of table.reporterKeys(r)) kr.push(reporterKey32(k), r); });
  const text = sortKeys(fresh * BANDS + 1024, (kr) => {
    for (let r = 0; r < fresh; r++) {
      const sig = table.signature(r);
      if (sig) for (const k of bandBuckets(sig)) kr.push(k, r);
    }
  });

  const pairs = new PairList(fresh * 2 + 1024);
  // Fresh × fresh, in memory.
  const within = (sorted: Float64Array, cap: number) => forEachSortedGroup(sorted, (_key, start, end) => {
    if (end - start < 2 || end - start > cap) return;
    for (let i = start + 1; i < end; i++) for (let j = start; j < i; j++) pairs.add(rowOf(sorted[i]!), rowOf(sorted[j]!));
  });
  within(accused, BUCKET_CAPS.accused);
  within(reporters, BUCKET_CAPS.reporter);
  within(text, BUCKET_CAPS.text);

  // Fresh × indexed, through the stored buckets and the items' reporter-hash indexes.
  const oldRow = new Map<number, number>();
  /** Stored members of each bucket (up to cap + 1), by stored bucket key. */
  const stored = new Map<number, number[]>();
  if (itemsMark > 0) {
    const bucketKeys = new Set<number>();
    forEachSortedGroup(accused, (k) => { bucketKeys.add(ACCUSED_TAG + k); });
    forEachSortedGroup(text, (k) => { bucketKeys.add(TEXT_TAG + k); });
    const all = [...bucketKeys];
    for (let i = 0; i < all.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('dup_buckets').select(['bucket', 'item_id']).where('bucket', 'in', all.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) {
        // A stale item's old bucket rows go in the first batch; its new ones come with it.
        if (staleSet.has(Number(r.item_id))) continue;
        const k = Number(r.bucket);
        (stored.get(k) ?? stored.set(k, []).get(k)!).push(Number(r.item_id));
      }
    }
    const byReporter = new Map<number, number[]>();
    const rkeys = new Set<number>();
    for (let r = 0; r < fresh; r++) for (const k of table.reporterKeys(r)) rkeys.add(k);
    const rlist = [...rkeys];
    for (let i = 0; i < rlist.length; i += IN_CHUNK) {
      const chunk = rlist.slice(i, i + IN_CHUNK);
      const rows = await read.selectFrom('items').select(['id', 'reporter_id_hash', 'reporter_phone_hash'])
        .where('id', '<=', itemsMark)
        .where((eb) => eb.or([eb('reporter_id_hash', 'in', chunk), eb('reporter_phone_hash', 'in', chunk)])).execute();
      for (const r of rows) {
        if (staleSet.has(Number(r.id))) continue;
        for (const h of [num(r.reporter_id_hash), num(r.reporter_phone_hash)]) {
          if (h !== null) (byReporter.get(h) ?? byReporter.set(h, []).get(h)!).push(Number(r.id));
        }
      }
    }
    // A bucket is compared when its stored and fresh members together stay within its cap.
    const usable = (sorted: Float64Array, tag: number, cap: number, each: (members: number[], start: number, end: number) => void) =>
      forEachSortedGroup(sorted, (k, start, end) => {
        const members = stored.get(tag + k);
        if (members !== undefined && members.length + (end - start) <= cap) each(members, start, end);
      });
    const need = new Set<number>();
    usable(accused, ACCUSED_TAG, BUCKET_CAPS.accused, (m) => m.forEach((id) => need.add(id)));
    usable(text, TEXT_TAG, BUCKET_CAPS.text, (m) => m.forEach((id) => need.add(id)));
    for (const members of byReporter.values()) if (members.length <= BUCKET_CAPS.reporter) members.forEach((id) => need.add(id));
    const needed = [...need].filter((id) => !staleSet.has(id));
    for (let i = 0; i < needed.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('dup_signatures as s').innerJoin('items as i', 'i.id', 's.item_id')
        .select(['s.item_id', 's.features', 'i.received', 'i.year', 'i.seq', 'i.reporter_id_hash', 'i.reporter_phone_hash'])
        .where('s.item_id', 'in', needed.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) {
        const keys = [num(r.reporter_id_hash), num(r.reporter_phone_hash)].filter((h): h is number => h !== null);
        oldRow.set(Number(r.item_id), table.add(decodeFeatures(r.features, keys)));
        ids.push(Number(r.item_id));
        received.push(dayNumber(r.received));
        codeNumbers.push(Number(r.year) * 1_000_000 + Number(r.seq));
      }
    }
    const meet = (sorted: Float64Array, tag: number, cap: number) => usable(sorted, tag, cap, (members, start, end) => {
      for (let i = start; i < end; i++) {
        for (const id of members) {
          const row = oldRow.get(id);
          if (row !== undefined) pairs.add(rowOf(sorted[i]!), row);
        }
      }
    });
    meet(accused, ACCUSED_TAG, BUCKET_CAPS.accused);
    meet(text, TEXT_TAG, BUCKET_CAPS.text);
    for (let r = 0; r < fresh; r++) {
      for (const h of table.reporterKeys(r)) {
        const m = byReporter.get(h);
        if (!m || m.length > BUCKET_CAPS.reporter) continue;
        for (const id of m) {
          const row = oldRow.get(id);
          if (row !== undefined) pairs.add(r, row);
        }
      }
    }
  }

  // Score, orient (later item first) and keep the best KEPT_PER_ITEM per later row, in typed arrays.
  const rid = ids.a, rday = received.a;
  const rowsTotal = table.size;
  const keptOriginal = new Int32Array(rowsTotal * KEPT_PER_ITEM).fill(-1);
  const keptScore = new Float32Array(rowsTotal * KEPT_PER_ITEM);
  const keptReasons = new Uint8Array(rowsTotal * KEPT_PER_ITEM);
  for (const p of pairs.unique()) {
    const x = Math.floor(p / 2097152), y = p % 2097152;
    const s = table.score(x, y);
    if (s.score < STORED_MIN_SCORE) continue;
    const xLater = rday[x]! > rday[y]! || (rday[x] === rday[y] && rid[x]! > rid[y]!);
    const [later, earlier] = xLater ? [x, y] : [y, x];
    // Insert into the later row's best few, best first (ties: the earlier row first).
    let at = -1;
    for (let k = 0; k < KEPT_PER_ITEM; k++) {
      const o = keptOriginal[later * KEPT_PER_ITEM + k]!;
      if (o === -1 || s.score > keptScore[later * KEPT_PER_ITEM + k]!) { at = k; break; }
    }
    if (at === -1) continue;
    for (let k = KEPT_PER_ITEM - 1; k > at; k--) {
      const [to, from] = [later * KEPT_PER_ITEM + k, later * KEPT_PER_ITEM + k - 1];
      keptOriginal[to] = keptOriginal[from]!;
      keptScore[to] = keptScore[from]!;
      keptReasons[to] = keptReasons[from]!;
    }
    keptOriginal[later * KEPT_PER_ITEM + at] = earlier;
    keptScore[later * KEPT_PER_ITEM + at] = s.score;
    keptReasons[later * KEPT_PER_ITEM + at] = reasonBits(s.reasons);
  }

  // Store, in batches of item ids (the stale items, all below the mark, in the first): each batch's
  // features, bucket members (each bucket up to its cap + 1, the same members as if stored at
  // once), the pairs whose higher id it holds, and the marks, in one write transaction.
  const batchItems = o.batchItems ?? (o.write ? DUP_BATCH_ITEMS : Number.MAX_SAFE_INTEGER);
  const rcode = codeNumbers.a;
  const code = (row: number) => formatCode(Math.floor(rcode[row]! / 1_000_000), rcode[row]! % 1_000_000);
  for (let k = 0; k < keptOriginal.length; k++) keptScore[k] = Math.round(keptScore[k]! * 1000) / 1000; // back to the three decimals they were rounded to
  // The bucket rows stored: the first cap + 1 members of each bucket (counting those stored before),
  // in key order (sequential B-tree inserts), grouped by the batch of their item in one counting pass.
  const batchOf = (id: number) => (id <= itemsMark ? 0 : Math.floor((id - itemsMark - 1) / batchItems));
  const batches = Math.max(1, batchOf(Math.max(maxItem, itemsMark + 1)) + 1);
  const bucketStart = new Float64Array(batches + 1);
  const eachKept = (each: (bucket: number, id: number) => void) => {
    for (const [sorted, tag, cap] of [[accused, ACCUSED_TAG, BUCKET_CAPS.accused], [text, TEXT_TAG, BUCKET_CAPS.text]] as const) {
      forEachSortedGroup(sorted, (k, start, end) => {
        const room = cap + 1 - (stored.get(tag + k)?.length ?? 0);
        for (let i = start; i < Math.min(end, start + room); i++) each(tag + k, rid[rowOf(sorted[i]!)]!);
      });
    }
  };
  eachKept((_b, id) => { bucketStart[batchOf(id) + 1]!++; });
  for (let b = 0; b < batches; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const bucketKeys = new Float64Array(bucketStart[batches]!), bucketIds = new Uint32Array(bucketStart[batches]!);
  const fill = bucketStart.slice(0, batches);
  eachKept((bucket, id) => {
    const at = fill[batchOf(id)]!++;
    bucketKeys[at] = bucket;
    bucketIds[at] = id;
  });
  for (let from = itemsMark, first = true; first || from < maxItem; first = false) {
    const to = Math.min(maxItem, from + batchItems);
    const inBatch = (id: number) => (id > from && id <= to) || (first && id <= itemsMark);
    // What the batch stores is made before the lock is taken: under it, only the writes.
    const signatures: DupTables['dup_signatures'][] = [];
    for (let r = 0; r < fresh; r++) if (inBatch(rid[r]!)) signatures.push({ item_id: rid[r]!, features: encodeFeatures(table.features(r)) });
    // Bucket rows in key order (sequential B-tree inserts): the first cap + 1 members of each bucket, those of this batch.
    const b = batchOf(to);
    const buckets = new NumberPairs();
    buckets.a = bucketKeys.subarray(bucketStart[b]!, bucketStart[b + 1]!);
    buckets.b = bucketIds.subarray(bucketStart[b]!, bucketStart[b + 1]!);
    buckets.n = buckets.a.length;
    // Pairs whose higher item id is in this batch, with both items' codes and dates.
    const candidates: DupTables['dup_candidates'][] = [];
    for (let later = 0; later < rowsTotal; later++) {
      for (let k = later * KEPT_PER_ITEM; k < (later + 1) * KEPT_PER_ITEM && keptOriginal[k] !== -1; k++) {
        const earlier = keptOriginal[k]!;
        if (!inBatch(Math.max(rid[later]!, rid[earlier]!))) continue;
        candidates.push({
          item_id: rid[later]!, original_id: rid[earlier]!, score: keptScore[k]!, reasons: reasonsOf(keptReasons[k]!).join(','),
          item_code: code(later), item_received: isoDay(rday[later]!), original_code: code(earlier), original_received: isoDay(rday[earlier]!),
        });
      }
    }

    const committed = await write(async (trx) => {
      // Another scan may have stored this batch meanwhile: then the rest is computed again.
      if (Number((await getMeta(trx, META_ITEMS)) ?? 0) !== from || Number((await getMeta(trx, META_EVENTS)) ?? 0) !== (first ? eventsMark : Math.max(eventsMark, maxEvent))) return false;
      const w = dupDb(trx);
      if (first) {
        for (let i = 0; i < stale.length; i += IN_CHUNK) {
          const ids = stale.slice(i, i + IN_CHUNK);
          await w.deleteFrom('dup_signatures').where('item_id', 'in', ids).execute();
          await w.deleteFrom('dup_candidates').where((eb) => eb.or([eb('item_id', 'in', ids), eb('original_id', 'in', ids)])).execute();
        }
        for (let i = 0; i < staleBuckets.n; i++) {
          await w.deleteFrom('dup_buckets').where('bucket', '=', staleBuckets.a[i]!).where('item_id', '=', staleBuckets.b[i]!).execute();
        }
      }
      const SIGNATURES_PER_INSERT = 5_000;
      for (let i = 0; i < signatures.length; i += SIGNATURES_PER_INSERT) await w.insertInto('dup_signatures').values(signatures.slice(i, i + SIGNATURES_PER_INSERT)).execute();
      await insertNumberPairs(trx, 'dup_buckets', ['bucket', 'item_id'], buckets);
      // Eight columns a row: 2,000 rows stay under SQLite's 32,766 bound parameters.
      const CANDIDATES_PER_INSERT = 2_000;
      for (let i = 0; i < candidates.length; i += CANDIDATES_PER_INSERT) {
        await w.insertInto('dup_candidates').values(candidates.slice(i, i + CANDIDATES_PER_INSERT)).onConflict((oc) => oc.doNothing()).execute();
      }
      await setMeta(trx, META_ITEMS, String(Math.max(from, to)));
      await setMeta(trx, META_EVENTS, String(Math.max(eventsMark, maxEvent)));
      return true;
    });
    if (!committed) return false;
    total.signed += signatures.length;
    total.resigned += first ? stale.length : 0;
    total.pairs += candidates.length;
    from = Math.max(from, to);
    await o.afterBatch?.(from);
  }
  return true;
}

/** The row of a sorted key-row value (key · 2^21 + row). */
function rowOf(v: number): number {
  return v % 2097152;
}

/** Calls `each` with every key of a sorted key-row array and its range [start, end). */
function forEachSortedGroup(sorted: Float64Array, each: (key: number, start: number, end: number) => void): void {
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && Math.floor(sorted[i]! / 2097152) === Math.floor(sorted[start]! / 2097152)) continue;
    if (start < sorted.length) each(Math.floor(sorted[start]! / 2097152), start, i);
    start = i;
  }
}

const REASON_ORDER: DupReason[] = ['same-accused', 'same-unit', 'same-reporter', 'similar-summary'];
function reasonBits(reasons: readonly DupReason[]): number {
  let bits = 0;
  for (const r of reasons) bits |= 1 << REASON_ORDER.indexOf(r);
  return bits;
}
function reasonsOf(bits: number): DupReason[] {
  return REASON_ORDER.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Reporter keys are 53-bit; in-memory grouping takes 32 bits of them (pairs are scored on the full keys). */
function reporterKey32(k: number): number {
  return (k % 4294967296) >>> 0;
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

interface ItemSource {
  id: number; year: number; seq: number; received: string; accused_name: string | null; accused_unit: string | null; summary: string | null;
  reporter_id_hash: number | null; reporter_phone_hash: number | null;
}

function itemSources(db: Db) {
  return db.selectFrom('items').select(['id', 'year', 'seq', 'received', 'accused_name', 'accused_unit', 'summary', 'reporter_id_hash', 'reporter_phone_hash']);
}

const INSERT_ROWS = 20_000;

/** A growable typed array of numbers. */
class Growable<T extends Int32Array | Float64Array> {
  a: T;
  n = 0;
  constructor(private readonly Kind: new (n: number) => T) {
    this.a = new Kind(1024);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new this.Kind(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** YYYY-MM-DD as the number YYYYMMDD (same order), and back. */
function dayNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}
function isoDay(n: number): string {
  const y = Math.floor(n / 10000), m = Math.floor(n / 100) % 100, d = n % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Growable pairs of integers (bucket key below 2^53, item id), 12 bytes a pair. */
class NumberPairs {
  a = new Float64Array(1024);
  b = new Uint32Array(1024);
  n = 0;
  push(x: number, y: number): void {
    if (this.n === this.a.length) {
      const a = new Float64Array(this.n * 2), b = new Uint32Array(this.n * 2);
      a.set(this.a);
      b.set(this.b);
      this.a = a;
      this.b = b;
    }
    this.a[this.n] = x;
    this.b[this.n++] = y;
  }
}

/**
 * Inserts integer pairs as multi-row INSERTs with the numbers written into the SQL text (they are
 * integers this module computed, never input, so nothing can be injected): building the text is
 * many times cheaper than binding a hundred thousand parameters through the query builder, and
 * the same statement serves both engines. Duplicates are skipped.
 */
async function insertNumberPairs(trx: Db, table: 'dup_buckets', columns: [string, string], rows: NumberPairs): Promise<void> {
  for (let i = 0; i < rows.n; i += INSERT_ROWS) {
    const parts: string[] = [];
    for (let k = i; k < Math.min(rows.n, i + INSERT_ROWS); k++) {
      const x = rows.a[k]!, y = rows.b[k]!;
      if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) throw new Error('duplicate index: a key is not an integer');
      parts.push(`(${x},${y})`);
    }
    await sql.raw(`insert into ${table} (${columns[0]}, ${columns[1]}) values ${parts.join(',')} on conflict do nothing`).execute(trx);
  }
}

// --- reading what the scan needs ------------------------------------------------------------------

/** A stored candidate pair with both items' codes and received dates. */
export interface CandidateRow {
  itemId: number;
  itemCode: string;
  itemReceived: string;
  originalId: number;
  originalCode: string;
  originalReceived: string;
  score: number;
  reasons: DupReason[];
}

/** Every stored candidate pair scoring at least `minScore`. */
export async function candidatePairs(trx: Db, minScore: number): Promise<CandidateRow[]> {
  const rows = await dupDb(trx).selectFrom('dup_candidates')
    .select(['item_id', 'original_id', 'score', 'reasons', 'item_code', 'item_received', 'original_code', 'original_received'])
    .where('score', '>=', minScore)
    .execute();
  return rows.map((r) => ({
    itemId: Number(r.item_id), itemCode: r.item_code, itemReceived: r.item_received,
    originalId: Number(r.original_id), originalCode: r.original_code, originalReceived: r.original_received,
    score: Number(r.score), reasons: (r.reasons ? r.reasons.split(',') : []) as DupReason[],
  }));
}

/** The duplicate decisions in force: which items are void, and which are marked duplicates of which (ids). */
export interface DuplicateDecisions {
  voided: Set<number>;
  duplicateOf: Map<number, number>;
}

/**
 * Void items and the duplicate marks in force (the latest duplicate or duplicate-clear event of
 * each item by effective date, then id, as the state query orders them), read from the events alone.
 */
export async function duplicateDecisions(db: Db): Promise<DuplicateDecisions> {
  const rows = await db.selectFrom('events').select(['item_id', 'kind', 'target_id'])
    .where('kind', 'in', ['duplicate', 'duplicate-clear', 'void']).orderBy('on_date').orderBy('id').execute();
  const voided = new Set<number>();
  const duplicateOf = new Map<number, number>();
  for (const r of rows) {
    const id = Number(r.item_id);
    if (r.kind === 'void') voided.add(id);
    else if (r.kind === 'duplicate' && r.target_id !== null) duplicateOf.set(id, Number(r.target_id));
    else duplicateOf.delete(id);
  }
  return { voided, duplicateOf };
}

// --- intake: the likely originals of one new item -------------------------------------------------

/** An earlier item that may be the same matter as a new one, with what similarity reads of it. */
export interface IntakeMatch {
  id: number;
  code: string;
  received: string;
  summary: string | null;
  /** Without the summary's signature: see intakeMatches. */
  features: DupFeatures;
}

/**
 * Items other than `exceptId` that share a reporter keyed hash (when `byReporter`), or may be the
 * same accused (SPEC 7: cheap keys): through the stored accused buckets (`accusedKeys`: the same
 * person in the same folded unit) for items the index already holds, and by exact name
 * (`accusedNames`, the items' name index) for items registered since the last scan. At most
 * `limit` of each. Whether the unit is the same is for the caller to judge; the summary is not
 * signed here (the caller signs the few that qualify), so the look-up costs the same in a
 * thousand-item and a million-item registry.
 */
export async function intakeMatches(db: Db, q: { exceptId: number; reporterKeys: number[]; accusedKeys: number[]; accusedNames: string[]; byReporter: boolean; limit?: number }): Promise<IntakeMatch[]> {
  const limit = q.limit ?? 200;
  const found = new Map<number, IntakeMatch>();
  const take = (rows: (ItemSource & { code: string })[]) => {
    for (const r of rows) {
      found.set(Number(r.id), {
        id: Number(r.id), code: r.code, received: r.received, summary: r.summary,
        features: dupFeatures({ accusedName: r.accused_name, accusedUnit: r.accused_unit, reporterIdHash: num(r.reporter_id_hash), reporterPhoneHash: num(r.reporter_phone_hash) }),
      });
    }
  };
  const select = () => itemSources(db).select('code').where('id', '!=', q.exceptId);
  if (q.byReporter && q.reporterKeys.length > 0) {
    take(await select().where((eb) => eb.or([eb('reporter_id_hash', 'in', q.reporterKeys), eb('reporter_phone_hash', 'in', q.reporterKeys)]))
      .orderBy('id', 'desc').limit(limit).execute());
  }
  const mark = Number((await getMeta(db, META_ITEMS)) ?? 0);
  if (q.accusedKeys.length > 0 && mark > 0) {
    const ids = (await dupDb(db).selectFrom('dup_buckets').select('item_id').where('bucket', 'in', q.accusedKeys.map((k) => ACCUSED_TAG + k)).limit(limit).execute())
      .map((r) => Number(r.item_id));
    if (ids.length > 0) take(await select().where('id', 'in', ids).execute());
  }
  if (q.accusedNames.length > 0) {
    take(await select().where('accused_name', 'in', q.accusedNames).where('id', '>', mark).orderBy('id', 'desc').limit(limit).execute());
  }
  return [...found.values()];
}


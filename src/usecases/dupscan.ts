// `dup scan` (SPEC 6; issue 10): the candidate duplicate pairs not yet decided — later item,
// earlier original — with a score and the reasons, and the likely originals of a newly registered
// item (SPEC 7). The scan extends the duplicate index (store/dupindex.ts) and writes nothing else.
//
// Why this is no reporter oracle (SPEC 5). The scan takes no name, phone or ID number as input:
// it only relates items that are already in the registry, each of which was registered or
// imported by a command that wrote and was audited. A pair shown because two items share a
// reporter's keyed hash says that two registered items came from the same person — it is masked
// like every output, and to test whether a given phone belongs to a reporter through it, one
// would first have to register an item carrying that phone, which is itself an audited write. So
// the scan answers nothing about a value from outside the registry. The one door that could —
// an import dry run, which reads a file's reporters and writes nothing — never uses reporter
// hashes for candidates (see intakeCandidates' `byReporter`).

import type { Period } from '../domain/periods.js';
import { say, usageError } from '../domain/errors.js';
import { DupTable, MAX_ACCUSED, accusedKeys, accusedNames, dupFeatures, dupScore, fmix32, foldUnit, hashText, signSummary, type DupReason } from '../domain/similarity.js';
import { formatCode } from '../domain/item.js';
import { AT, PACKED_WIDTH, type PackedValue, type Presence } from '../store/bulk.js';
import {
  STORED_MIN_SCORE, candidatePairs, duplicateDecisions, extendDupIndex, intakeMatches, type CandidateRow, type ExtendOptions, type IndexExtension,
} from '../store/dupindex.js';
import { dismissedPairs, itemFactsByIds, itemStates } from '../store/events.js';
import type { Db } from '../store/registry.js';
import type { UseCaseContext } from './context.js';

/** One proposed pair (SPEC 6 `dup scan --json`): `item` is the later item, `original` the earliest of its cluster. */
export interface DupCandidate {
  item: string;
  original: string;
  score: number;
  reasons: DupReason[];
}

/**
 * The default `--threshold`: chosen on the generator's labelled set (bench/dup-quality.mjs), where
 * precision and recall both pass 0.95 from about 0.55 to 0.7; 0.6 sits in the middle.
 */
export const DEFAULT_THRESHOLD = 0.6;

export interface ScanOptions {
  /** Only later items received in this period (their originals may be older). */
  period?: Pick<Period, 'from' | 'to'>;
  threshold?: number;
  limit?: number;
  /** How the index is extended (batch size, a hook after each batch): for tests and benchmarks. */
  extend?: Pick<ExtendOptions, 'batchItems' | 'afterBatch'>;
}

export interface ScanResult {
  candidates: DupCandidate[];
  /** What this scan added to the index. */
  index: IndexExtension;
}

/** Checks a `--threshold` value: a number from STORED_MIN_SCORE to 1. */
export function checkThreshold(t: number): number {
  if (!Number.isFinite(t) || t < STORED_MIN_SCORE || t > 1) {
    throw usageError(
      say(`--threshold “${t}”：应为 ${STORED_MIN_SCORE} 到 1 之间的数`, `--threshold "${t}": expected a number from ${STORED_MIN_SCORE} to 1`),
      say(`默认 ${DEFAULT_THRESHOLD}；查重索引不保留低于 ${STORED_MIN_SCORE} 的配对`, `default ${DEFAULT_THRESHOLD}; the index keeps no pair scoring below ${STORED_MIN_SCORE}`),
    );
  }
  return t;
}

/**
 * Extends the duplicate index and lists the undecided candidate pairs scoring at least the
 * threshold: void items left out; an item already marked a duplicate is decided (left out), and
 * one that points at a marked duplicate is pointed at that item's original instead; a pair
 * dismissed with `dup dismiss` is never proposed again. Each item is proposed once, with its best
 * match's score and reasons, pointing at the earliest item of its cluster (SPEC 3: point to the
 * original, not to another duplicate). Ordered by the item's received date, then registration.
 */
export async function scanDuplicates(ctx: UseCaseContext, o: ScanOptions = {}): Promise<ScanResult> {
  const threshold = checkThreshold(o.threshold ?? DEFAULT_THRESHOLD);
  // The index is extended outside the write lock, which is taken only to store each batch (other
  // clerks wait for a batch, not for the scan); the pairs and decisions are then read, not written.
  const index = await extendDupIndex(ctx.registry.db, { write: (fn) => ctx.registry.write(fn), ...o.extend });
  const db = ctx.registry.db;
  const pairs = await candidatePairs(db, threshold);
  const decisions = await duplicateDecisions(db);
  const dismissed = new Set((await dismissedPairs(db)).map(([a, b]) => pairKey(a, b)));
  // Originals named by marks that no candidate pair mentions: their codes.
  const known = new Set(pairs.flatMap((p) => [p.itemId, p.originalId]));
  const facts = await itemFactsByIds(db, [...new Set(decisions.duplicateOf.values())].filter((id) => !known.has(id)));

  const info = new Map<number, { code: string; received: string }>();
  for (const [id, f] of facts) info.set(id, { code: f.code, received: f.received });
  const byItem = new Map<number, CandidateRow[]>();
  for (const p of pairs) {
    info.set(p.itemId, { code: p.itemCode, received: p.itemReceived });
    info.set(p.originalId, { code: p.originalCode, received: p.originalReceived });
    (byItem.get(p.itemId) ?? byItem.set(p.itemId, []).get(p.itemId)!).push(p);
  }
  // Plain comparisons (ISO dates and codes sort as strings); localeCompare is slow on 10^5 rows.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const list of byItem.values()) list.sort((a, b) => b.score - a.score || cmp(a.originalReceived, b.originalReceived) || a.originalId - b.originalId);

  const rootOf = new Map<number, number>();
  const resolve = (id: number, depth = 0): number => {
    const r = rootOf.get(id);
    if (r !== undefined) return r;
    const marked = decisions.duplicateOf.get(id);
    return marked !== undefined && depth < 16 ? resolve(marked, depth + 1) : id;
  };
  const order = [...info.keys()].sort((a, b) => cmp(info.get(a)!.received, info.get(b)!.received) || a - b);
  const out: (DupCandidate & { received: string; id: number })[] = [];
  for (const x of order) {
    if (decisions.voided.has(x)) continue;
    const marked = decisions.duplicateOf.get(x);
    if (marked !== undefined) {
      rootOf.set(x, resolve(marked));
      continue;
    }
    let chosen: { original: number; pair: CandidateRow } | undefined;
    for (const p of byItem.get(x) ?? []) {
      const y = p.originalId;
      if (decisions.voided.has(y) || dismissed.has(pairKey(x, y))) continue;
      const root = resolve(y);
      if (root === x || decisions.voided.has(root) || dismissed.has(pairKey(x, root))) continue;
      chosen = { original: root, pair: byItem.get(x)!.find((q) => q.originalId === root) ?? p };
      break;
    }
    if (!chosen) {
      rootOf.set(x, x);
      continue;
    }
    rootOf.set(x, chosen.original);
    const item = info.get(x)!;
    if (o.period && (item.received < o.period.from || item.received > o.period.to)) continue;
    out.push({ item: item.code, original: info.get(chosen.original)!.code, score: chosen.pair.score, reasons: chosen.pair.reasons, received: item.received, id: x });
  }
  out.sort((a, b) => cmp(a.received, b.received) || a.id - b.id);
  const limited = o.limit !== undefined ? out.slice(0, o.limit) : out;
  return { candidates: limited.map(({ item, original, score, reasons }) => ({ item, original, score, reasons })), index };
}

/** SPEC 7's cheap keys: the same reporter by keyed hash, or the same accused in the same folded unit. */
function qualifies(reasons: readonly DupReason[]): boolean {
  return reasons.includes('same-reporter') || (reasons.includes('same-accused') && reasons.includes('same-unit'));
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

// --- intake ---------------------------------------------------------------------------------------

/** A likely original of a newly registered item: its code, the score and why. */
export interface LikelyOriginal {
  code: string;
  score: number;
  reasons: DupReason[];
}

/** At most this many likely originals are named at intake. */
const INTAKE_SHOWN = 5;

/**
 * The likely originals of item `itemId`, just written in transaction `trx` (SPEC 7: from cheap
 * keys — received on or before it, the same reporter by keyed hash, the same accused in the same folded unit; the summary's
 * similarity adds to the score and the reasons). A match that is void is left out; one marked a
 * duplicate is replaced by its original. `byReporter` false leaves reporter matches out entirely
 * (SPEC 5: a command that writes nothing must not reveal them). Best first.
 */
export async function likelyOriginals(trx: Db, item: {
  id: number; received: string; accusedName?: string | null; accusedUnit?: string | null; summary?: string | null;
  reporterIdHash: number | null; reporterPhoneHash: number | null;
}, o: { byReporter: boolean }): Promise<LikelyOriginal[]> {
  const mine = dupFeatures(item);
  if (!o.byReporter) mine.reporterKeys = [];
  const names = [...new Set([item.accusedName?.trim(), ...accusedNames(item.accusedName)].filter((n): n is string => !!n))];
  const matches = await intakeMatches(trx, { exceptId: item.id, reporterKeys: mine.reporterKeys, accusedKeys: accusedKeys(mine), accusedNames: names, byReporter: o.byReporter });
  // The cheap keys decide; only then is the summary signed, for the score and the reasons.
  const cheap = { ...mine, signature: undefined };
  const scored = matches.filter((m) => m.received <= item.received && qualifies(dupScore(cheap, m.features).reasons))
    .map((m) => ({ m, s: dupScore(mine, { ...m.features, signature: signSummary(m.summary) }) }));
  if (scored.length === 0) return [];
  const states = await itemStates(trx, { itemIds: scored.map(({ m }) => m.id) });
  const best = new Map<string, LikelyOriginal>();
  for (const { m, s } of scored) {
    const st = states.get(m.id);
    if (st?.status === 'void') continue;
    const code = st?.duplicateOf ?? m.code;
    const seen = best.get(code);
    if (!seen || seen.score < s.score) best.set(code, { code, score: s.score, reasons: s.reasons });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1)).slice(0, INTAKE_SHOWN);
}

/**
 * The possible duplicates among the items an import has just written (ids `range.firstId` to
 * `range.lastId`, from the bulk writer's range()), for its summary (SPEC 7: counted, and listed
 * with --json): each new item with an item received on or before it — earlier in the registry or
 * earlier in the same file — that has the same accused in the same folded unit, or (only when
 * `byReporter`) the same reporter by keyed hash. Each points at the earliest such item's original
 * (when that earliest item is void the new item is left out; a marked duplicate is replaced by its
 * original). Earlier registry items are those whose accused name (as written) or reporter hash is
 * one of the new items'. Rows meet through the cheap keys (accused in the unit's core, reporter
 * hash), a key held by more than 256 rows being a common name or template and skipped. A dry run
 * must pass `byReporter: false` (SPEC 5).
 *
 * Cost (issue 10; SPEC 9's 300 MB for a million-row import): the new rows are held as their
 * 32-bit cheap keys only (KeyedRows: a byte a row and 4 bytes a key, some 8 bytes a row; no
 * strings), kept as the import writes them (`imported`) or read back in pages of the new ids.
 * Earlier items are found by index look-ups page by page of the new rows when they are few, or in
 * one pass over the earlier ids against sorted 53-bit fingerprints of the new rows' names and
 * reporter hashes. One sort of key · 2^b + row groups the keys; only the rows of a group of two to
 * 256 are then read back by id (chunks of 500) and folded, and each new row's group is scored in
 * received order until the first row that qualifies. A million new rows (400,000 of them in
 * groups): about 4 s and some 40 MB beside the writer's own tables, after the import's peak.
 */
export async function importCandidates(trx: Db, range: { firstId: number; lastId: number } | undefined, o: {
  byReporter: boolean;
  /** How earlier items are found (by default chosen by cost): the list is the same either way; for tests and benchmarks. */
  earlier?: 'lookup' | 'scan';
  /** The new rows' keys as the import wrote them (see ImportedRows): then they are not read back. */
  imported?: ImportedRows;
}): Promise<DupCandidate[]> {
  if (!range) return [];
  const fresh = range.lastId - range.firstId + 1;
  let rows: KeyedRows;
  if (o.imported && o.imported.byReporter === o.byReporter && o.imported.rows.n === fresh) {
    // The writer numbers the items it inserts consecutively, in the order they came.
    rows = o.imported.rows;
  } else {
    rows = new KeyedRows(fresh, o.byReporter);
    for await (const page of pagesOfIds(trx, range.firstId, range.lastId, ['accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash'])) {
      for (const r of page) rows.add(r.accused_name, r.accused_unit, nullable(r.reporter_id_hash), nullable(r.reporter_phone_hash));
    }
  }
  rows.numberFrom(range.firstId);
  if (range.firstId > 1) await addEarlier(trx, range, rows, o);

  // Group every row by its cheap keys (32-bit: accused in the unit's core, reporter hash).
  const { sorted, base } = rows.sortedKeys();
  const n = rows.n;
  const groupsOf = (each: (group: number[]) => void) => {
    const group: number[] = [];
    let key = -1;
    for (let i = 0; i < sorted.length; i++) {
      const k = Math.floor(sorted[i]! / base);
      if (k !== key) { if (group.length >= 2 && group.length <= 256) each(group); group.length = 0; key = k; }
      group.push(sorted[i]! - k * base);
    }
    if (group.length >= 2 && group.length <= 256) each(group);
  };
  // Only the rows of a group are compared: their received day and features are read back and folded.
  const slot = new Int32Array(n).fill(-1);
  let needed = 0;
  groupsOf((group) => { for (const r of group) if (slot[r] === -1) { slot[r] = 0; needed++; } });
  const features = new DupTable(needed);
  const codeNo = new Float64Array(needed);
  /** Received as YYYYMMDD. */
  const day = new Int32Array(needed);
  const ids: number[] = [];
  for (let r = 0; r < n; r++) if (slot[r] === 0) ids.push(rows.idOf(r));
  ids.sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += 500) {
    const page = await trx.selectFrom('items').select(['id', 'year', 'seq', 'received', 'accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash'])
      .where('id', 'in', ids.slice(i, i + 500)).orderBy('id').execute();
    for (const f of page) {
      const s = features.add(dupFeatures({
        accusedName: f.accused_name, accusedUnit: f.accused_unit,
        reporterIdHash: o.byReporter ? nullable(f.reporter_id_hash) : null, reporterPhoneHash: o.byReporter ? nullable(f.reporter_phone_hash) : null,
      }));
      codeNo[s] = Number(f.year) * 1_000_000 + Number(f.seq);
      day[s] = Number(f.received.slice(0, 4)) * 10000 + Number(f.received.slice(5, 7)) * 100 + Number(f.received.slice(8, 10));
      slot[rows.rowOf(Number(f.id))] = s;
    }
  }
  const score = (a: number, b: number) => features.score(slot[a]!, slot[b]!);
  const code = (r: number) => { const c = codeNo[slot[r]!]!; return formatCode(Math.floor(c / 1_000_000), c % 1_000_000); };

  // Only rows of groups are ever ordered: all have a slot.
  const before = (a: number, b: number) => {
    const dayA = day[slot[a]!]!, dayB = day[slot[b]!]!;
    return dayA < dayB || (dayA === dayB && rows.idOf(a) < rows.idOf(b));
  };
  /** Each new row's earliest qualifying row, or -1. */
  const match = new Int32Array(fresh).fill(-1);
  groupsOf((group) => {
    group.sort((a, b) => (before(a, b) ? -1 : 1));
    for (let i = 1; i < group.length; i++) {
      const x = group[i]!;
      if (x >= fresh) continue;
      const m = match[x]!;
      for (let j = 0; j < i; j++) {
        const y = group[j]!;
        if (m !== -1 && !before(y, m)) break;
        if (qualifies(score(x, y).reasons)) { match[x] = y; break; }
      }
    }
  });

  // Earlier items' decisions: void left out, marked duplicates pointed at their originals.
  const matched: number[] = [];
  for (let x = 0; x < fresh; x++) if (match[x] !== -1) matched.push(x);
  const olderIds = [...new Set(matched.map((x) => match[x]!).filter((y) => y >= fresh).map((y) => rows.idOf(y)))];
  const states = olderIds.length ? await itemStates(trx, { itemIds: olderIds }) : new Map();
  const out: DupCandidate[] = [];
  const originalOf = new Map<number, string>();
  // In received order, so that a row's match has its own original already.
  matched.sort((a, b) => (before(a, b) ? -1 : 1));
  for (const x of matched) {
    const y = match[x]!;
    let original: string;
    if (y < fresh) {
      original = originalOf.get(y) ?? code(y);
    } else {
      const st = states.get(rows.idOf(y)) as { status: string; duplicateOf: string | null } | undefined;
      if (st?.status === 'void') continue;
      original = st?.duplicateOf ?? code(y);
    }
    originalOf.set(x, original);
    const s = score(x, y);
    out.push({ item: code(x), original, score: s.score, reasons: s.reasons });
  }
  return out;
}

/** Rows of table items with ids from `first` to `last`, in id order, PAGE at a time: only `columns` (and the id). */
async function* pagesOfIds<C extends 'accused_name' | 'accused_unit' | 'reporter_id_hash' | 'reporter_phone_hash'>(trx: Db, first: number, last: number, columns: C[]) {
  const PAGE = 20_000;
  for (let after = first - 1; ;) {
    const page = await trx.selectFrom('items').select(['id', ...columns]).where('id', '>', after).where('id', '<=', last).orderBy('id').limit(PAGE).execute();
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = Number(page[page.length - 1]!.id);
  }
}

/**
 * Adds to `rows` the earlier items (ids below range.firstId) whose accused name as written, or
 * (when `byReporter`) reporter hash, is one of the new rows'. By the items' indexes, page by page
 * of the new rows' names and hashes read back, when the look-ups are few beside the earlier items;
 * else in one pass over the earlier ids against sorted fingerprints of the new rows' values (53
 * bits: a false match only adds a row that is then scored, and never qualifies on a name it lacks).
 */
async function addEarlier(trx: Db, range: { firstId: number; lastId: number }, rows: KeyedRows, o: { byReporter: boolean; earlier?: 'lookup' | 'scan' }): Promise<void> {
  const columns = ['accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash'] as const;
  const earlierRows = () => trx.selectFrom('items').select(['id', ...columns]).where('id', '<', range.firstId);
  const add = (r: { id: unknown; accused_name: string | null; accused_unit: string | null; reporter_id_hash: unknown; reporter_phone_hash: unknown }) =>
    rows.addEarlier(Number(r.id), r.accused_name, r.accused_unit, nullable(r.reporter_id_hash), nullable(r.reporter_phone_hash));
  const newValues = () => pagesOfIds(trx, range.firstId, range.lastId, ['accused_name', 'reporter_id_hash', 'reporter_phone_hash']);
  const reporters = (r: { reporter_id_hash: unknown; reporter_phone_hash: unknown }) =>
    o.byReporter ? [nullable(r.reporter_id_hash), nullable(r.reporter_phone_hash)].filter((k): k is number => k !== null) : [];

  if (o.earlier === 'lookup' || (o.earlier === undefined && range.firstId - 1 > 8 * rows.lookups)) {
    const seen = new Set<number>();
    const chunk = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));
    for await (const page of newValues()) {
      const names = new Set<string>(), keys = new Set<number>();
      for (const r of page) {
        if (r.accused_name) names.add(r.accused_name);
        for (const k of reporters(r)) keys.add(k);
      }
      for (const c of chunk([...names])) {
        for (const r of await earlierRows().where('accused_name', 'in', c).execute()) if (!seen.has(Number(r.id))) { seen.add(Number(r.id)); add(r); }
      }
      for (const c of chunk([...keys])) {
        for (const r of await earlierRows().where((eb) => eb.or([eb('reporter_id_hash', 'in', c), eb('reporter_phone_hash', 'in', c)])).execute()) {
          if (!seen.has(Number(r.id))) { seen.add(Number(r.id)); add(r); }
        }
      }
    }
    return;
  }
  const names = new GrowableF64(rows.lookups), keys = new GrowableF64(0);
  for await (const page of newValues()) {
    for (const r of page) {
      if (r.accused_name) names.push(fingerprint(r.accused_name));
      for (const k of reporters(r)) keys.push(k);
    }
  }
  const nameSet = names.sorted(), keySet = keys.sorted();
  for await (const page of pagesOfIds(trx, 1, range.firstId - 1, [...columns])) {
    for (const r of page) {
      if ((r.accused_name && has(nameSet, fingerprint(r.accused_name))) || reporters(r).some((k) => has(keySet, k))) add(r);
    }
  }
}

/** A 53-bit fingerprint of a string (two 32-bit hashes): exact enough to stand for it among millions. */
function fingerprint(s: string): number {
  return hashText(s, 0x6e61) * 2097152 + (hashText(s, 0x6d65) & 0x1fffff);
}

/** Whether sorted array `a` holds `v` (binary search). */
function has(a: Float64Array, v: number): boolean {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === v;
}

/**
 * The rows an import inserts, kept as it goes for importCandidates (`imported`), so that a large
 * import's new rows need not be read back: only their cheap keys (see KeyedRows), no strings.
 * Feed it each batch with the writer's answer for it.
 */
export class ImportedRows {
  readonly rows: KeyedRows;
  constructor(readonly byReporter: boolean, expectedRows = 0) {
    this.rows = new KeyedRows(Math.min(expectedRows, 2_000_000), byReporter);
  }

  /** The packed items of a batch (layout AT) and what the writer did with each, in order. */
  addBatch(packed: readonly PackedValue[], presences: readonly Presence[]): void {
    for (let k = 0; k < presences.length; k++) {
      if (presences[k]!.state !== 'new') continue;
      const at = k * PACKED_WIDTH;
      this.rows.add(packed[at + AT.accusedName] as string | null, packed[at + AT.accusedUnit] as string | null,
        nullable(packed[at + AT.idHash]), nullable(packed[at + AT.phoneHash]));
    }
  }
}

/** Folded units kept at most (then the cache starts again): 50,000 distinct units in a million generated rows. */
const UNIT_CACHE = 65_536;

/**
 * Rows of importCandidates by their cheap keys only, in typed arrays: the new rows first (row r is
 * item numberFrom + r), then earlier items (their ids kept). Per row how many keys it has (a
 * byte) and the keys themselves, row after row (4 bytes each): about 1 + 4 × (accused + reporter
 * keys) bytes a row while the import runs, no strings (nor the received day: importCandidates reads
 * it back with the features, for the rows of a group only) (a Map of the
 * names, or the batch strings it would keep alive, took a million-row import past SPEC 9's 300 MB).
 * Keys: each accused person (folded, hashed) in the folded unit's core, as accusedKeys; the
 * reporter's keyed hashes' low 32 bits (left out unless `byReporter`).
 */
export class KeyedRows {
  n = 0;
  /** Accused names and reporter hashes of the new rows: an upper bound of the distinct look-ups they would take. */
  lookups = 0;
  private fresh = -1;
  private firstId = 1;
  private earlierIds = new Int32Array(1024);
  private readonly earlierRow = new Map<number, number>();
  private keyCount: Uint8Array;
  private keys: Uint32Array;
  private nKeys = 0;
  /** Unit core hashes by the unit's fingerprint (0x5eed: no unit), so that each distinct unit is folded about once. */
  private readonly cores = new Map<number, number>();

  constructor(capacity: number, private readonly byReporter: boolean) {
    const c = Math.max(1024, Math.ceil(capacity));
    this.keyCount = new Uint8Array(c);
    // Three keys a row reserved: pages never written are never resident.
    this.keys = new Uint32Array(c * 3);
  }

  /** Adds a new row: its accused, unit and reporter hashes. */
  add(accusedName: string | null, accusedUnit: string | null, idHash: number | null, phoneHash: number | null): number {
    if (this.fresh !== -1) throw new Error('KeyedRows: new rows come before earlier ones');
    if (accusedName) this.lookups++;
    if (this.byReporter) this.lookups += (idHash !== null ? 1 : 0) + (phoneHash !== null ? 1 : 0);
    return this.push(accusedName, accusedUnit, idHash, phoneHash);
  }

  /** The new rows are items `firstId` on; rows added after this are earlier items. */
  numberFrom(firstId: number): void {
    this.firstId = firstId;
    if (this.fresh === -1) this.fresh = this.n;
  }

  /** Adds an earlier item (after numberFrom). */
  addEarlier(id: number, accusedName: string | null, accusedUnit: string | null, idHash: number | null, phoneHash: number | null): number {
    const r = this.push(accusedName, accusedUnit, idHash, phoneHash);
    const e = r - this.fresh;
    if (e === this.earlierIds.length) this.earlierIds = grown(this.earlierIds, e * 2);
    this.earlierIds[e] = id;
    this.earlierRow.set(id, r);
    return r;
  }

  idOf(r: number): number {
    return r < this.fresh ? this.firstId + r : this.earlierIds[r - this.fresh]!;
  }

  rowOf(id: number): number {
    return id >= this.firstId ? id - this.firstId : this.earlierRow.get(id)!;
  }

  /**
   * The (key, row) pairs as key · 2^b + row, sorted: b is 21 or the bits the rows need (then the
   * keys' low bits are dropped: merged groups are harmless, every pair being scored before it is
   * taken). Consumes the keys.
   */
  sortedKeys(): { sorted: Float64Array; base: number } {
    const rowBits = Math.max(21, Math.ceil(Math.log2(this.n + 1)));
    const base = 2 ** rowBits, shift = 2 ** (rowBits - 21);
    const packed = new Float64Array(this.nKeys);
    for (let r = 0, i = 0; r < this.n; r++) {
      for (let end = i + this.keyCount[r]!; i < end; i++) packed[i] = Math.floor(this.keys[i]! / shift) * base + r;
    }
    this.keys = new Uint32Array(0);
    this.keyCount = new Uint8Array(0);
    this.nKeys = 0;
    return { sorted: packed.sort(), base };
  }

  private push(accusedName: string | null, accusedUnit: string | null, idHash: number | null, phoneHash: number | null): number {
    if (this.n === this.keyCount.length) this.keyCount = grown(this.keyCount, this.n * 2);
    const r = this.n++;
    const before = this.nKeys;
    if (accusedName) {
      // As accusedKeys(dupFeatures(...)): each named person in the unit's core.
      const core = this.coreOf(accusedUnit);
      for (const name of accusedNames(accusedName).slice(0, MAX_ACCUSED)) this.key(fmix32(Math.imul(hashText(name, 0xacc), 31) ^ core));
    }
    if (this.byReporter) {
      if (idHash !== null) this.key((idHash % 4294967296) >>> 0);
      if (phoneHash !== null) this.key((phoneHash % 4294967296) >>> 0);
    }
    this.keyCount[r] = this.nKeys - before;
    return r;
  }

  /** The hashed core of a folded unit, or 0x5eed for none (as accusedKeys). */
  private coreOf(unit: string | null): number {
    if (!unit) return 0x5eed;
    const f = fingerprint(unit);
    let core = this.cores.get(f);
    if (core === undefined) {
      const u = foldUnit(unit);
      core = u ? hashText(u.core, 0xc0e) : 0x5eed;
      if (this.cores.size >= UNIT_CACHE) this.cores.clear();
      this.cores.set(f, core);
    }
    return core;
  }

  private key(key: number): void {
    if (this.nKeys === this.keys.length) this.keys = grown(this.keys, this.keys.length * 2);
    this.keys[this.nKeys++] = key;
  }
}

/** A copy of `a` in a new array of `length`. */
function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** A growable Float64Array. */
class GrowableF64 {
  a: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Float64Array(Math.max(1024, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) this.a = grown(this.a, this.n * 2);
    this.a[this.n++] = v;
  }
  /** The values, sorted (consumes the array). */
  sorted(): Float64Array {
    const s = this.a.subarray(0, this.n).sort();
    this.a = new Float64Array(0);
    return s;
  }
}

function nullable(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

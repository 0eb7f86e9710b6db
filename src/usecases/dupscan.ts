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
import { DupTable, accusedKeys, accusedNames, dupFeatures, dupScore, signSummary, type DupFeatures, type DupReason } from '../domain/similarity.js';
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
 * Cost (issue 10): one pass over the new rows reading only the key columns into typed arrays
 * (about 40 bytes a row), names and units folded once per distinct text; earlier items by index
 * look-ups when they are few, or by one pass over the earlier ids when the import is large
 * beside the registry; one sort of the keys; and for each new row, its group's rows in received
 * order scored only until the first that qualifies. A million new rows take a few seconds, so
 * every import lists its candidates.
 */
export async function importCandidates(trx: Db, range: { firstId: number; lastId: number } | undefined, o: {
  byReporter: boolean;
  /** How earlier items are found (by default chosen by cost): the list is the same either way; for tests and benchmarks. */
  earlier?: 'lookup' | 'scan';
  /** The new rows as the import wrote them (see ImportedRows): then they are not read back. */
  imported?: ImportedRows;
}): Promise<DupCandidate[]> {
  if (!range) return [];
  const { sortedKeyRows } = await import('../domain/similarity.js');
  const PAGE = 20_000;
  const keyRows = () => trx.selectFrom('items').select(['id', 'year', 'seq', 'received', 'accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash']);
  let rows: KeyedRows;
  if (o.imported && o.imported.byReporter === o.byReporter && o.imported.rows.n === range.lastId - range.firstId + 1) {
    // The writer numbers the items it inserts consecutively, in the order they came.
    rows = o.imported.rows;
    for (let r = 0; r < rows.n; r++) rows.id[r] = range.firstId + r;
  } else {
    rows = new KeyedRows(range.lastId - range.firstId + 1, o.byReporter);
    for (let after = range.firstId - 1; ;) {
      const page = await keyRows().where('id', '>', after).where('id', '<=', range.lastId).orderBy('id').limit(PAGE).execute();
      for (const r of page) rows.addRow(r);
      if (page.length < PAGE) break;
      after = Number(page[page.length - 1]!.id);
    }
  }
  // The new rows' reporter hashes, to find earlier items by (none before the first item).
  const reporterKeys = new Set<number>();
  if (o.byReporter && range.firstId > 1) for (let r = 0; r < rows.n; r++) for (const k of rows.reporterKeys(r)) reporterKeys.add(k);
  const fresh = rows.n;
  const names = rows.namesSoFar();

  // Earlier items sharing an accused name or a reporter hash with a new one: by the items' indexes
  // when the look-ups are few beside the earlier items, else in one pass over the earlier ids.
  const lookups = names.size + reporterKeys.size;
  if (o.earlier === 'lookup' || (o.earlier === undefined && range.firstId - 1 > 8 * lookups)) {
    const seen = new Set<number>();
    const chunk = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));
    for (const c of chunk(names.list())) {
      for (const r of await keyRows().where('accused_name', 'in', c).where('id', '<', range.firstId).execute()) if (!seen.has(Number(r.id))) { seen.add(Number(r.id)); rows.addRow(r); }
    }
    if (o.byReporter) {
      for (const c of chunk([...reporterKeys])) {
        for (const r of await keyRows().where((eb) => eb.or([eb('reporter_id_hash', 'in', c), eb('reporter_phone_hash', 'in', c)])).where('id', '<', range.firstId).execute()) {
          if (!seen.has(Number(r.id))) { seen.add(Number(r.id)); rows.addRow(r); }
        }
      }
    }
  } else if (range.firstId > 1) {
    const shares = (r: KeyRow) => (r.accused_name !== null && names.has(r.accused_name))
      || (o.byReporter && ((r.reporter_id_hash !== null && reporterKeys.has(Number(r.reporter_id_hash))) || (r.reporter_phone_hash !== null && reporterKeys.has(Number(r.reporter_phone_hash)))));
    for (let after = 0; ;) {
      const page = await keyRows().where('id', '>', after).where('id', '<', range.firstId).orderBy('id').limit(PAGE).execute();
      for (const r of page) if (shares(r)) rows.addRow(r);
      if (page.length < PAGE) break;
      after = Number(page[page.length - 1]!.id);
    }
  }

  // Group every row by its cheap keys (32-bit: accused in the unit's core, reporter hash).
  const keys = new GrowableU32(rows.n * 2), members = new GrowableU32(rows.n * 2);
  for (let r = 0; r < rows.n; r++) {
    for (const k of rows.accusedKeys(r)) { keys.push(k); members.push(r); }
    for (const k of rows.reporterKeys(r)) { keys.push((k % 4294967296) >>> 0); members.push(r); }
  }
  // Packed as key · 2^b + row in a double's 53 bits: rows below 2^21 keep the whole key, more rows
  // drop its low bits (merged groups are harmless: every pair is scored before it is taken).
  const rowBits = Math.max(21, Math.ceil(Math.log2(rows.n + 1)));
  const shift = 2 ** (rowBits - 21);
  for (let i = 0; i < keys.n; i++) keys.a[i] = Math.floor(keys.a[i]! / shift);
  const sorted = rowBits === 21 ? sortedKeyRows(keys.a, members.a, keys.n) : packSorted(keys.a, members.a, keys.n, 2 ** rowBits);
  const base = 2 ** rowBits;
  keys.a = new Uint32Array(0);
  members.a = new Uint32Array(0);

  const before = (a: number, b: number) => rows.day[a]! < rows.day[b]! || (rows.day[a] === rows.day[b] && rows.id[a]! < rows.id[b]!);
  /** Each new row's earliest qualifying row, or -1. */
  const match = new Int32Array(fresh).fill(-1);
  const group: number[] = [];
  const each = () => {
    if (group.length < 2 || group.length > 256) return;
    group.sort((a, b) => (before(a, b) ? -1 : 1));
    for (let i = 1; i < group.length; i++) {
      const x = group[i]!;
      if (x >= fresh) continue;
      const m = match[x]!;
      for (let j = 0; j < i; j++) {
        const y = group[j]!;
        if (m !== -1 && !before(y, m)) break;
        if (qualifies(rows.score(x, y).reasons)) { match[x] = y; break; }
      }
    }
  };
  let key = -1;
  for (let i = 0; i < sorted.length; i++) {
    const k = Math.floor(sorted[i]! / base);
    if (k !== key) { each(); group.length = 0; key = k; }
    group.push(sorted[i]! - k * base);
  }
  each();

  // Earlier items' decisions: void left out, marked duplicates pointed at their originals.
  const matched: number[] = [];
  for (let x = 0; x < fresh; x++) if (match[x] !== -1) matched.push(x);
  const olderIds = [...new Set(matched.map((x) => match[x]!).filter((y) => y >= fresh).map((y) => rows.id[y]!))];
  const states = olderIds.length ? await itemStates(trx, { itemIds: olderIds }) : new Map();
  const out: DupCandidate[] = [];
  const originalOf = new Map<number, string>();
  // In received order, so that a row's match has its own original already.
  matched.sort((a, b) => (before(a, b) ? -1 : 1));
  for (const x of matched) {
    const y = match[x]!;
    let original: string;
    if (y < fresh) {
      original = originalOf.get(y) ?? rows.code(y);
    } else {
      const st = states.get(rows.id[y]!) as { status: string; duplicateOf: string | null } | undefined;
      if (st?.status === 'void') continue;
      original = st?.duplicateOf ?? rows.code(y);
    }
    originalOf.set(x, original);
    const s = rows.score(x, y);
    out.push({ item: rows.code(x), original, score: s.score, reasons: s.reasons });
  }
  return out;
}

/**
 * The rows an import inserts, kept as it goes for importCandidates (`imported`), so that a large
 * import's new rows need not be read back: only what the cheap keys need, about 40 bytes a row.
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
      const p = presences[k]!;
      if (p.state !== 'new') continue;
      const at = k * PACKED_WIDTH;
      const dash = p.code.indexOf('-');
      this.rows.add(0, packed[at + AT.received] as string, Number(p.code.slice(0, dash)) * 1_000_000 + Number(p.code.slice(dash + 1)),
        packed[at + AT.accusedName] as string | null, packed[at + AT.accusedUnit] as string | null,
        nullable(packed[at + AT.idHash]), nullable(packed[at + AT.phoneHash]));
    }
  }
}

/** The columns importCandidates reads of an item. */
interface KeyRow {
  id: number; year: number; seq: number; received: string; accused_name: string | null; accused_unit: string | null;
  reporter_id_hash: unknown; reporter_phone_hash: unknown;
}

/**
 * Rows of importCandidates in typed arrays: id, received day (YYYYMMDD), code (year · 10^6 + seq),
 * and the features' parts — the accused and the folded unit by index into tables folded once per
 * distinct text, the reporter's keyed hashes (left out unless `byReporter`).
 */
export class KeyedRows {
  n = 0;
  id: Int32Array;
  day: Int32Array;
  private codeNo: Float64Array;
  private name: Int32Array;
  private unit: Int32Array;
  private reporters: Float64Array;
  private readonly nameIndex = new Map<string, number>();
  private readonly accused: number[][] = [];
  private readonly unitIndex = new Map<string, number>();
  private readonly units: (DupFeatures['unit'])[] = [];
  /** Two rows' features, re-filled for each pair scored: no allocation per pair. */
  private readonly scratch = new DupTable(2);

  constructor(capacity: number, private readonly byReporter: boolean) {
    const c = Math.max(1024, capacity);
    this.id = new Int32Array(c);
    this.day = new Int32Array(c);
    this.codeNo = new Float64Array(c);
    this.name = new Int32Array(c);
    this.unit = new Int32Array(c);
    this.reporters = new Float64Array(c * 2);
  }

  addRow(r: KeyRow): number {
    return this.add(Number(r.id), r.received, Number(r.year) * 1_000_000 + Number(r.seq), r.accused_name, r.accused_unit, nullable(r.reporter_id_hash), nullable(r.reporter_phone_hash));
  }

  /** Adds a row: its id, received date (YYYY-MM-DD), code as year · 10^6 + seq, accused, unit and reporter hashes. */
  add(id: number, received: string, codeNo: number, accusedName: string | null, accusedUnit: string | null, idHash: number | null, phoneHash: number | null): number {
    if (this.n === this.id.length) this.grow();
    const i = this.n++;
    this.id[i] = id;
    this.day[i] = Number(received.slice(0, 4)) * 10000 + Number(received.slice(5, 7)) * 100 + Number(received.slice(8, 10));
    this.codeNo[i] = codeNo;
    this.name[i] = accusedName === null ? -1 : this.folded(this.nameIndex, this.accused, accusedName, (t) => dupFeatures({ accusedName: t }).accused);
    this.unit[i] = accusedUnit === null ? -1 : this.folded(this.unitIndex, this.units, accusedUnit, (t) => dupFeatures({ accusedUnit: t }).unit);
    const ks = this.byReporter ? [idHash, phoneHash].filter((k): k is number => k !== null) : [];
    this.reporters[i * 2] = ks[0] ?? -1;
    this.reporters[i * 2 + 1] = ks[1] ?? -1;
    return i;
  }

  /** The accused names (as written, not empty) of the rows added so far, as a set that later rows do not change. */
  namesSoFar(): { size: number; has(name: string): boolean; list(): string[] } {
    const upTo = this.accused.length, index = this.nameIndex;
    const list = () => [...index.entries()].filter(([t, k]) => k < upTo && t !== '').map(([t]) => t);
    return { size: upTo, has: (t) => t !== '' && (index.get(t) ?? upTo) < upTo, list };
  }

  private folded<T>(index: Map<string, number>, table: T[], text: string, fold: (t: string) => T): number {
    let k = index.get(text);
    if (k === undefined) {
      k = table.push(fold(text)) - 1;
      index.set(text, k);
    }
    return k;
  }

  code(r: number): string {
    const c = this.codeNo[r]!;
    return formatCode(Math.floor(c / 1_000_000), c % 1_000_000);
  }

  reporterKeys(r: number): number[] {
    return [this.reporters[r * 2]!, this.reporters[r * 2 + 1]!].filter((k) => k !== -1);
  }

  features(r: number): DupFeatures {
    return { accused: this.name[r] === -1 ? [] : this.accused[this.name[r]!]!, unit: this.unit[r] === -1 ? undefined : this.units[this.unit[r]!], reporterKeys: this.reporterKeys(r) };
  }

  accusedKeys(r: number): number[] {
    return this.name[r] === -1 ? [] : accusedKeys(this.features(r));
  }

  /** dupScore of rows a and b (no summaries: SPEC 7's cheap keys). */
  score(a: number, b: number): ReturnType<typeof dupScore> {
    this.scratch.size = 0;
    this.scratch.add(this.features(a));
    this.scratch.add(this.features(b));
    return this.scratch.score(0, 1);
  }

  private grow(): void {
    const c = this.id.length * 2;
    const g = <T extends Int32Array | Float64Array>(old: T, per = 1): T => {
      const n = new (old.constructor as new (n: number) => T)(c * per);
      n.set(old);
      return n;
    };
    this.id = g(this.id);
    this.day = g(this.day);
    this.codeNo = g(this.codeNo);
    this.name = g(this.name);
    this.unit = g(this.unit);
    this.reporters = g(this.reporters, 2);
  }
}

/** A growable Uint32Array. */
class GrowableU32 {
  a: Uint32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Uint32Array(Math.max(1024, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** (key, row) pairs as key · base + row, sorted (sortedKeyRows for more than 2^21 rows). */
function packSorted(keys: Uint32Array, rows: Uint32Array, n: number, base: number): Float64Array {
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * base + rows[i]!;
  return packed.sort();
}

function nullable(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

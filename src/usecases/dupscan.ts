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
import { accusedKeys, accusedNames, dupFeatures, dupScore, signSummary, type DupReason } from '../domain/similarity.js';
import {
  STORED_MIN_SCORE, candidatePairs, duplicateDecisions, extendDupIndex, intakeMatches, type CandidateRow, type IndexExtension,
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
  const { index, pairs, decisions, dismissed, facts } = await ctx.registry.write(async (trx) => {
    const index = await extendDupIndex(trx);
    const pairs = await candidatePairs(trx, threshold);
    const decisions = await duplicateDecisions(trx);
    const dismissed = new Set((await dismissedPairs(trx)).map(([a, b]) => pairKey(a, b)));
    // Originals named by marks that no candidate pair mentions: their codes.
    const known = new Set(pairs.flatMap((p) => [p.itemId, p.originalId]));
    const facts = await itemFactsByIds(trx, [...new Set(decisions.duplicateOf.values())].filter((id) => !known.has(id)));
    return { index, pairs, decisions, dismissed, facts };
  });

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
 * (void items left out, marked duplicates replaced by their originals). Set-based and linear: the
 * new rows are grouped in memory, earlier items are looked up by accused name and reporter hash
 * through the items' indexes. A dry run must pass `byReporter: false` (SPEC 5).
 */
export async function importCandidates(trx: Db, range: { firstId: number; lastId: number } | undefined, o: { byReporter: boolean }): Promise<DupCandidate[]> {
  if (!range) return [];
  const { DupTable, forEachGroup } = await import('../domain/similarity.js');
  const table = new DupTable(range.lastId - range.firstId + 1);
  const rows: { id: number; code: string; received: string }[] = [];
  const names = new Set<string>(), reporterKeys = new Set<number>();
  const features = (r: { accused_name: string | null; accused_unit: string | null; reporter_id_hash: unknown; reporter_phone_hash: unknown }) => {
    const f = dupFeatures({ accusedName: r.accused_name, accusedUnit: r.accused_unit, reporterIdHash: nullable(r.reporter_id_hash), reporterPhoneHash: nullable(r.reporter_phone_hash) });
    if (!o.byReporter) f.reporterKeys = [];
    return f;
  };
  for (let after = range.firstId - 1; ;) {
    const page = await trx.selectFrom('items').select(['id', 'code', 'received', 'accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash'])
      .where('id', '>', after).where('id', '<=', range.lastId).orderBy('id').limit(20_000).execute();
    for (const r of page) {
      const f = features(r);
      table.add(f);
      rows.push({ id: Number(r.id), code: r.code, received: r.received });
      if (r.accused_name) names.add(r.accused_name);
      for (const k of f.reporterKeys) reporterKeys.add(k);
    }
    if (page.length < 20_000) break;
    after = Number(page[page.length - 1]!.id);
  }
  const fresh = rows.length;
  // Earlier items met by accused name or reporter hash.
  const chunk = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));
  const seen = new Set<number>();
  const earlier = async (q: ReturnType<typeof trx.selectFrom<'items'>>) => {
    for (const r of await q.select(['id', 'code', 'received', 'accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash']).where('id', '<', range.firstId).execute()) {
      if (seen.has(Number(r.id))) continue;
      seen.add(Number(r.id));
      table.add(features(r));
      rows.push({ id: Number(r.id), code: r.code, received: r.received });
    }
  };
  for (const c of chunk([...names])) await earlier(trx.selectFrom('items').where('accused_name', 'in', c));
  if (o.byReporter) {
    for (const c of chunk([...reporterKeys])) await earlier(trx.selectFrom('items').where((eb) => eb.or([eb('reporter_id_hash', 'in', c), eb('reporter_phone_hash', 'in', c)])));
  }
  // Group every row by its cheap keys; a new row's best match is the earliest qualifying row.
  const keys: number[] = [], members: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    for (const k of table.accusedKeys(r)) { keys.push(k); members.push(r); }
    for (const k of table.reporterKeys(r)) { keys.push((k % 4294967296) >>> 0); members.push(r); }
  }
  const before = (a: number, b: number) => rows[a]!.received < rows[b]!.received || (rows[a]!.received === rows[b]!.received && rows[a]!.id < rows[b]!.id);
  const match = new Map<number, { other: number; score: number; reasons: DupReason[] }>();
  forEachGroup(keys, members, keys.length, (_k, group) => {
    if (group.length < 2 || group.length > 256) return;
    for (const x of group) {
      if (x >= fresh) continue;
      for (const y of group) {
        if (y === x || !before(y, x)) continue;
        const s = table.score(x, y);
        if (!qualifies(s.reasons)) continue;
        const m = match.get(x);
        if (!m || before(y, m.other)) match.set(x, { other: y, score: s.score, reasons: s.reasons });
      }
    }
  });
  // Earlier items' decisions: void left out, marked duplicates pointed at their originals.
  const olderIds = [...new Set([...match.values()].map((m) => m.other).filter((y) => y >= fresh).map((y) => rows[y]!.id))];
  const states = olderIds.length ? await itemStates(trx, { itemIds: olderIds }) : new Map();
  const out: DupCandidate[] = [];
  const originalOf = new Map<number, string>();
  // In received order, so that a row's match has its own original already.
  const order = [...match.keys()].sort((a, b) => (before(a, b) ? -1 : 1));
  for (const x of order) {
    const m = match.get(x)!;
    let original: string;
    if (m.other < fresh) {
      original = originalOf.get(m.other) ?? rows[m.other]!.code;
    } else {
      const st = states.get(rows[m.other]!.id) as { status: string; duplicateOf: string | null } | undefined;
      if (st?.status === 'void') continue;
      original = st?.duplicateOf ?? rows[m.other]!.code;
    }
    originalOf.set(x, original);
    out.push({ item: rows[x]!.code, original, score: m.score, reasons: m.reasons });
  }
  return out;
}

function nullable(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

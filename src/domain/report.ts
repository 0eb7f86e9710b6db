// The period report (SPEC 6.1) as one plain value, and the pure arithmetic that turns the raw
// counts the store computes into it: eligible items, rates, changes, shares, the invariant.
// Every renderer (table, json, csv, md, text, html, xlsx) reads only this value.
//
// The store's part ends at `ReportInput` (plain counts per group and per key); `buildReport`
// does the rest, so that a figure has one definition whatever the engine or the format.

import { internalError, say } from './errors.js';
import type { PeriodKind } from './periods.js';
import {
  ACTIVITY_KINDS, CHANNELS, DISPOSALS, KINDS, SOURCES, SUGGESTED_CATEGORIES, SUGGESTED_RANKS, SUGGESTED_SANCTIONS, type ActivityKind, type Disposal, type Group,
} from './vocabulary.js';

/** The three groups of a report: the two of SPEC 2.1 and their sum. */
export type ReportGroup = Group | 'all';
export const REPORT_GROUPS: readonly ReportGroup[] = ['superior', 'local', 'all'];

export type DisposalCounts = { [D in Disposal]: number };

/** The disposal codes in the vocabulary's order (file-case, verify, inquire, hold, close). */
export const DISPOSAL_CODES: readonly Disposal[] = DISPOSALS.map((d) => d.code);

/**
 * The raw counts of one group as the store computes them (SPEC 6.1 table). Every field is a count
 * of items received in the period, state taken as of `period.asOf` (as known at `period.knownAt`).
 */
export interface GroupCounts {
  received: number;
  /** Duplicates at the as-of date. */
  duplicates: number;
  /** Of the non-duplicates, out of scope (业务范围外). */
  outOfScope: number;
  /** Of the non-duplicates, without substance (无实质内容). */
  noSubstance: number;
  /** In scope, not a duplicate, no disposal yet. */
  pending: number;
  /** Per disposal code, over items that are neither duplicates nor out of scope nor without substance. */
  disposals: DisposalCounts;
  concluded: number;
  /** Concluded items that had a handle deadline: the base of `onTimeRate` (SPEC 6.1). Not in the JSON. */
  concludedWithDeadline: number;
  /** Of those, concluded within the handle deadline. */
  onTime: number;
  /** Real-name items that are neither duplicates nor out of scope. */
  realName: number;
  /** Of those, replied to. */
  replied: number;
  /** Items with at least one deadline missed and still open at the as-of date. */
  overdue: number;
}

/** One group's figures, keys in the SPEC's order; rates are fractions (1 = 100%) or null. */
export interface GroupFigures {
  received: number;
  duplicates: number;
  outOfScope: number;
  noSubstance: number;
  pending: number;
  disposals: DisposalCounts;
  /** Disposed items other than file-case (SPEC 6.1). */
  eligible: number;
  /** disposals.verify */
  verified: number;
  /** verified / eligible (初核率); null when eligible is 0. */
  verificationRate: number | null;
  concluded: number;
  onTime: number;
  /** onTime / concluded items that had a handle deadline; null when there were none. */
  onTimeRate: number | null;
  realName: number;
  replied: number;
  overdue: number;
}

/** The count keys of a group (everything but the rates and the disposals object), in JSON order. */
export const COUNT_KEYS = [
  'received', 'duplicates', 'outOfScope', 'noSubstance', 'pending', 'eligible', 'verified', 'concluded', 'onTime',
  'realName', 'replied', 'overdue',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export const RATE_KEYS = ['verificationRate', 'onTimeRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/**
 * Change of every figure of a group against the comparison period (SPEC 6.1): counts as the relative
 * change (current − previous) / previous, null when previous is 0; rates as the difference
 * current − previous, null when either rate is null.
 */
export type GroupChange = { [K in keyof GroupFigures]: K extends 'disposals' ? { [D in Disposal]: number | null } : number | null };

export interface ReportSettings {
  /** First day of the business month (1 = calendar months). */
  monthStartDay: number;
  /** Deadline lengths in force (SPEC 4), as the configuration names them, e.g. `{ accept: 5, notify: 15, ... }`. */
  deadlines: Readonly<Record<string, number>>;
  /** Years the working-day calendar covers (built in or added by the office). */
  calendarYears: readonly number[];
}

export interface ReportPeriod {
  from: string;
  to: string;
  /** State taken as of this date. */
  asOf: string;
  /** Only decisions recorded by this time count; null = everything recorded. */
  knownAt: string | null;
  /** How the period was given (year, half, quarter, month, range, ytd): lets the bulletin name it. */
  kind: PeriodKind;
  settings: ReportSettings;
}

export type CompareKind = 'yoy' | 'mom';

export interface ComparePeriod {
  from: string;
  to: string;
  asOf: string;
}

export interface ReportComparison {
  kind: CompareKind;
  period: ComparePeriod;
  groups: Record<ReportGroup, GroupFigures>;
  change: Record<ReportGroup, GroupChange>;
}

export interface MonthlyRow {
  /** `YYYY-MM`, the (business) month. */
  month: string;
  received: number;
}

/** Repeat petitions (重复信访): originals by how many duplicates they drew in the period. */
export interface RepeatFigures {
  /** Originals that drew at least one duplicate. */
  originals: number;
  /** Duplicates they drew in all. */
  duplicates: number;
  byDuplicates: { '1': number; '2': number; '3+': number };
}

export const BREAKDOWN_DIMENSIONS = ['source', 'channel', 'kind', 'category', 'rank', 'unit', 'office', 'disposal', 'month', 'repeat'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/**
 * A row of a breakdown or an analysis view. `key` is a code for coded dimensions, the text itself for
 * open lists (category, rank, unit, office), null for "not given". `share` is a fraction of the
 * total the row belongs to (null when that is 0); `previous` and `change` are null without comparison.
 */
export interface ShareRow {
  key: string | null;
  count: number;
  share: number | null;
  previous: number | null;
  change: number | null;
}

export interface BreakdownRow extends ShareRow {
  group: ReportGroup;
}

export interface Breakdown {
  by: BreakdownDimension;
  rows: BreakdownRow[];
}

/** The views of the analysis (SPEC 6.1), in the order a bulletin gives them. */
export const ANALYSIS_VIEWS = ['source', 'type', 'channel', 'category', 'rank', 'unit', 'repeat', 'realName'] as const;
export type AnalysisView = (typeof ANALYSIS_VIEWS)[number];

/**
 * Keys of the coded analysis views, in their order: source by report group (本级受理 against 上级转办交办),
 * type by kind plus the two out-of-scope classes, repeat as first-time or repeat, real-name or anonymous.
 * Channel keys are the channel codes.
 */
export const ANALYSIS_KEYS = {
  source: ['local', 'superior'],
  type: ['accusation', 'appeal', 'suggestion', 'out-of-scope', 'no-substance'],
  repeat: ['first', 'repeat'],
  realName: ['real-name', 'anonymous'],
} as const;

export interface AnalysisTable {
  /** What the shares are of (for `unit`, all items, though only the largest few units are listed). */
  total: number;
  rows: ShareRow[];
}

export type Analysis = Record<AnalysisView, AnalysisTable>;

/** The report value (SPEC 6.1 JSON shape; keys in this order). */
export interface Report {
  period: ReportPeriod;
  groups: Record<ReportGroup, GroupFigures>;
  compare: ReportComparison | null;
  /** Persons per sanction kind, most first. */
  sanctions: Record<string, number>;
  /** Outreach activities per kind, every kind. */
  activities: Record<ActivityKind, number>;
  monthly: MonthlyRow[];
  repeat: RepeatFigures;
  breakdown: Breakdown | null;
  analysis: Analysis;
}

// ---------------------------------------------------------------------------------------------
// What the store fills in.

export interface KeyCount {
  key: string | null;
  count: number;
}

export interface AnalysisCounts {
  total: number;
  rows: readonly KeyCount[];
}

export interface ReportInput {
  period: ReportPeriod;
  groups: { superior: GroupCounts; local: GroupCounts };
  compare: null | {
    kind: CompareKind;
    period: ComparePeriod;
    groups: { superior: GroupCounts; local: GroupCounts };
    /** The breakdown's rows in the comparison period (superior and local). */
    breakdown?: readonly (KeyCount & { group: Group })[];
    analysis?: Partial<Record<AnalysisView, AnalysisCounts>>;
  };
  sanctions: readonly { kind: string; persons: number }[];
  activities: readonly { kind: ActivityKind; count: number }[];
  monthly: readonly MonthlyRow[];
  /** How many duplicates each original drew: count of originals that drew 1, 2, 3 or more; and the duplicates in all. */
  repeat: RepeatFigures;
  /** Rows for superior and local; the `all` rows are their sums. */
  breakdown: null | { by: BreakdownDimension; rows: readonly (KeyCount & { group: Group })[] };
  analysis: Record<AnalysisView, AnalysisCounts>;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic.

function bad(zh: string, en: string): never {
  throw internalError(say(`报表数字不一致：${zh}`, `report figures do not add up: ${en}`));
}

function checkCount(where: string, key: string, n: unknown): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) bad(`${where} 的 ${key} 不是非负整数（${String(n)}）`, `${where}.${key} is not a non-negative integer (${String(n)})`);
}

/** Σ disposals. */
export function disposedCount(d: DisposalCounts): number {
  let s = 0;
  for (const c of DISPOSAL_CODES) s += d[c];
  return s;
}

/**
 * Checks the invariant of SPEC 6.1 for one group: received = duplicates + outOfScope + noSubstance +
 * pending + Σ disposals, and that every count is a non-negative integer and no part exceeds its whole.
 * Throws an internal error (exit 1) naming the group: a failure is a bug in the store, not bad input.
 */
export function checkInvariant(group: string, c: GroupCounts): void {
  for (const k of ['received', 'duplicates', 'outOfScope', 'noSubstance', 'pending', 'concluded', 'concludedWithDeadline', 'onTime', 'realName', 'replied', 'overdue'] as const) {
    checkCount(group, k, c[k]);
  }
  for (const d of DISPOSAL_CODES) checkCount(group, `disposals.${d}`, c.disposals?.[d]);
  const parts = c.duplicates + c.outOfScope + c.noSubstance + c.pending + disposedCount(c.disposals);
  if (parts !== c.received) {
    bad(
      `${group} 组收件${c.received}件，而重复件、业务范围外、无实质内容、待处置与各处置方式之和为${parts}件`,
      `group ${group}: received ${c.received}, but duplicates + outOfScope + noSubstance + pending + disposals = ${parts}`,
    );
  }
  if (c.onTime > c.concludedWithDeadline) bad(`${group} 组按期办结${c.onTime}件多于有办理时限的办结件${c.concludedWithDeadline}件`, `group ${group}: onTime ${c.onTime} > concluded with a deadline ${c.concludedWithDeadline}`);
  if (c.concludedWithDeadline > c.concluded) bad(`${group} 组有办理时限的办结件多于办结件`, `group ${group}: concluded with a deadline > concluded`);
  if (c.replied > c.realName) bad(`${group} 组已答复${c.replied}件多于实名件${c.realName}件`, `group ${group}: replied ${c.replied} > realName ${c.realName}`);
}

/** n / d, or null when d is 0 (a rate of nothing is no rate). */
export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/**
 * A group's figures from its raw counts (SPEC 6.1), after checking the invariant:
 * eligible = received − duplicates − outOfScope − noSubstance − pending − disposals.file-case;
 * verified = disposals.verify; verificationRate = verified / eligible (null when eligible is 0);
 * onTimeRate = onTime / concluded items with a handle deadline (null when none).
 */
export function groupFigures(group: string, c: GroupCounts): GroupFigures {
  checkInvariant(group, c);
  const eligible = c.received - c.duplicates - c.outOfScope - c.noSubstance - c.pending - c.disposals['file-case'];
  const verified = c.disposals.verify;
  const figures: GroupFigures = {
    received: c.received,
    duplicates: c.duplicates,
    outOfScope: c.outOfScope,
    noSubstance: c.noSubstance,
    pending: c.pending,
    disposals: disposalCounts(c.disposals),
    eligible,
    verified,
    verificationRate: ratio(verified, eligible),
    concluded: c.concluded,
    onTime: c.onTime,
    onTimeRate: ratio(c.onTime, c.concludedWithDeadline),
    realName: c.realName,
    replied: c.replied,
    overdue: c.overdue,
  };
  ON_TIME_BASE.set(figures, c.concludedWithDeadline);
  return figures;
}

// The base of each group's onTimeRate, kept beside the figures rather than in them: SPEC 6.1 fixes
// the JSON keys, and the JSON is the figures as they are. A WeakMap, so a copy of the figures
// (a report read back from JSON) simply falls back to what the rate itself tells.
const ON_TIME_BASE = new WeakMap<GroupFigures, number>();

/**
 * The concluded items that had a handle deadline (SPEC 6.1: the base of `onTimeRate`), so that a
 * renderer can show the rate beside its denominator. Known exactly for figures made by
 * `groupFigures`; for any other copy, derived from the rate: 0 when the rate is null, onTime /
 * onTimeRate otherwise, and null (unknown) when nothing was on time (a rate of 0 hides its base).
 */
export function concludedWithDeadline(g: GroupFigures): number | null {
  const known = ON_TIME_BASE.get(g);
  if (known !== undefined) return known;
  if (g.onTimeRate === null) return 0;
  return g.onTime > 0 && g.onTimeRate > 0 ? Math.round(g.onTime / g.onTimeRate) : null;
}

function disposalCounts(d: DisposalCounts): DisposalCounts {
  return Object.fromEntries(DISPOSAL_CODES.map((k) => [k, d[k]])) as DisposalCounts;
}

/** The `all` group: superior and local partition the items, so every count is their sum. */
export function sumCounts(a: GroupCounts, b: GroupCounts): GroupCounts {
  const disposals = Object.fromEntries(DISPOSAL_CODES.map((k) => [k, a.disposals[k] + b.disposals[k]])) as DisposalCounts;
  return {
    received: a.received + b.received,
    duplicates: a.duplicates + b.duplicates,
    outOfScope: a.outOfScope + b.outOfScope,
    noSubstance: a.noSubstance + b.noSubstance,
    pending: a.pending + b.pending,
    disposals,
    concluded: a.concluded + b.concluded,
    concludedWithDeadline: a.concludedWithDeadline + b.concludedWithDeadline,
    onTime: a.onTime + b.onTime,
    realName: a.realName + b.realName,
    replied: a.replied + b.replied,
    overdue: a.overdue + b.overdue,
  };
}

/** Figures of all three groups. */
export function allGroups(g: { superior: GroupCounts; local: GroupCounts }): Record<ReportGroup, GroupFigures> {
  return {
    superior: groupFigures('superior', g.superior),
    local: groupFigures('local', g.local),
    all: groupFigures('all', sumCounts(g.superior, g.local)),
  };
}

/** Relative change of a count (SPEC 6.1): (current − previous) / previous; null when previous is 0. */
export function change(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

/** Change of a rate (SPEC 6.1): the difference current − previous as a fraction; null when either is null. */
export function rateChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** The change of every figure of a group (SPEC 6.1 `compare.change`). */
export function groupChange(cur: GroupFigures, prev: GroupFigures): GroupChange {
  const disposals = Object.fromEntries(DISPOSAL_CODES.map((k) => [k, change(cur.disposals[k], prev.disposals[k])])) as GroupChange['disposals'];
  return {
    received: change(cur.received, prev.received),
    duplicates: change(cur.duplicates, prev.duplicates),
    outOfScope: change(cur.outOfScope, prev.outOfScope),
    noSubstance: change(cur.noSubstance, prev.noSubstance),
    pending: change(cur.pending, prev.pending),
    disposals,
    eligible: change(cur.eligible, prev.eligible),
    verified: change(cur.verified, prev.verified),
    verificationRate: rateChange(cur.verificationRate, prev.verificationRate),
    concluded: change(cur.concluded, prev.concluded),
    onTime: change(cur.onTime, prev.onTime),
    onTimeRate: rateChange(cur.onTimeRate, prev.onTimeRate),
    realName: change(cur.realName, prev.realName),
    replied: change(cur.replied, prev.replied),
    overdue: change(cur.overdue, prev.overdue),
  };
}

/**
 * Tenths of a percent of a fraction, rounded half away from zero: 0.41935 → 419, −0.4195 → −420.
 * The product is first brought back to 12 significant digits, so that binary noise such as
 * 0.4195 × 1000 = 419.49999999999994 rounds as the decimal 419.5 it stands for (SPEC 6.1: one
 * decimal, half away from zero, the same in text, tables and spreadsheets).
 */
export function percentTenths(fraction: number): number {
  if (!Number.isFinite(fraction)) throw internalError(say(`比例不是有限数（${fraction}）`, `a fraction is not finite (${fraction})`));
  const scaled = Number((Math.abs(fraction) * 1000).toPrecision(12));
  const t = Math.floor(scaled + 0.5);
  return t === 0 ? 0 : fraction < 0 ? -t : t;
}

/** The fraction a percentage shows after rounding (−0.41935 → −0.419): what a spreadsheet cell holds. */
export function roundedFraction(fraction: number): number {
  return percentTenths(fraction) / 1000;
}

/**
 * A fraction as a percentage with one decimal (SPEC 6.1): 1 → "100.0%", −0.41935 → "-41.9%",
 * −0.4195 → "-42.0%"; `signed` adds "+" to a positive value; `absolute` drops the sign (for
 * "下降41.9%"). Null gives "" (nothing to show).
 */
export function formatPercent(fraction: number | null, opts: { signed?: boolean; absolute?: boolean } = {}): string {
  if (fraction === null) return '';
  const t = percentTenths(fraction);
  const a = Math.abs(t);
  const body = `${Math.floor(a / 10)}.${a % 10}%`;
  if (opts.absolute || t === 0) return body;
  return t < 0 ? `-${body}` : opts.signed ? `+${body}` : body;
}

/**
 * Rows with their share of `total` and, given the previous rows, the previous count and the change.
 * Rows only in `previous` are kept with count 0 (a kind that vanished is news too).
 */
export function shareRows(current: readonly KeyCount[], total: number, previous?: readonly KeyCount[]): ShareRow[] {
  const prev = new Map<string | null, number>();
  for (const r of previous ?? []) prev.set(r.key, (prev.get(r.key) ?? 0) + r.count);
  const cur = new Map<string | null, number>();
  for (const r of current) cur.set(r.key, (cur.get(r.key) ?? 0) + r.count);
  for (const k of prev.keys()) if (!cur.has(k)) cur.set(k, 0);
  return [...cur].map(([key, count]) => {
    const p = previous ? (prev.get(key) ?? 0) : null;
    return { key, count, share: ratio(count, total), previous: p, change: p === null ? null : change(count, p) };
  });
}

/**
 * Orders rows: for a coded view in the given order of keys (unknown keys after), else most first
 * with ties in the `suggested` list's order (an open list such as ranks: 县处级 before 乡科级, not by
 * character code); the rest by key, "not given" (null) last.
 */
export function orderRows<T extends { key: string | null; count: number }>(rows: T[], order?: readonly string[], suggested: readonly string[] = []): T[] {
  const rank = (k: string | null) => (k === null ? Infinity : order ? (order.indexOf(k) + 1 || order.length + 1) : 0);
  const known = (k: string | null) => (k === null ? suggested.length : (suggested.indexOf(k) + 1 || suggested.length + 1));
  return rows.sort((a, b) => rank(a.key) - rank(b.key) || (order ? 0 : b.count - a.count) || known(a.key) - known(b.key) || cmpKey(a.key, b.key));
}

/** The suggested values of an open-list dimension, whose order breaks ties between equal counts. */
function suggestedOf(dim: string): readonly string[] {
  return dim === 'rank' ? SUGGESTED_RANKS : dim === 'category' ? SUGGESTED_CATEGORIES : [];
}

function cmpKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const CHANNEL_CODES: readonly string[] = CHANNELS.map((c) => c.code);

/**
 * The key order of a breakdown dimension: a coded one in its vocabulary's order, months in time
 * order (an empty order: every key ties and they sort as text), an open list undefined (most first).
 */
function breakdownOrder(by: BreakdownDimension): readonly string[] | undefined {
  switch (by) {
    case 'source': return SOURCES.map((c) => c.code);
    case 'channel': return CHANNEL_CODES;
    case 'kind': return KINDS.map((c) => c.code);
    case 'disposal': return DISPOSAL_CODES;
    case 'repeat': return ANALYSIS_KEYS.repeat;
    case 'month': return [];
    default: return undefined;
  }
}

/** Sanction kinds most persons first; ties in the suggested list's order, then by name. */
function orderSanctions(rows: readonly { kind: string; persons: number }[]): Record<string, number> {
  const sum = new Map<string, number>();
  for (const r of rows) {
    checkCount('sanctions', r.kind, r.persons);
    if (r.persons > 0) sum.set(r.kind, (sum.get(r.kind) ?? 0) + r.persons);
  }
  const known = (k: string) => {
    const i = (SUGGESTED_SANCTIONS as readonly string[]).indexOf(k);
    return i < 0 ? SUGGESTED_SANCTIONS.length : i;
  };
  return Object.fromEntries([...sum].sort((a, b) => b[1] - a[1] || known(a[0]) - known(b[0]) || cmpKey(a[0], b[0])));
}

/**
 * The report value from the store's counts (SPEC 6.1). Checks every group's invariant (internal
 * error naming the group), computes the derived figures, the changes against the comparison,
 * shares and orders every list, so that the same counts always give the same value.
 */
export function buildReport(input: ReportInput): Report {
  const groups = allGroups(input.groups);
  let compare: ReportComparison | null = null;
  if (input.compare) {
    const pg = allGroups(input.compare.groups);
    compare = {
      kind: input.compare.kind,
      period: { from: input.compare.period.from, to: input.compare.period.to, asOf: input.compare.period.asOf },
      groups: pg,
      change: { superior: groupChange(groups.superior, pg.superior), local: groupChange(groups.local, pg.local), all: groupChange(groups.all, pg.all) },
    };
  }

  const activities = Object.fromEntries(ACTIVITY_KINDS.map((a) => [a.code, 0])) as Record<ActivityKind, number>;
  for (const a of input.activities) {
    checkCount('activities', a.kind, a.count);
    if (!(a.kind in activities)) bad(`未知的活动类型 ${a.kind}`, `unknown activity kind ${a.kind}`);
    activities[a.kind] += a.count;
  }

  const monthly = [...input.monthly].sort((a, b) => cmpKey(a.month, b.month)).map((m) => {
    checkCount('monthly', m.month, m.received);
    return { month: m.month, received: m.received };
  });

  const r = input.repeat;
  for (const k of ['1', '2', '3+'] as const) checkCount('repeat', k, r.byDuplicates[k]);
  if (r.originals !== r.byDuplicates['1'] + r.byDuplicates['2'] + r.byDuplicates['3+']) bad('重复信访的原件数与分项之和不符', 'repeat originals differ from the sum of their classes');
  const repeat: RepeatFigures = { originals: r.originals, duplicates: r.duplicates, byDuplicates: { '1': r.byDuplicates['1'], '2': r.byDuplicates['2'], '3+': r.byDuplicates['3+'] } };

  let breakdown: Breakdown | null = null;
  if (input.breakdown) {
    const by = input.breakdown.by;
    const order = breakdownOrder(by);
    const rows: BreakdownRow[] = [];
    for (const g of REPORT_GROUPS) {
      const pick = (rs: readonly (KeyCount & { group: Group })[]) => rs.filter((x) => g === 'all' || x.group === g);
      const prev = input.compare ? pick(input.compare.breakdown ?? []) : undefined;
      const part = orderRows(shareRows(pick(input.breakdown.rows), groups[g].received, prev), order, suggestedOf(by));
      for (const row of part) rows.push({ group: g, ...row });
    }
    breakdown = { by, rows };
  }

  const analysis = {} as Analysis;
  for (const v of ANALYSIS_VIEWS) {
    const cur = input.analysis[v];
    if (!cur) bad(`缺少分析视角 ${v}`, `analysis view ${v} is missing`);
    checkCount('analysis', `${v}.total`, cur.total);
    for (const row of cur.rows) checkCount('analysis', `${v}.${row.key}`, row.count);
    const prev = input.compare ? (input.compare.analysis?.[v]?.rows ?? []) : undefined;
    const order = v === 'channel' ? CHANNEL_CODES : v in ANALYSIS_KEYS ? ANALYSIS_KEYS[v as keyof typeof ANALYSIS_KEYS] : undefined;
    // A coded view lists every key with something to say (now or then); an open list most first.
    analysis[v] = { total: cur.total, rows: orderRows(shareRows(cur.rows, cur.total, prev), order, suggestedOf(v)) };
  }

  return {
    period: {
      from: input.period.from,
      to: input.period.to,
      asOf: input.period.asOf,
      knownAt: input.period.knownAt,
      kind: input.period.kind,
      settings: {
        monthStartDay: input.period.settings.monthStartDay,
        deadlines: { ...input.period.settings.deadlines },
        calendarYears: [...input.period.settings.calendarYears].sort((a, b) => a - b),
      },
    },
    groups,
    compare,
    sanctions: orderSanctions(input.sanctions),
    activities,
    monthly,
    repeat,
    breakdown,
    analysis,
  };
}


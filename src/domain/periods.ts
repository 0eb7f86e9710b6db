// Report periods (SPEC 6.1): 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd.
// With a business month starting on day d > 1 (config `period.monthStartDay`, 1..28), month
// 2016-06 is 2016-05-d..2016-06-(d-1), and quarters, halves and years shift alike: with d = 21,
// year 2016 is 2015-12-21..2016-12-20. An explicit range is always taken as written.

import { addDays, addMonths, daysBetween, describeDateProblem, MAX_YEAR, MIN_YEAR, parseDate, ymd, type IsoDate } from './dates.js';
import { say, usageError, type Bilingual } from './errors.js';
import { foldInput } from './text.js';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'range' | 'ytd';

export interface Period {
  kind: PeriodKind;
  /** First and last day, both included. */
  from: IsoDate;
  to: IsoDate;
  /** For calendar-shaped periods (and ytd): the (business) year and first/last month numbers (1-12). */
  year?: number;
  months?: [number, number];
  /** The business-month start day the period was read with (1 = calendar months). */
  monthStartDay?: number;
}

export const PERIOD_FORMS = '2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd';
export const PERIOD_FORMS_EN = '2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd';

export interface PeriodOptions {
  /** Resolves `ytd` (year to date). */
  today: IsoDate;
  /** Business-month start day, 1..28 (default 1). */
  monthStartDay?: number;
}

/** A business month start day within 1..28 (config refuses others; read defensively anyway). */
function startDayOf(d: number | undefined): number {
  return Math.min(Math.max(Math.trunc(d ?? 1), 1), 28);
}

/** First day of business month (y, m) given the month start day. */
function monthStart(y: number, m: number, startDay: number): IsoDate {
  if (startDay <= 1) return ymd(y, m, 1);
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return ymd(py, pm, startDay);
}

function monthsPeriod(kind: PeriodKind, y: number, first: number, last: number, startDay: number): Period {
  const from = monthStart(y, first, startDay);
  const nextY = last === 12 ? y + 1 : y;
  const nextM = last === 12 ? 1 : last + 1;
  const to = addDays(monthStart(nextY, nextM, startDay), -1);
  return { kind, from, to, year: y, months: [first, last], monthStartDay: startDay };
}

/** The business month a date belongs to: with start day 21, 2016-05-25 is in month 2016-06. */
export function businessMonthOf(date: IsoDate, monthStartDay = 1): { year: number; month: number } {
  const d = startDayOf(monthStartDay);
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  if (d > 1 && Number(date.slice(8, 10)) >= d) {
    month++;
    if (month === 13) { month = 1; year++; }
  }
  return { year, month };
}

type PeriodParse = { ok: true; period: Period } | { ok: false; problem?: Bilingual };

function parseDetailed(input: string, opts: PeriodOptions): PeriodParse {
  const s = foldInput(input).toLowerCase();
  const d = startDayOf(opts.monthStartDay);
  let m: RegExpExecArray | null;
  if (s === 'ytd') {
    // With a shifted business year, late December may already belong to the next year.
    const y = businessMonthOf(opts.today, d).year;
    return { ok: true, period: { kind: 'ytd', from: monthStart(y, 1, d), to: opts.today, year: y, monthStartDay: d } };
  }
  if ((m = /^(\d{4})(?:$|-|年|h|q)/.exec(s)) && (Number(m[1]) < MIN_YEAR || Number(m[1]) > MAX_YEAR)) {
    return { ok: false, problem: say(`年份须在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`) };
  }
  if ((m = /^(\d{4})年?$/.exec(s))) return { ok: true, period: monthsPeriod('year', Number(m[1]), 1, 12, d) };
  // The office's own words: 2016年上半年, 2016年第二季度 (二 or 2, with or without 第).
  if ((m = /^(\d{4})年?([上下])半年$/.exec(s))) {
    return { ok: true, period: monthsPeriod('half', Number(m[1]), m[2] === '上' ? 1 : 7, m[2] === '上' ? 6 : 12, d) };
  }
  if ((m = /^(\d{4})年?第?([一二三四1-4])季度?$/.exec(s))) {
    const q = '一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : Number(m[2]);
    return { ok: true, period: monthsPeriod('quarter', Number(m[1]), q * 3 - 2, q * 3, d) };
  }
  if ((m = /^(\d{4})-?h(\d+)$/.exec(s))) {
    const h = Number(m[2]);
    if (h !== 1 && h !== 2) return { ok: false, problem: say('半年须为 H1 或 H2', 'a half is H1 or H2') };
    return { ok: true, period: monthsPeriod('half', Number(m[1]), h === 1 ? 1 : 7, h === 1 ? 6 : 12, d) };
  }
  if ((m = /^(\d{4})-?q(\d+)$/.exec(s))) {
    const q = Number(m[2]);
    if (q < 1 || q > 4) return { ok: false, problem: say('季度须为 Q1 至 Q4', 'a quarter is Q1 to Q4') };
    return { ok: true, period: monthsPeriod('quarter', Number(m[1]), q * 3 - 2, q * 3, d) };
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s)) || (m = /^(\d{4})年(\d{1,2})月$/.exec(s))) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return { ok: false, problem: say('月份须在 01 至 12 之间', 'a month is 01 to 12') };
    return { ok: true, period: monthsPeriod('month', Number(m[1]), mo, mo, d) };
  }
  if ((m = /^(.+?)\s*(?:\.\.|~|至|到)\s*(.+)$/.exec(s))) {
    const a = parseDate(m[1]!);
    const b = parseDate(m[2]!);
    if (!a.ok) return { ok: false, problem: dateProblem(m[1]!, a) };
    if (!b.ok) return { ok: false, problem: dateProblem(m[2]!, b) };
    if (a.date > b.date) return { ok: false, problem: say(`起日 ${a.date} 晚于止日 ${b.date}`, `the start ${a.date} is after the end ${b.date}`) };
    return { ok: true, period: { kind: 'range', from: a.date, to: b.date, monthStartDay: d } };
  }
  return { ok: false };
}

function dateProblem(value: string, p: Exclude<ReturnType<typeof parseDate>, { ok: true }>): Bilingual {
  const { text } = describeDateProblem(p);
  return say(`“${value}”${text.zh}`, `"${value}" ${text.en}`);
}

/** Parses a period; undefined when the text is not a period (see PERIOD_FORMS). */
export function parsePeriod(input: string, opts: PeriodOptions): Period | undefined {
  const r = parseDetailed(input, opts);
  return r.ok ? r.period : undefined;
}

/**
 * Reads a period option, or throws a usage error (exit 2) naming the flag, the value, what is
 * wrong when that is known (month 13, quarter 5, a range ending before it starts) and every
 * accepted form.
 */
export function readPeriod(flag: string, input: string, opts: PeriodOptions): Period {
  const r = parseDetailed(input, opts);
  if (r.ok) return r.period;
  const why = r.problem ?? say('不是期间', 'not a period');
  throw usageError(
    say(`${flag} “${input}”：${why.zh}（可用：${PERIOD_FORMS}）`, `${flag} "${input}": ${why.en} (accepted: ${PERIOD_FORMS_EN})`),
  );
}

export type CompareKind = 'yoy' | 'mom';

/** The period a report compares with, and how its as-of date follows (SPEC 6.1 `--compare`). */
export interface Comparison {
  kind: CompareKind;
  period: Period;
  /** Maps a date of the current period (typically its as-of date) to the comparison's. */
  shift: (date: IsoDate) => IsoDate;
}

/**
 * `--compare yoy`: the same period one year earlier (2016-H1 → 2015-H1, a range or ytd shifted by
 * twelve months); dates shift by twelve months, 29 February and month ends to month ends.
 */
export function yearEarlier(p: Period): Comparison {
  const shift = (date: IsoDate) => addMonths(date, -12);
  const d = startDayOf(p.monthStartDay);
  let period: Period;
  if (p.year !== undefined && p.months && p.kind !== 'ytd') {
    period = monthsPeriod(p.kind, p.year - 1, p.months[0], p.months[1], d);
  } else if (p.kind === 'ytd' && p.year !== undefined) {
    period = { kind: 'ytd', from: monthStart(p.year - 1, 1, d), to: shift(p.to), year: p.year - 1, monthStartDay: d };
  } else {
    period = { kind: p.kind, from: shift(p.from), to: shift(p.to), monthStartDay: d };
  }
  return { kind: 'yoy', period, shift };
}

/**
 * `--compare mom`: the preceding period of equal kind (2016-01 → 2015-12, 2016-Q1 → 2015-Q4,
 * 2016-H1 → 2015-H2, 2016 → 2015), dates shifted by that many months; for an explicit range or
 * ytd, the range of equal length just before it, dates shifted by that many days.
 */
export function precedingPeriod(p: Period): Comparison {
  const d = startDayOf(p.monthStartDay);
  if (p.year !== undefined && p.months && p.kind !== 'ytd') {
    const span = p.months[1] - p.months[0] + 1;
    let year = p.year;
    let first = p.months[0] - span;
    if (first < 1) { first += 12; year--; }
    return {
      kind: 'mom',
      period: monthsPeriod(p.kind, year, first, first + span - 1, d),
      shift: (date) => addMonths(date, -span),
    };
  }
  const length = daysBetween(p.from, p.to) + 1;
  const shift = (date: IsoDate) => addDays(date, -length);
  return { kind: 'mom', period: { kind: 'range', from: shift(p.from), to: shift(p.to), monthStartDay: d }, shift };
}

export function comparisonOf(p: Period, kind: CompareKind): Comparison {
  return kind === 'yoy' ? yearEarlier(p) : precedingPeriod(p);
}

/** One (business) month of a period: `month` is its label, from/to clipped to the period. */
export interface PeriodMonth {
  month: string;
  from: IsoDate;
  to: IsoDate;
}

/**
 * The months of a period, in order, for the monthly series: business months when the period
 * was read with a start day > 1 (month 2016-06 = 2016-05-21..2016-06-20), the first and last
 * clipped to the period (an explicit range may start or end mid-month).
 */
export function periodMonths(p: Period): PeriodMonth[] {
  const d = startDayOf(p.monthStartDay);
  const out: PeriodMonth[] = [];
  let { year, month } = businessMonthOf(p.from, d);
  for (;;) {
    const from = monthStart(year, month, d);
    if (from > p.to) break;
    const ny = month === 12 ? year + 1 : year;
    const nm = month === 12 ? 1 : month + 1;
    const to = addDays(monthStart(ny, nm, d), -1);
    out.push({ month: `${year}-${String(month).padStart(2, '0')}`, from: from < p.from ? p.from : from, to: to > p.to ? p.to : to });
    year = ny;
    month = nm;
  }
  return out;
}

/** How a period is written back: 2016, 2016-H1, 2016-Q2, 2016-06, or FROM..TO for a range and ytd. */
export function periodLabel(p: Period): string {
  if (p.year !== undefined && p.months && p.kind !== 'ytd') {
    const [first] = p.months;
    switch (p.kind) {
      case 'year': return String(p.year);
      case 'half': return `${p.year}-H${first === 1 ? 1 : 2}`;
      case 'quarter': return `${p.year}-Q${(first + 2) / 3}`;
      case 'month': return `${p.year}-${String(first).padStart(2, '0')}`;
    }
  }
  return `${p.from}..${p.to}`;
}

// The working-day calendar of mainland China (SPEC 4): weekends off, statutory holidays off,
// make-up working days (调休上班) on, as the State Council announces them each year.
//
// Two sources, per year: the office's own days (entered from the State Council notice with
// `xinfang calendar add|import`), which replace everything else for that year; else the
// chinese-days package (data 2004–2026 in 1.5.7; for later years it silently answers Monday to
// Friday, so coverage is detected from its data, not trusted blindly); else Monday to Friday, and
// the calendar remembers which years fell back so that the command can say so on stderr.
//
// The package is loaded here, lazily, by `loadChineseDays()`: it is pure data and arithmetic (no
// files, network or clock of ours), so the domain stays free of I/O, and a dynamic import keeps
// its ~27 ms off start-up (`xinfang --version` never loads it). Tests build calendars from a
// fake BuiltinCalendar or none at all.

import { addDays, daysBetween, parseDate, yearOf, ymd, type IsoDate } from './dates.js';
import { say, type Bilingual } from './errors.js';
import { foldInput } from './text.js';

/** The days the office declares for one year: holidays (days off) and make-up working days. */
export interface YearDays {
  holidays: IsoDate[];
  workdays: IsoDate[];
  /** Optional names of days (元旦, 春节 ...), shown by `calendar show`. */
  names?: Record<IsoDate, string>;
}

/** The office's years: year → its days. Such a year replaces the package's data for that year. */
export type CalendarOverlay = Readonly<Record<number, YearDays>>;

/** Where a year's working days come from. */
export type Coverage = 'office' | 'builtin' | 'none';

/** A calendar package seen through the little the office needs of it. */
export interface BuiltinCalendar {
  /** Whether the package has holiday data for the year (not merely weekdays). */
  covers(year: number): boolean;
  isWorkday(date: IsoDate): boolean;
  /** The year's statutory holidays (weekend days among them included), in order. */
  holidays(year: number): IsoDate[];
  /** The holiday a day belongs to (国庆节), when the package names it. */
  nameOf(date: IsoDate): string | undefined;
}

/** Monday to Friday (0 = Sunday ... 6 = Saturday, computed in UTC). */
export function weekday(date: IsoDate): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

function daysOfYear(year: number): number {
  return daysBetween(ymd(year, 1, 1), ymd(year + 1, 1, 1));
}

/**
 * Working days under the office's overlay, else the built-in package, else Monday–Friday.
 * Answers are computed a year at a time and kept, so that deadlines over a million items cost
 * array look-ups.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, Uint8Array>();
  private readonly fellBack = new Set<number>();
  private readonly memo = new Map<string, IsoDate>();

  constructor(
    private readonly builtin: BuiltinCalendar | undefined,
    private readonly overlay: CalendarOverlay = {},
  ) {}

  /** Where the year's working days come from: the office's days, the package, or none (Monday–Friday). */
  coverage(year: number): Coverage {
    if (this.overlay[year]) return 'office';
    if (this.builtin?.covers(year)) return 'builtin';
    return 'none';
  }

  isWorkday(date: IsoDate): boolean {
    const year = yearOf(date);
    return this.flags(year)[daysBetween(ymd(year, 1, 1), date)] === 1;
  }

  /**
   * The n-th working day after `date` (the date itself not counted; n = 0 gives `date`; n < 0
   * counts backwards). Received Thursday 2016-09-29 + 5 → Tuesday 2016-10-11 (SPEC 4).
   */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkdays: ${n} is not a whole number`);
    // A million items have a few thousand distinct received dates: answer each (date, n) once.
    const key = `${date}|${n}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const step = n < 0 ? -1 : 1;
    let d = date;
    for (let left = Math.abs(n); left > 0; ) {
      d = addDays(d, step);
      if (this.isWorkday(d)) left--;
    }
    if (this.memo.size >= 100_000) this.memo.clear();
    this.memo.set(key, d);
    return d;
  }

  /** Years consulted so far that nobody covers and were read as Monday–Friday, in order. */
  fellBackYears(): number[] {
    return [...this.fellBack].sort((a, b) => a - b);
  }

  /** A year's days off on weekdays and working weekend days, and where they come from (for `calendar show`). */
  yearDays(year: number): YearDays & { coverage: Coverage } {
    const coverage = this.coverage(year);
    if (coverage === 'office') {
      const o = this.overlay[year]!;
      return { coverage, holidays: [...o.holidays].sort(), workdays: [...o.workdays].sort(), names: { ...(o.names ?? {}) } };
    }
    if (coverage === 'none') return { coverage, holidays: [], workdays: [] };
    const b = this.builtin!;
    const holidays = b.holidays(year);
    const workdays: IsoDate[] = [];
    for (let i = 0, d = ymd(year, 1, 1), n = daysOfYear(year); i < n; i++, d = addDays(d, 1)) {
      if (isWeekend(d) && b.isWorkday(d)) workdays.push(d);
    }
    const names: Record<IsoDate, string> = {};
    for (const d of [...holidays, ...workdays]) {
      const name = b.nameOf(d);
      if (name) names[d] = name;
    }
    return { coverage, holidays, workdays, names };
  }

  private flags(year: number): Uint8Array {
    let f = this.years.get(year);
    if (f) return f;
    const n = daysOfYear(year);
    f = new Uint8Array(n);
    const coverage = this.coverage(year);
    if (coverage === 'none') this.fellBack.add(year);
    const office = coverage === 'office' ? this.overlay[year]! : undefined;
    const off = new Set(office?.holidays);
    const on = new Set(office?.workdays);
    for (let i = 0, d = ymd(year, 1, 1); i < n; i++, d = addDays(d, 1)) {
      let work: boolean;
      if (coverage === 'builtin') work = this.builtin!.isWorkday(d);
      else if (on.has(d)) work = true;
      else if (off.has(d)) work = false;
      else work = !isWeekend(d);
      f[i] = work ? 1 : 0;
    }
    this.years.set(year, f);
    return f;
  }
}

/** The warning a command prints when some years fell back to Monday–Friday (SPEC 4). */
export function fallbackWarning(years: readonly number[]): Bilingual | undefined {
  if (years.length === 0) return undefined;
  const list = years.join('、');
  return say(
    `${list} 年没有节假日安排数据，工作日按周一至周五计算；收到国务院办公厅的放假通知后用 xinfang calendar add 或 calendar import 补上`,
    `no holiday data for ${years.join(', ')}: working days counted as Monday to Friday; add the year from the State Council notice with xinfang calendar add or calendar import`,
  );
}

// ---------------------------------------------------------------------------------------------
// The chinese-days package.

/** The parts of chinese-days 1.5.x used here; it takes 'YYYY-MM-DD' strings (a Date would depend on the time zone). */
export interface ChineseDaysApi {
  isWorkday(date: string): boolean;
  getHolidaysInRange(start: string, end: string, includeWeekends?: boolean): string[];
  getDayDetail(date: string): { date: string; work: boolean; name: string };
}

/** Adapts chinese-days; a year counts as covered when the package lists any holiday in it. */
export function builtinFromChineseDays(cd: ChineseDaysApi): BuiltinCalendar {
  const covered = new Map<number, boolean>();
  const holidays = (year: number) => cd.getHolidaysInRange(ymd(year, 1, 1), ymd(year, 12, 31), false);
  return {
    covers: (year) => {
      let c = covered.get(year);
      if (c === undefined) covered.set(year, (c = holidays(year).length > 0));
      return c;
    },
    isWorkday: (date) => cd.isWorkday(date),
    holidays: (year) => holidays(year).slice().sort(),
    nameOf: (date) => {
      // "National Day,国庆节,3": English, Chinese, length; weekdays are named "Friday".
      const parts = cd.getDayDetail(date).name.split(',');
      return parts.length >= 2 ? parts[1] : undefined;
    },
  };
}

let chineseDays: Promise<BuiltinCalendar> | undefined;

/** Loads chinese-days once, on first need (CommonJS: its functions hang off the default export). */
export function loadChineseDays(): Promise<BuiltinCalendar> {
  chineseDays ??= import('chinese-days').then((m) => {
    const cd = ((m as { default?: unknown }).default ?? m) as ChineseDaysApi;
    return builtinFromChineseDays(cd);
  });
  return chineseDays;
}

/** The years the package covers (scans 1990..2100 once: ~90 ms, for `calendar` only). */
export function builtinYears(builtin: BuiltinCalendar | undefined): number[] {
  const years: number[] = [];
  if (!builtin) return years;
  for (let y = 1990; y <= 2100; y++) if (builtin.covers(y)) years.push(y);
  return years;
}

// ---------------------------------------------------------------------------------------------
// The office's days: reading them, checking them, merging them.

/** A line of a calendar file or an option value that could not be read. */
export interface DayProblem {
  /** 1-based line of the file, when from a file. */
  line?: number;
  text: Bilingual;
}

/** Days by year, as read from options or a file, before they are checked. */
export type DaysByYear = Map<number, YearDays>;

/** The longest holiday run accepted in one entry: longer is taken for a typo (2027-01-01..2027-10-01). */
export const MAX_HOLIDAY_RUN = 31;

/**
 * Reads `D` or `D..D` (also `D~D`, `D至D`; dates in any accepted form without spaces) into the
 * days it covers, or a problem.
 */
export function parseDaySpan(text: string): { ok: true; days: IsoDate[] } | { ok: false; problem: Bilingual } {
  const s = foldInput(text);
  const m = /^(\S+?)(?:\s*(?:\.\.|~|至|到)\s*(\S+))?$/.exec(s);
  if (!m) return { ok: false, problem: say(`“${text}”不是日期或日期区间（如 2027-01-01..2027-01-03）`, `"${text}" is not a date or a range (e.g. 2027-01-01..2027-01-03)`) };
  const a = parseDate(m[1]!);
  const b = m[2] !== undefined ? parseDate(m[2]) : a;
  if (!a.ok || !b.ok) {
    return { ok: false, problem: say(`“${text}”不是日期或日期区间（如 2027-01-01..2027-01-03）`, `"${text}" is not a date or a range (e.g. 2027-01-01..2027-01-03)`) };
  }
  const length = daysBetween(a.date, b.date) + 1;
  if (length < 1) return { ok: false, problem: say(`“${text}”：起日晚于止日`, `"${text}": the start is after the end`) };
  if (length > MAX_HOLIDAY_RUN) {
    return { ok: false, problem: say(`“${text}”：一段放假不超过 ${MAX_HOLIDAY_RUN} 天，请检查日期`, `"${text}": a holiday run is at most ${MAX_HOLIDAY_RUN} days; check the dates`) };
  }
  const days: IsoDate[] = [];
  for (let d = a.date; d <= b.date; d = addDays(d, 1)) days.push(d);
  return { ok: true, days };
}

export type DayKind = 'holiday' | 'workday';

const KEYWORDS: Record<string, DayKind> = {
  holiday: 'holiday', off: 'holiday', 放假: 'holiday', 休: 'holiday', 休息: 'holiday', 假日: 'holiday', 节假日: 'holiday',
  workday: 'workday', work: 'workday', 上班: 'workday', 补班: 'workday', 调休上班: 'workday', 工作日: 'workday',
};

/** Collects days into years (a range may cross a year end); `name` labels each day. */
export function addToYears(into: DaysByYear, kind: DayKind, days: readonly IsoDate[], name?: string): void {
  for (const d of days) {
    const y = yearOf(d);
    let entry = into.get(y);
    if (!entry) into.set(y, (entry = { holidays: [], workdays: [], names: {} }));
    (kind === 'holiday' ? entry.holidays : entry.workdays).push(d);
    if (name) entry.names![d] = name;
  }
}

/**
 * Reads the office's calendar file: one entry a line, `#` starts a comment.
 *
 *     # 国务院办公厅关于2027年部分节假日安排的通知
 *     holiday 2027-01-01..2027-01-03  元旦
 *     放假    2027-02-05..2027-02-11  春节
 *     workday 2027-02-14              春节
 *     上班    2027-02-20
 *
 * Keywords: holiday / 放假 / 休; workday / 上班 / 补班. Problems are returned with line numbers.
 */
export function parseCalendarFile(text: string): { years: DaysByYear; problems: DayProblem[] } {
  const years: DaysByYear = new Map();
  const problems: DayProblem[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = foldInput(raw.replace(/#.*$/, ''));
    if (line === '') return;
    const m = /^(\S+)\s+(\S+(?:\s*(?:\.\.|~|至|到)\s*\S+)?)(?:\s+(.+))?$/.exec(line);
    const kind = m ? KEYWORDS[m[1]!.toLowerCase()] : undefined;
    if (!m || !kind) {
      problems.push({
        line: i + 1,
        text: say(`“${raw.trim()}”：应为“holiday 日期..日期 [名称]”或“workday 日期 [名称]”`, `"${raw.trim()}": expected "holiday DATE..DATE [name]" or "workday DATE [name]"`),
      });
      return;
    }
    const span = parseDaySpan(m[2]!);
    if (!span.ok) {
      problems.push({ line: i + 1, text: span.problem });
      return;
    }
    addToYears(years, kind, span.days, m[3]?.trim());
  });
  return { years, problems };
}

/**
 * Checks a year's days: each in that year, none both a holiday and a make-up working day, and
 * every make-up working day a Saturday or Sunday (a weekday is a working day already).
 */
export function checkYearDays(year: number, days: YearDays): DayProblem[] {
  const problems: DayProblem[] = [];
  const off = new Set(days.holidays);
  for (const d of [...days.holidays, ...days.workdays]) {
    if (yearOf(d) !== year) problems.push({ text: say(`${d} 不在 ${year} 年`, `${d} is not in ${year}`) });
  }
  for (const d of new Set(days.workdays)) {
    if (off.has(d)) problems.push({ text: say(`${d} 既是放假日又是上班日`, `${d} is both a holiday and a working day`) });
    else if (!isWeekend(d)) {
      problems.push({ text: say(`${d} 是${WEEKDAY_ZH[weekday(d)]}，本来就是工作日；调休上班日应为周六或周日`, `${d} is a ${WEEKDAY_EN[weekday(d)]}, a working day already; a make-up working day is a Saturday or Sunday`) });
    }
  }
  return problems;
}

export const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Adds days to a year's days: a day now declared a holiday stops being a working day and the
 * reverse (the later statement wins); duplicates collapse; lists come back sorted.
 */
export function mergeYearDays(base: YearDays, added: YearDays): YearDays {
  const holidays = new Set(base.holidays);
  const workdays = new Set(base.workdays);
  for (const d of added.holidays) { holidays.add(d); workdays.delete(d); }
  for (const d of added.workdays) { workdays.add(d); holidays.delete(d); }
  const names = { ...(base.names ?? {}), ...(added.names ?? {}) };
  return { holidays: [...holidays].sort(), workdays: [...workdays].sort(), names };
}

/** Days in order grouped into runs of consecutive days: [[from, to], ...]. */
export function dayRuns(days: readonly IsoDate[]): [IsoDate, IsoDate][] {
  const sorted = [...new Set(days)].sort();
  const runs: [IsoDate, IsoDate][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

/** Reads a stored year's days (JSON) defensively: only ISO dates of that year survive. */
export function yearDaysFromJson(year: number, json: string): YearDays | undefined {
  try {
    const v = JSON.parse(json) as Partial<YearDays>;
    const dates = (a: unknown) => (Array.isArray(a) ? a.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && yearOf(d) === year) : []);
    const names: Record<IsoDate, string> = {};
    if (v.names && typeof v.names === 'object') for (const [k, n] of Object.entries(v.names)) if (typeof n === 'string') names[k] = n;
    return { holidays: dates(v.holidays), workdays: dates(v.workdays), names };
  } catch {
    return undefined;
  }
}

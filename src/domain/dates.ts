// Calendar dates as the office writes them. Stored and printed as ISO `YYYY-MM-DD` strings;
// arithmetic goes through UTC so that no time zone can shift a date by a day.

import { say, usageError, type Bilingual } from './errors.js';
import { foldInput } from './text.js';

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

// 2016-06-21, 2016/6/21, 2016.6.21, 2016年6月21日 (日 optional, spaces allowed: 2016 年 6 月 3 日),
// 20160621; an optional time after it, which is ignored: 14:30, T08:00Z, 14时30分, 上午9时, 下午3点, 9:00 PM.
const DAY_PART = '(?:(?:上午|下午|中午|晚上|凌晨|早上|早晨|傍晚|夜里|夜间)\\s*)?';
const CLOCK = '\\d{1,2}(?::\\d{1,2}){0,2}(?:\\.\\d+)?(?:\\s*[ap]\\.?m\\.?)?(?:Z|[+-]\\d{2}:?\\d{2})?';
const CHINESE_CLOCK = '\\d{1,2}\\s*[时点](?:\\s*\\d{1,2}\\s*分)?(?:\\s*\\d{1,2}\\s*秒)?|\\d{1,2}\\s*点半';
const DATE_RE = new RegExp(
  '^(\\d{4})(?:([-/.])(\\d{1,2})\\2(\\d{1,2})|\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?|(\\d{2})(\\d{2}))' +
    `(?:(?:\\s+|T|(?<=[日号]))\\s*${DAY_PART}(?:${CLOCK}|${CHINESE_CLOCK}))?$`,
  'i',
);

/** The years a date may fall in: from the founding of the People's Republic to the end of the century. */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

export const DATE_FORMS = '2016-06-21、2016/6/21、2016.6.21、2016年6月21日';
export const DATE_FORMS_EN = '2016-06-21, 2016/6/21, 2016.6.21, 2016年6月21日';

/** Why a text is not a date: not a date's form, no such day, a year out of range, or an Excel serial number. */
export type DateProblem =
  | { ok: false; reason: 'format' | 'calendar' }
  | { ok: false; reason: 'range'; year: number }
  | { ok: false; reason: 'excel-serial'; serial: number; date: IsoDate };

export type DateParse = Readonly<{ ok: true; date: IsoDate } | DateProblem>;

/**
 * Parses a date in any accepted form (see DATE_FORMS; a time after the date is ignored).
 * Failure reasons: 'format' (not a date), 'calendar' (the form is right but the day does not
 * exist), 'range' (year outside MIN_YEAR..MAX_YEAR), 'excel-serial' (a bare number 20000..80000,
 * which is what Excel's CSV export writes for a date cell: 42524 = 2016-06-03).
 */
export function parseDate(input: string): DateParse {
  // An import parses the same few hundred dates a million times.
  let p = recent.get(input);
  if (p === undefined) {
    if (recent.size >= 4096) recent.clear();
    recent.set(input, (p = parseDateOnce(input)));
  }
  return p;
}

const recent = new Map<string, DateParse>();

/** Excel counts days from 1899-12-30 (its day 60 is the 1900-02-29 that never was). */
const EXCEL_EPOCH: IsoDate = '1899-12-30';

function parseDateOnce(input: string): DateParse {
  const s = foldInput(input);
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (serial) {
    const n = Number(serial[1]);
    if (n >= 20_000 && n <= 80_000) return { ok: false, reason: 'excel-serial', serial: n, date: addDays(EXCEL_EPOCH, n) };
  }
  const m = DATE_RE.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const y = Number(m[1]);
  const mo = Number(m[3] ?? m[5] ?? m[7]);
  const d = Number(m[4] ?? m[6] ?? m[8]);
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: 'range', year: y };
  if (!isValidYmd(y, mo, d)) return { ok: false, reason: 'calendar' };
  return { ok: true, date: ymd(y, mo, d) };
}

/** What is wrong with a date that failed to parse (without the value), and how to write it instead. */
export function describeDateProblem(p: DateProblem): { text: Bilingual; hint?: Bilingual } {
  switch (p.reason) {
    case 'calendar':
      return { text: say('日期不存在', 'no such date') };
    case 'range':
      return { text: say(`年份须在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`) };
    case 'excel-serial':
      return {
        text: say(`看起来是 Excel 的日期序列号（即 ${p.date}），不是日期`, `looks like an Excel serial date (${p.date}), not a date`),
        hint: say(
          `写成 ${p.date}；或在 Excel 中把该列设为日期格式（yyyy-mm-dd）后再导出`,
          `write ${p.date}; or format the column as a date (yyyy-mm-dd) in Excel before exporting`,
        ),
      };
    default:
      return { text: say(`不是日期（可用：${DATE_FORMS}）`, `not a date (accepted: ${DATE_FORMS_EN})`) };
  }
}

/**
 * The one reader of every date option (--received --on --due --as-of --from --to): the ISO date,
 * or a usage error (exit 2) naming the flag, the value and what is accepted.
 */
export function readDate(flag: string, value: string): IsoDate {
  const p = parseDate(value);
  if (p.ok) return p.date;
  const { text, hint } = describeDateProblem(p);
  throw usageError(say(`${flag} “${value}”：${text.zh}`, `${flag} "${value}": ${text.en}`), hint);
}

/**
 * Reads a --from/--to pair (either may be absent) through readDate and refuses a range that ends
 * before it starts (`--from 2016-07-01 --to 2016-06-01` would silently select nothing).
 */
export function readDateRange(
  from: { flag: string; value: string | undefined },
  to: { flag: string; value: string | undefined },
): { from?: IsoDate; to?: IsoDate } {
  const a = from.value !== undefined ? readDate(from.flag, from.value) : undefined;
  const b = to.value !== undefined ? readDate(to.flag, to.value) : undefined;
  if (a !== undefined && b !== undefined && a > b) {
    throw usageError(
      say(`${from.flag} ${a} 晚于 ${to.flag} ${b}`, `${from.flag} ${a} is after ${to.flag} ${b}`),
      say(`${from.flag} 应不晚于 ${to.flag}`, `${from.flag} must not be after ${to.flag}`),
    );
  }
  return { from: a, to: b };
}

/** True when (y, m, d) is a day of the calendar in the accepted years. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function ymd(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The local calendar date of an instant, as the clerk's wall clock shows it. */
export function localDate(at: Date): IsoDate {
  return ymd(at.getFullYear(), at.getMonth() + 1, at.getDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = toUtc(date) + days * 86_400_000;
  const d = new Date(t);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The same day n months later (n < 0: earlier). A day the target month lacks becomes its last
 * day (2016-03-31 − 1 month = 2016-02-29), and the last day of a month stays the last day
 * (2016-04-30 − 1 month = 2016-03-31), so that period ends map onto period ends.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const last = daysInMonth(ty, tm);
  return ymd(ty, tm, d === daysInMonth(y, m) ? last : Math.min(d, last));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

function toUtc(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

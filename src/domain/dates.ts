// Calendar dates as the office writes them. Stored and printed as ISO `YYYY-MM-DD` strings;
// arithmetic goes through UTC so that no time zone can shift a date by a day.

import { foldInput } from './text.js';

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

// 2016-06-21, 2016/6/21, 2016.6.21, 2016年6月21日 (日 optional), 20160621; an optional time after it.
const DATE_RE =
  /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{2})(\d{2}))(?:(?:\s+|T|(?<=[日号]))\s*(?:\d{1,2}(?::\d{1,2}){0,2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?(?:\s*\d{1,2}\s*秒)?))?$/i;

export const DATE_FORMS = '2016-06-21、2016/6/21、2016.6.21、2016年6月21日';
export const DATE_FORMS_EN = '2016-06-21, 2016/6/21, 2016.6.21, 2016年6月21日';

export type DateParse = Readonly<{ ok: true; date: IsoDate } | { ok: false; reason: 'format' | 'calendar' }>;

/** Parse a date in any accepted form; 'calendar' means the form is right but the day does not exist. */
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

function parseDateOnce(input: string): DateParse {
  const m = DATE_RE.exec(foldInput(input));
  if (!m) return { ok: false, reason: 'format' };
  const y = Number(m[1]);
  const mo = Number(m[3] ?? m[5] ?? m[7]);
  const d = Number(m[4] ?? m[6] ?? m[8]);
  if (!isValidYmd(y, mo, d)) return { ok: false, reason: 'calendar' };
  return { ok: true, date: ymd(y, mo, d) };
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
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

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

function toUtc(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

// Report periods (SPEC 6.1): 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd.
// With a business month starting on day d > 1, month 2016-06 is 2016-05-d..2016-06-(d-1),
// and quarters, halves and years shift alike.

import { addDays, parseDate, ymd, type IsoDate } from './dates.js';
import { foldInput } from './text.js';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'range' | 'ytd';

export interface Period {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
  /** For calendar-shaped periods: the year and first/last month numbers (1-12). */
  year?: number;
  months?: [number, number];
}

export const PERIOD_FORMS = '2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd';

/** First day of business month (y, m) given the month start day. */
function monthStart(y: number, m: number, startDay: number): IsoDate {
  if (startDay <= 1) return ymd(y, m, 1);
  // A business month starts on day 2..28 (config refuses more): every month has that day.
  startDay = Math.min(startDay, 28);
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return ymd(py, pm, startDay);
}

function monthsPeriod(kind: PeriodKind, y: number, first: number, last: number, startDay: number): Period {
  const from = monthStart(y, first, startDay);
  const nextY = last === 12 ? y + 1 : y;
  const nextM = last === 12 ? 1 : last + 1;
  const to = addDays(monthStart(nextY, nextM, startDay), -1);
  return { kind, from, to, year: y, months: [first, last] };
}

/** Parses a period; `today` resolves ytd. Undefined when the text is not a period. */
export function parsePeriod(input: string, opts: { today: IsoDate; monthStartDay?: number }): Period | undefined {
  const s = foldInput(input).toLowerCase();
  const d = opts.monthStartDay ?? 1;
  let m: RegExpExecArray | null;
  if (s === 'ytd') {
    // With a shifted business year, late December may already belong to the next year.
    let y = Number(opts.today.slice(0, 4));
    if (opts.today >= monthStart(y + 1, 1, d)) y++;
    return { kind: 'ytd', from: monthStart(y, 1, d), to: opts.today, year: y };
  }
  if ((m = /^(\d{4})/.exec(s)) && (Number(m[1]) < 1900 || Number(m[1]) > 2999)) return undefined;
  if ((m = /^(\d{4})$/.exec(s))) return monthsPeriod('year', Number(m[1]), 1, 12, d);
  if ((m = /^(\d{4})-?h([12])$/.exec(s))) {
    const h = Number(m[2]);
    return monthsPeriod('half', Number(m[1]), h === 1 ? 1 : 7, h === 1 ? 6 : 12, d);
  }
  if ((m = /^(\d{4})-?q([1-4])$/.exec(s))) {
    const q = Number(m[2]);
    return monthsPeriod('quarter', Number(m[1]), q * 3 - 2, q * 3, d);
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s)) || (m = /^(\d{4})年(\d{1,2})月$/.exec(s))) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return monthsPeriod('month', Number(m[1]), mo, mo, d);
  }
  if ((m = /^(.+?)\s*(?:\.\.|~|至|到)\s*(.+)$/.exec(s))) {
    const a = parseDate(m[1]!);
    const b = parseDate(m[2]!);
    if (!a.ok || !b.ok || a.date > b.date) return undefined;
    return { kind: 'range', from: a.date, to: b.date };
  }
  return undefined;
}

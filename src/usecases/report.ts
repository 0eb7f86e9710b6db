// `xinfang report` (SPEC 6.1): the period, the as-of date and the comparison are decided here,
// the counts come from the store (src/store/report.ts, one classifying pass and a few GROUP BYs
// per period), and the domain's buildReport turns them into the one report value every renderer
// draws.

import { addDays, parseDate, type IsoDate } from '../domain/dates.js';
import { say, usageError } from '../domain/errors.js';
import {
  buildReport, type AnalysisCounts, type AnalysisView, type BreakdownDimension, type CompareKind, type KeyCount,
  type MonthlyRow, type Report, type ReportInput,
} from '../domain/report.js';
import { comparisonOf, periodMonths, readPeriod, type Period } from '../domain/periods.js';
import type { WorkdayCounter } from '../domain/deadlines.js';
import type { Group } from '../domain/vocabulary.js';
import { periodCounts, withUnits, type GroupKeyCount, type PeriodCounts } from '../store/report.js';
import { loadDeadlineRules } from './calendar.js';
import { today, type UseCaseContext } from './context.js';
import { readSettings } from './settings.js';

export interface ReportRequest {
  /** The period as typed (SPEC 6.1 grammar); `ytd` when neither it nor `from` is given. */
  period?: string;
  /** An explicit range instead (`--from`, `--to`; `to` defaults to today). */
  from?: IsoDate;
  to?: IsoDate;
  /** State taken as of this date; default the period's end, or today if that is earlier. */
  asOf?: IsoDate;
  /** Only decisions (and items) recorded by this instant (ISO, UTC; see readRecordedTime). */
  knownAt?: string;
  /** `yoy` (the default of the command), `mom`, or null for none. */
  compare: CompareKind | null;
  by: BreakdownDimension | null;
}

/**
 * A recorded time for `--as-known-at`: a date (any accepted form; the end of that local day), or a
 * date and time `2016-07-05 09:30[:00]` (local time) or with an offset (`2016-07-05T09:30:00+08:00`,
 * `...Z`). Returns the instant as ISO UTC text, which is how events' recorded times are stored and
 * compared. Throws a usage error (exit 2) naming the flag and the accepted forms.
 */
export function readRecordedTime(flag: string, value: string): string {
  const s = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, date, hh, mm, ss, frac, zone] = m;
    const ok = parseDate(date!).ok && Number(hh) < 24 && Number(mm) < 60 && Number(ss ?? 0) < 60;
    if (ok) {
      const text = `${date}T${hh!.padStart(2, '0')}:${mm}:${ss ?? '00'}${frac ?? ''}${zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : ''}`;
      const at = new Date(text); // without a zone: local time, as the clerk's clock shows it
      if (!Number.isNaN(at.getTime())) {
        // Recorded times are stored to the millisecond; a time given to the second includes that whole second.
        return frac ? at.toISOString() : new Date(at.getTime() + 999).toISOString();
      }
    }
  } else {
    const d = parseDate(s);
    if (d.ok) {
      const [y, mo, da] = d.date.split('-').map(Number) as [number, number, number];
      return new Date(new Date(y, mo - 1, da + 1).getTime() - 1).toISOString();
    }
  }
  throw usageError(
    say(`${flag} “${value}”：不是日期或时间（可用：2016-07-05、2016-07-05 09:30、2016-07-05T09:30:00+08:00）`,
      `${flag} "${value}": not a date or time (accepted: 2016-07-05, 2016-07-05 09:30, 2016-07-05T09:30:00+08:00)`),
  );
}

/**
 * The latest date whose deadline of `n` working days is already missed at `asOf` (due before it):
 * a deadline counted from a date on or before the cutoff is past due. addWorkdays is monotone in
 * its date, so walking back from the as-of date finds it in about n working days' steps.
 */
export function missedCutoff(calendar: WorkdayCounter, asOf: IsoDate, n: number): IsoDate {
  let d = asOf;
  for (let i = 0; i < 800 && calendar.addWorkdays(d, n) >= asOf; i++) d = addDays(d, -1);
  return d;
}

interface Window {
  from: IsoDate;
  /** The period's end clipped to the as-of date: items received later had not arrived then. */
  until: IsoDate;
  asOf: IsoDate;
}

/**
 * The office's name for the report's heading and the bulletin (`config set office.name`; '' when
 * not set). Kept out of the report value: SPEC 6.1 fixes its JSON keys.
 */
export async function reportOfficeName(ctx: UseCaseContext): Promise<string> {
  return (await readSettings(ctx)).officeName.trim();
}

/**
 * The period report (SPEC 6.1). Throws a usage error (exit 2) for a period that is not one, an
 * as-of date before the period starts or after today, a period that has not begun.
 */
export async function periodReport(ctx: UseCaseContext, req: ReportRequest): Promise<Report> {
  const day = today(ctx);
  const [settings, rules] = await Promise.all([readSettings(ctx), loadDeadlineRules(ctx)]);
  const monthStartDay = settings.monthStartDay;
  if (req.asOf !== undefined && req.asOf > day) {
    throw usageError(say(`--as-of ${req.asOf} 在今天（${day}）之后`, `--as-of ${req.asOf} is after today (${day})`), say('报表的状态只能取到今天', 'a report takes the state of today at the latest'));
  }
  let period: Period;
  if (req.from !== undefined) {
    const to = req.to ?? day;
    if (req.from > to) throw usageError(say(`--from ${req.from} 晚于 --to ${to}`, `--from ${req.from} is after --to ${to}`));
    period = { kind: 'range', from: req.from, to, monthStartDay };
  } else {
    // ytd runs to the as-of date when one is given (SPEC 6.1: 1 January to the as-of date).
    period = readPeriod('--period', req.period ?? 'ytd', { today: req.asOf ?? day, monthStartDay });
  }
  const asOf = req.asOf ?? (period.to < day ? period.to : day);
  if (asOf < period.from) {
    throw usageError(
      req.asOf !== undefined
        ? say(`--as-of ${asOf} 早于期间的开始 ${period.from}`, `--as-of ${asOf} is before the period starts (${period.from})`)
        : say(`期间 ${period.from}..${period.to} 还没有开始（今天是 ${day}）`, `the period ${period.from}..${period.to} has not begun (today is ${day})`),
      say(`--as-of 应在 ${period.from} 至 ${period.to < day ? period.to : day} 之间`, `--as-of must be within ${period.from}..${period.to < day ? period.to : day}`),
    );
  }
  const current: Window = { from: period.from, until: period.to < asOf ? period.to : asOf, asOf };
  const count = (w: Window) => periodCounts(ctx.registry.db, ctx.registry.dialect, {
    from: w.from, to: w.until, asOf: w.asOf, knownAt: req.knownAt, handleDays: rules.lengths.handle,
    cutoffs: {
      accept: missedCutoff(rules.calendar, w.asOf, rules.lengths.accept),
      notify: missedCutoff(rules.calendar, w.asOf, rules.lengths.notify),
      reply: missedCutoff(rules.calendar, w.asOf, rules.lengths.reply),
    },
    breakdown: req.by ?? undefined,
  });

  // The comparison period is counted at the same time as the current one (on PostgreSQL, two
  // connections: two server processes; SQLite's one connection takes them in turn); it takes the
  // current period's units afterwards (withUnits).
  const c = req.compare ? comparisonOf(period, req.compare) : null;
  const cAsOf = c ? c.shift(asOf) : null;
  const prev: Window | null = c && cAsOf ? { from: c.period.from, until: c.period.to < cAsOf ? c.period.to : cAsOf, asOf: cAsOf } : null;
  const [now, prevCounts] = await Promise.all([count(current), prev ? count(prev) : null]);
  const months = periodMonths(period).filter((m) => m.from <= asOf);

  let compare: ReportInput['compare'] = null;
  let earliest = period.from;
  if (c && cAsOf && prevCounts) {
    const then = withUnits(prevCounts, now.analysis.unit.map((u) => u.key));
    const prevMonths = periodMonths(c.period).filter((m) => m.from <= cAsOf);
    earliest = c.period.from;
    compare = {
      kind: req.compare!,
      period: { from: c.period.from, to: c.period.to, asOf: cAsOf },
      groups: then.groups,
      breakdown: req.by ? breakdownRows(req.by, then, prevMonths, months) : undefined,
      analysis: analysisOf(then),
    };
  }
  rules.warnFallback();

  const years: number[] = [];
  for (let y = Number(earliest.slice(0, 4)); y <= Number(asOf.slice(0, 4)) + 1; y++) {
    if (rules.calendar.coverage(y) !== 'none') years.push(y);
  }

  const input: ReportInput = {
    period: {
      from: period.from, to: period.to, asOf, knownAt: req.knownAt ?? null, kind: period.kind,
      settings: { monthStartDay, deadlines: { ...rules.lengths }, calendarYears: years },
    },
    groups: now.groups,
    compare,
    sanctions: now.sanctions,
    activities: now.activities,
    monthly: monthlySeries(now, months),
    repeat: now.repeat,
    breakdown: req.by ? { by: req.by, rows: breakdownRows(req.by, now, months, months) } : null,
    analysis: analysisOf(now),
  };
  return buildReport(input);
}

type Months = ReturnType<typeof periodMonths>;

/** Index of the month a date falls in, or -1. */
function monthIndex(months: Months, date: IsoDate): number {
  for (let i = 0; i < months.length; i++) if (months[i]!.from <= date && date <= months[i]!.to) return i;
  return -1;
}

function monthlySeries(c: PeriodCounts, months: Months): MonthlyRow[] {
  const rows = months.map((m) => ({ month: m.month, received: 0 }));
  for (const r of c.byDate) {
    const i = monthIndex(months, r.date);
    if (i >= 0) rows[i]!.received += r.count;
  }
  return rows;
}

/**
 * The breakdown rows of one period. Month rows are labelled with `labels` by position, so that a
 * comparison period's months line up with the current period's (March with March a year earlier).
 */
function breakdownRows(by: BreakdownDimension, c: PeriodCounts, months: Months, labels: Months): GroupKeyCount[] {
  if (by === 'repeat') {
    return (['superior', 'local'] as const).flatMap((group) => [
      { group, key: 'first', count: c.groups[group].received - c.duplicatesByGroup[group] },
      { group, key: 'repeat', count: c.duplicatesByGroup[group] },
    ]);
  }
  if (by === 'month') {
    const m = new Map<string, number>();
    for (const r of c.byDate) {
      const i = monthIndex(months, r.date);
      const label = labels[i]?.month ?? months[i]?.month;
      if (label !== undefined) m.set(`${r.group}\t${label}`, (m.get(`${r.group}\t${label}`) ?? 0) + r.count);
    }
    return [...m].map(([k, count]) => {
      const [group, key] = k.split('\t') as [Group, string];
      return { group, key, count };
    });
  }
  return [...c.breakdown];
}

function analysisOf(c: PeriodCounts): Record<AnalysisView, AnalysisCounts> {
  const total = c.groups.superior.received + c.groups.local.received;
  const view = (rows: KeyCount[]): AnalysisCounts => ({ total, rows });
  return {
    source: view(c.analysis.source), type: view(c.analysis.type), channel: view(c.analysis.channel),
    category: view(c.analysis.category), rank: view(c.analysis.rank), unit: view(c.analysis.unit),
    repeat: view(c.analysis.repeat), realName: view(c.analysis.realName),
  };
}

// The working-day calendar of this registry: chinese-days with the office's own years in front
// (SPEC 4). The office's years live in the meta table, one JSON value per year under
// `calendar.YYYY`, with the list of such years under `calendar.years` (the meta table can only
// be read by key); each change is audited in the same transaction.

import {
  addToYears, builtinYears, checkYearDays, fallbackWarning, loadChineseDays, mergeYearDays, parseCalendarFile, parseDaySpan,
  WorkingCalendar, yearDaysFromJson, type CalendarOverlay, type Coverage, type DayProblem, type DaysByYear, type YearDays,
} from '../domain/calendar.js';
import { MAX_YEAR, MIN_YEAR } from '../domain/dates.js';
import type { DeadlineSettings } from '../domain/settings.js';
import { say, usageError, type Bilingual } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import { getMeta, setMeta } from '../store/meta.js';
import type { Db } from '../store/registry.js';
import type { UseCaseContext } from './context.js';
import { readSettings } from './settings.js';

type Ctx = Pick<UseCaseContext, 'registry' | 'now' | 'operator'>;

const YEARS_KEY = 'calendar.years';
const yearKey = (year: number) => `calendar.${year}`;

async function officeYears(db: Db): Promise<number[]> {
  const v = await getMeta(db, YEARS_KEY);
  if (v === undefined) return [];
  try {
    const a = JSON.parse(v) as unknown;
    return Array.isArray(a) ? a.filter((y): y is number => Number.isInteger(y)).sort((x, y) => x - y) : [];
  } catch {
    return [];
  }
}

async function readOverlay(db: Db): Promise<Record<number, YearDays>> {
  const overlay: Record<number, YearDays> = {};
  for (const year of await officeYears(db)) {
    const v = await getMeta(db, yearKey(year));
    const days = v !== undefined ? yearDaysFromJson(year, v) : undefined;
    if (days) overlay[year] = days;
  }
  return overlay;
}

/**
 * The registry's working-day calendar (loads chinese-days on first call). After computing
 * deadlines, ask it `fellBackYears()` and warn with `fallbackWarning` (SPEC 4).
 */
export async function loadCalendar(ctx: Pick<UseCaseContext, 'registry'>): Promise<WorkingCalendar> {
  const [builtin, overlay] = await Promise.all([loadChineseDays(), readOverlay(ctx.registry.db)]);
  return new WorkingCalendar(builtin, overlay as CalendarOverlay);
}

export interface CalendarOverview {
  /** Years the package covers (2004–2026 with chinese-days 1.5.7). */
  builtin: number[];
  /** Years the office has entered (they take precedence). */
  office: number[];
}

export async function calendarOverview(ctx: Ctx): Promise<CalendarOverview> {
  const builtin = builtinYears(await loadChineseDays());
  return { builtin, office: await officeYears(ctx.registry.db) };
}

export interface YearView {
  year: number;
  coverage: Coverage;
  holidays: string[];
  workdays: string[];
  names: Record<string, string>;
}

/** One year's holidays and make-up working days and where they come from. */
export async function showYear(ctx: Ctx, year: number): Promise<YearView> {
  checkYear(year);
  const cal = await loadCalendar(ctx);
  const d = cal.yearDays(year);
  return { year, coverage: d.coverage, holidays: d.holidays, workdays: d.workdays, names: d.names ?? {} };
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw usageError(say(`年份须在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`));
  }
}

/** Reads a year argument (`2027`, `２０２７`, `2027年`). */
export function readYear(input: string): number {
  const m = /^\s*(\d{4})\s*年?\s*$/.exec(input.normalize('NFKC'));
  if (!m) throw usageError(say(`“${input}”不是年份（如 2027）`, `"${input}" is not a year (e.g. 2027)`));
  const year = Number(m[1]);
  checkYear(year);
  return year;
}

export interface CalendarChange {
  year: number;
  /** Where the year's days came from before (office, builtin, none). */
  before: Coverage;
  days: YearDays;
}

function refuseProblems(problems: readonly DayProblem[], what: Bilingual): never {
  throw usageError(
    what,
    say('日期写法：2027-01-01 或 2027-01-01..2027-01-03；调休上班日为周六或周日', 'dates: 2027-01-01 or 2027-01-01..2027-01-03; a make-up working day is a Saturday or Sunday'),
    problems.map((p) => (p.line !== undefined ? say(`第 ${p.line} 行：${p.text.zh}`, `line ${p.line}: ${p.text.en}`) : p.text)),
  );
}

/** Days declared twice in one command or file: both a holiday and a working day. */
function conflicts(years: DaysByYear): DayProblem[] {
  const out: DayProblem[] = [];
  for (const [year, days] of years) {
    for (const p of checkYearDays(year, days)) out.push(p);
  }
  return out;
}

/**
 * Adds the office's days (`calendar add --holiday D..D --workday D`): each year touched starts
 * from its current days (the office's, else the package's, so that correcting one day of a
 * covered year keeps the rest) unless `replace`, and the new days win over the old.
 */
export async function addCalendarDays(
  ctx: Ctx,
  input: { holidays: readonly string[]; workdays: readonly string[]; replace?: boolean },
): Promise<CalendarChange[]> {
  if (input.holidays.length === 0 && input.workdays.length === 0) {
    throw usageError(say('没有给出日期：用 --holiday 和/或 --workday', 'no days given: use --holiday and/or --workday'));
  }
  const added: DaysByYear = new Map();
  const problems: DayProblem[] = [];
  for (const [kind, values] of [['holiday', input.holidays], ['workday', input.workdays]] as const) {
    for (const v of values) {
      const span = parseDaySpan(v);
      if (span.ok) addToYears(added, kind, span.days);
      else problems.push({ text: say(`--${kind} ${span.problem.zh}`, `--${kind} ${span.problem.en}`) });
    }
  }
  if (problems.length === 0) problems.push(...conflicts(added));
  if (problems.length > 0) refuseProblems(problems, say('日期有误，未作任何修改', 'bad days; nothing changed'));
  for (const year of added.keys()) checkYear(year);
  const cal = await loadCalendar(ctx);
  const changes = [...added].sort(([a], [b]) => a - b).map(([year, days]) => {
    const before = cal.coverage(year);
    const base: YearDays = input.replace || before === 'none' ? { holidays: [], workdays: [] } : cal.yearDays(year);
    return { year, before, days: mergeYearDays(base, days) };
  });
  const after = changes.flatMap((c) => checkYearDays(c.year, c.days));
  if (after.length > 0) refuseProblems(after, say('日期有误，未作任何修改', 'bad days; nothing changed'));
  await store(ctx, changes, 'add');
  return changes;
}

/**
 * Imports a calendar file (format: see parseCalendarFile): every year in the file replaces that
 * year's days entirely; any bad line refuses the whole file (line numbers in the details).
 */
export async function importCalendar(ctx: Ctx, text: string, file: string): Promise<CalendarChange[]> {
  const { years, problems } = parseCalendarFile(text);
  if (problems.length === 0) problems.push(...conflicts(years));
  if (problems.length > 0) refuseProblems(problems, say(`${file} 有 ${problems.length} 处错误，未导入`, `${file}: ${problems.length} problem(s); nothing imported`));
  if (years.size === 0) throw usageError(say(`${file} 中没有日期`, `no days in ${file}`));
  for (const year of years.keys()) checkYear(year);
  const cal = await loadCalendar(ctx);
  const changes = [...years].sort(([a], [b]) => a - b).map(([year, days]) => ({
    year, before: cal.coverage(year), days: mergeYearDays({ holidays: [], workdays: [] }, days),
  }));
  await store(ctx, changes, 'import', file);
  return changes;
}

async function store(ctx: Ctx, changes: readonly CalendarChange[], via: 'add' | 'import', file?: string): Promise<void> {
  await ctx.registry.write(async (trx) => {
    const years = new Set(await officeYears(trx));
    for (const c of changes) {
      await setMeta(trx, yearKey(c.year), JSON.stringify(c.days));
      years.add(c.year);
      await appendAudit(trx, {
        at: ctx.now(), operator: ctx.operator, action: 'calendar',
        details: { year: c.year, via, ...(file !== undefined ? { file } : {}), before: c.before, holidays: c.days.holidays, workdays: c.days.workdays },
      });
    }
    await setMeta(trx, YEARS_KEY, JSON.stringify([...years].sort((a, b) => a - b)));
  });
}

/**
 * What deadline computations need (SPEC 4): the working-day calendar, the lengths from the
 * settings, and a way to say once, after computing, which years fell back to Monday–Friday.
 */
export interface DeadlineRules {
  calendar: WorkingCalendar;
  lengths: DeadlineSettings;
  /** Warns (through ctx.warn) about the years consulted so far that nobody covers; call after computing. */
  warnFallback: () => void;
}

export async function loadDeadlineRules(ctx: Pick<UseCaseContext, 'registry' | 'now' | 'operator' | 'warn'>): Promise<DeadlineRules> {
  const [calendar, settings] = await Promise.all([loadCalendar(ctx), readSettings(ctx)]);
  const warned = new Set<number>();
  return {
    calendar,
    lengths: settings.deadlines,
    warnFallback: () => {
      const years = calendar.fellBackYears().filter((y) => !warned.has(y));
      years.forEach((y) => warned.add(y));
      const w = fallbackWarning(years);
      if (w) ctx.warn(w);
    },
  };
}

// The working-day calendar (SPEC 4): chinese-days for 2004–2026, the office's own years in front
// of it, Monday–Friday (reported) for a year nobody covers.
import { describe, expect, it } from 'vitest';
import {
  checkYearDays, dayRuns, fallbackWarning, loadChineseDays, mergeYearDays, parseCalendarFile, parseDaySpan,
  weekday, WorkingCalendar, yearDaysFromJson, type BuiltinCalendar,
} from '../../src/domain/calendar.js';

const builtin = await loadChineseDays();
const mainland = (overlay = {}) => new WorkingCalendar(builtin, overlay);

describe('working days with the package (2016)', () => {
  it('received Thursday 2016-09-29: triage due Tuesday 2016-10-11 (SPEC 4)', () => {
    expect(weekday('2016-09-29')).toBe(4);
    expect(mainland().addWorkdays('2016-09-29', 5)).toBe('2016-10-11');
  });

  it('rules out Monday–Friday only (10-06) and holidays without make-up days (10-13)', () => {
    expect(new WorkingCalendar(undefined).addWorkdays('2016-09-29', 5)).toBe('2016-10-06');
    // holidays only: the package's holidays, weekends off, no make-up working days
    const noMakeUp: BuiltinCalendar = {
      covers: () => true,
      isWorkday: (d) => weekday(d) !== 0 && weekday(d) !== 6 && builtin.isWorkday(d),
      holidays: (y) => builtin.holidays(y),
      nameOf: () => undefined,
    };
    expect(new WorkingCalendar(noMakeUp).addWorkdays('2016-09-29', 5)).toBe('2016-10-13');
  });

  it('National Day week is off and its weekend is on', () => {
    const c = mainland();
    expect(['2016-10-03', '2016-10-07', '2016-10-01'].map((d) => c.isWorkday(d))).toEqual([false, false, false]);
    expect(['2016-10-08', '2016-10-09', '2016-09-30'].map((d) => c.isWorkday(d))).toEqual([true, true, true]);
  });

  it('across a year end: Friday 2016-12-30 + 5 skips New Year (2017-01-02 off) → 2017-01-09', () => {
    const c = mainland();
    expect(c.isWorkday('2017-01-02')).toBe(false);
    expect(c.addWorkdays('2016-12-30', 5)).toBe('2017-01-09');
    expect(c.addWorkdays('2016-12-30', 1)).toBe('2017-01-03');
    expect(c.fellBackYears()).toEqual([]);
  });

  it('n = 0 is the day itself; negative n counts back', () => {
    const c = mainland();
    expect(c.addWorkdays('2016-10-03', 0)).toBe('2016-10-03');
    expect(c.addWorkdays('2016-10-11', -5)).toBe('2016-09-29'); // 10-10, 10-09, 10-08 (make-up), 09-30, 09-29
  });

  it('knows its coverage', () => {
    const c = mainland();
    expect(c.coverage(2004)).toBe('builtin');
    expect(c.coverage(2026)).toBe('builtin');
    expect(c.coverage(2027)).toBe('none');
    expect(c.coverage(2003)).toBe('none');
  });
});

describe('a year nobody covers (2027)', () => {
  it('falls back to Monday–Friday and says which years fell back', () => {
    const c = mainland();
    // Friday 2027-01-01 is New Year's Day, but with no data it is a working day
    expect(c.isWorkday('2027-01-01')).toBe(true);
    expect(c.addWorkdays('2026-12-31', 5)).toBe('2027-01-07');
    expect(c.fellBackYears()).toEqual([2027]);
    expect(fallbackWarning(c.fellBackYears())?.zh).toContain('2027 年没有节假日安排数据，工作日按周一至周五计算');
    expect(fallbackWarning([])).toBeUndefined();
  });

  it('an office overlay for 2027 changes the answer and nothing falls back', () => {
    const c = mainland({
      2027: { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] },
    });
    expect(c.coverage(2027)).toBe('office');
    expect(c.isWorkday('2027-01-01')).toBe(false);
    expect(c.isWorkday('2027-01-09')).toBe(true); // a Saturday made a working day
    // 2026-12-31 Thu → Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 (without the overlay: 1, 4, 5, 6, 7)
    expect(c.addWorkdays('2026-12-31', 5)).toBe('2027-01-08');
    expect(c.addWorkdays('2027-01-07', 2)).toBe('2027-01-09');
    expect(c.fellBackYears()).toEqual([]);
  });

  it('an office year replaces the package for that year', () => {
    const c = mainland({ 2016: { holidays: [], workdays: [] } });
    expect(c.coverage(2016)).toBe('office');
    expect(c.isWorkday('2016-10-03')).toBe(true);
    expect(c.addWorkdays('2016-09-29', 5)).toBe('2016-10-06');
  });
});

describe('yearDays: what `calendar show` lists', () => {
  it('the package’s 2016: holidays with names and the weekend working days', () => {
    const y = mainland().yearDays(2016);
    expect(y.coverage).toBe('builtin');
    expect(y.workdays).toEqual(['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09']);
    expect(dayRuns(y.holidays)).toContainEqual(['2016-10-01', '2016-10-07']);
    expect(y.names?.['2016-10-03']).toBe('国庆节');
  });
  it('a year nobody covers has nothing to list', () => {
    expect(mainland().yearDays(2030)).toEqual({ coverage: 'none', holidays: [], workdays: [] });
  });
});

describe('the office’s days', () => {
  it('parseDaySpan reads a day or a range', () => {
    expect(parseDaySpan('2027-01-01..2027-01-03')).toEqual({ ok: true, days: ['2027-01-01', '2027-01-02', '2027-01-03'] });
    expect(parseDaySpan('2027/2/7')).toEqual({ ok: true, days: ['2027-02-07'] });
    expect(parseDaySpan('2026-12-31~2027-01-01')).toEqual({ ok: true, days: ['2026-12-31', '2027-01-01'] });
    expect(parseDaySpan('2027-01-03..2027-01-01')).toMatchObject({ ok: false, problem: { zh: '“2027-01-03..2027-01-01”：起日晚于止日' } });
    expect(parseDaySpan('2027-01-01..2027-10-01')).toMatchObject({ ok: false });
    expect(parseDaySpan('soon')).toMatchObject({ ok: false });
  });

  it('parseCalendarFile reads entries with names, comments, Chinese keywords and line-numbered problems', () => {
    const { years, problems } = parseCalendarFile([
      '\uFEFF# 国务院办公厅关于2027年部分节假日安排的通知',
      'holiday 2027-01-01..2027-01-03  元旦',
      '放假 2027-02-05..2027-02-11 春节',
      '',
      'workday 2027-02-14 春节   # 调休',
      '上班 2027-02-20',
      'vacation 2027-05-01',
      'holiday 2027-02-30',
    ].join('\r\n'));
    expect(problems.map((p) => p.line)).toEqual([7, 8]);
    expect(problems[0]!.text.en).toContain('expected "holiday DATE..DATE [name]"');
    const y = years.get(2027)!;
    expect(y.holidays).toHaveLength(10);
    expect(y.workdays).toEqual(['2027-02-14', '2027-02-20']);
    expect(y.names?.['2027-02-07']).toBe('春节');
    expect(y.names?.['2027-02-14']).toBe('春节');
  });

  it('a range across a year end lands in both years', () => {
    const { years } = parseCalendarFile('holiday 2026-12-31..2027-01-02');
    expect(years.get(2026)?.holidays).toEqual(['2026-12-31']);
    expect(years.get(2027)?.holidays).toEqual(['2027-01-01', '2027-01-02']);
  });

  it('checkYearDays refuses a weekday as a make-up day, a day both ways, a day of another year', () => {
    expect(checkYearDays(2027, { holidays: ['2027-01-01'], workdays: ['2027-01-09'] })).toEqual([]);
    const texts = checkYearDays(2027, { holidays: ['2027-01-09', '2028-01-01'], workdays: ['2027-01-09', '2027-01-04'] }).map((p) => p.text.zh);
    expect(texts).toEqual([
      '2028-01-01 不在 2027 年',
      '2027-01-09 既是放假日又是上班日',
      '2027-01-04 是星期一，本来就是工作日；调休上班日应为周六或周日',
    ]);
  });

  it('mergeYearDays: the later statement wins, lists sorted without repeats', () => {
    expect(mergeYearDays(
      { holidays: ['2027-01-02', '2027-01-01'], workdays: ['2027-01-09'] },
      { holidays: ['2027-01-09', '2027-01-01'], workdays: ['2027-01-02'], names: { '2027-01-09': 'x' } },
    )).toEqual({ holidays: ['2027-01-01', '2027-01-09'], workdays: ['2027-01-02'], names: { '2027-01-09': 'x' } });
  });

  it('yearDaysFromJson keeps only dates of that year', () => {
    expect(yearDaysFromJson(2027, JSON.stringify({ holidays: ['2027-01-01', '2026-01-01', 5], workdays: ['2027-01-09'], names: { '2027-01-01': '元旦' } })))
      .toEqual({ holidays: ['2027-01-01'], workdays: ['2027-01-09'], names: { '2027-01-01': '元旦' } });
    expect(yearDaysFromJson(2027, 'not json')).toBeUndefined();
  });

  it('dayRuns groups consecutive days', () => {
    expect(dayRuns(['2027-01-03', '2027-01-01', '2027-01-02', '2027-02-05', '2027-01-02'])).toEqual([['2027-01-01', '2027-01-03'], ['2027-02-05', '2027-02-05']]);
  });
});

import { describe, it, expect } from 'vitest';
import { businessMonthOf, comparisonOf, parsePeriod, periodLabel, periodMonths, precedingPeriod, readPeriod, yearEarlier } from '../../src/domain/periods.js';
import { addDays, addMonths } from '../../src/domain/dates.js';
import { XinfangError } from '../../src/domain/errors.js';

const today = '2016-06-21';
const range = (input: string, monthStartDay?: number, t = today) => {
  const p = parsePeriod(input, { today: t, monthStartDay });
  return p && { kind: p.kind, from: p.from, to: p.to };
};

describe('parsePeriod: calendar months', () => {
  it.each([
    ['2016', 'year', '2016-01-01', '2016-12-31'],
    ['2016-H1', 'half', '2016-01-01', '2016-06-30'],
    ['2016-h1', 'half', '2016-01-01', '2016-06-30'],
    ['2016H2', 'half', '2016-07-01', '2016-12-31'],
    ['2016-H2', 'half', '2016-07-01', '2016-12-31'],
    ['2016-Q1', 'quarter', '2016-01-01', '2016-03-31'],
    ['2016-Q2', 'quarter', '2016-04-01', '2016-06-30'],
    ['2016-Q3', 'quarter', '2016-07-01', '2016-09-30'],
    ['2016-Q4', 'quarter', '2016-10-01', '2016-12-31'],
    ['2016-06', 'month', '2016-06-01', '2016-06-30'],
    ['2016-6', 'month', '2016-06-01', '2016-06-30'],
    ['2016-02', 'month', '2016-02-01', '2016-02-29'],
    ['2015-02', 'month', '2015-02-01', '2015-02-28'],
    ['2016-12', 'month', '2016-12-01', '2016-12-31'],
    ['2016年6月', 'month', '2016-06-01', '2016-06-30'],
    ['2016/06', 'month', '2016-06-01', '2016-06-30'],
    ['2016.6', 'month', '2016-06-01', '2016-06-30'],
    ['2016年', 'year', '2016-01-01', '2016-12-31'],
    ['2016年上半年', 'half', '2016-01-01', '2016-06-30'],
    ['2016年下半年', 'half', '2016-07-01', '2016-12-31'],
    ['2016年第二季度', 'quarter', '2016-04-01', '2016-06-30'],
    ['2016年四季度', 'quarter', '2016-10-01', '2016-12-31'],
    ['2016年第1季度', 'quarter', '2016-01-01', '2016-03-31'],
    ['２０１６－Ｑ２', 'quarter', '2016-04-01', '2016-06-30'],
    ['2016-01-01..2016-06-21', 'range', '2016-01-01', '2016-06-21'],
    ['2016/1/1..2016/6/21', 'range', '2016-01-01', '2016-06-21'],
    ['2016-01-01 至 2016-06-21', 'range', '2016-01-01', '2016-06-21'],
    ['2016-06-21..2016-06-21', 'range', '2016-06-21', '2016-06-21'],
  ])('%s → %s %s..%s', (input, kind, from, to) => {
    expect(range(input)).toEqual({ kind, from, to });
  });

  it('records the year and months of calendar-shaped periods', () => {
    expect(parsePeriod('2016-Q2', { today })).toMatchObject({ year: 2016, months: [4, 6] });
    expect(parsePeriod('2016-H2', { today })).toMatchObject({ year: 2016, months: [7, 12] });
    expect(parsePeriod('2016', { today })).toMatchObject({ year: 2016, months: [1, 12] });
    expect(parsePeriod('2016-06', { today })).toMatchObject({ year: 2016, months: [6, 6] });
  });

  it('ytd runs from 1 January to today', () => {
    expect(range('ytd')).toEqual({ kind: 'ytd', from: '2016-01-01', to: '2016-06-21' });
    expect(range('YTD', undefined, '2017-01-01')).toEqual({ kind: 'ytd', from: '2017-01-01', to: '2017-01-01' });
    expect(range('ytd', undefined, '2016-12-31')).toEqual({ kind: 'ytd', from: '2016-01-01', to: '2016-12-31' });
  });
});

describe('parsePeriod: business month starting on the 21st (SPEC 6.1)', () => {
  it.each([
    ['2016-06', 'month', '2016-05-21', '2016-06-20'],
    ['2016-01', 'month', '2015-12-21', '2016-01-20'],
    ['2016-12', 'month', '2016-11-21', '2016-12-20'],
    ['2016-03', 'month', '2016-02-21', '2016-03-20'],
    ['2016', 'year', '2015-12-21', '2016-12-20'],
    ['2016-Q1', 'quarter', '2015-12-21', '2016-03-20'],
    ['2016-Q2', 'quarter', '2016-03-21', '2016-06-20'],
    ['2016-Q4', 'quarter', '2016-09-21', '2016-12-20'],
    ['2016-H1', 'half', '2015-12-21', '2016-06-20'],
    ['2016-H2', 'half', '2016-06-21', '2016-12-20'],
    // an explicit range is taken as written
    ['2016-01-01..2016-06-21', 'range', '2016-01-01', '2016-06-21'],
  ])('%s → %s %s..%s', (input, kind, from, to) => {
    expect(range(input, 21)).toEqual({ kind, from, to });
  });

  it('consecutive months tile without gaps', () => {
    for (let m = 1; m < 12; m++) {
      const a = parsePeriod(`2016-${m}`, { today, monthStartDay: 21 })!;
      const b = parsePeriod(`2016-${m + 1}`, { today, monthStartDay: 21 })!;
      const next = new Date(Date.parse(a.to + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
      expect(b.from).toBe(next);
    }
  });

  it('ytd starts on the business year’s first day', () => {
    expect(range('ytd', 21, '2016-06-21')).toEqual({ kind: 'ytd', from: '2015-12-21', to: '2016-06-21' });
    // 2016-12-25 already belongs to business year 2017
    expect(range('ytd', 21, '2016-12-25')).toEqual({ kind: 'ytd', from: '2016-12-21', to: '2016-12-25' });
    expect(parsePeriod('ytd', { today: '2016-12-25', monthStartDay: 21 })!.year).toBe(2017);
    expect(range('ytd', 21, '2016-12-20')).toEqual({ kind: 'ytd', from: '2015-12-21', to: '2016-12-20' });
  });

  it('monthStartDay 1 is the calendar month', () => {
    expect(range('2016-06', 1)).toEqual({ kind: 'month', from: '2016-06-01', to: '2016-06-30' });
  });
});

describe('parsePeriod: invalid input', () => {
  it.each([
    '', 'abc', 'last year', '2016-13', '2016-0', '2016-H3', '2016-H0', '2016-Q5', '2016-Q0', '16', '2016年第五季度', '2016年中半年', '2016/13',
    '2016-06-21..2016-01-01', '2016-02-30..2016-03-01', '2016-01-01..', '..2016-01-01', '2016-01-01..tomorrow',
  ])('%j → undefined', (input) => {
    expect(parsePeriod(input, { today })).toBeUndefined();
    expect(parsePeriod(input, { today, monthStartDay: 21 })).toBeUndefined();
  });
});

describe('periods: edges found in review', () => {
  it('refuses years outside 1949-2100', () => {
    expect(parsePeriod('0000', { today: '2016-06-21' })).toBeUndefined();
    expect(parsePeriod('3000-Q1', { today: '2016-06-21' })).toBeUndefined();
  });
  it('a business month start past 28 is read as 28, never an impossible date', () => {
    expect(parsePeriod('2016-03', { today: '2016-06-21', monthStartDay: 31 })).toMatchObject({ from: '2016-02-28', to: '2016-03-27' });
  });
  it('a range may carry times', () => {
    expect(parsePeriod('2016-01-01T08:00..2016-06-21', { today: '2016-06-21' })).toMatchObject({ from: '2016-01-01', to: '2016-06-21' });
  });
});

describe('readPeriod: bad forms are usage errors listing the accepted forms', () => {
  const refusal = (input: string) => {
    try {
      readPeriod('--period', input, { today });
    } catch (e) {
      expect((e as XinfangError).exitCode).toBe(2);
      return (e as XinfangError).text;
    }
    throw new Error(`${input} was accepted`);
  };
  it.each([
    ['2016-13', '月份须在 01 至 12 之间'],
    ['2016-Q5', '季度须为 Q1 至 Q4'],
    ['2016-H3', '半年须为 H1 或 H2'],
    ['1016', '年份须在 1949 至 2100 之间'],
    ['2016-06-21..2016-01-01', '起日 2016-06-21 晚于止日 2016-01-01'],
    ['2016-02-30..2016-03-01', '“2016-02-30”日期不存在'],
    ['last year', '不是期间'],
  ])('%s: %s', (input, why) => {
    const t = refusal(input);
    expect(t.zh).toBe(`--period “${input}”：${why}（可用：2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd）`);
    expect(t.en).toContain('(accepted: 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd)');
  });
  it('returns the period', () => {
    expect(readPeriod('--period', '2016-06', { today, monthStartDay: 21 })).toMatchObject({ from: '2016-05-21', to: '2016-06-20' });
  });
});

describe('business months across a year end', () => {
  it('year 2017 with start day 21 begins in December 2016', () => {
    expect(range('2017', 21)).toEqual({ kind: 'year', from: '2016-12-21', to: '2017-12-20' });
    expect(range('2017-01', 21)).toEqual({ kind: 'month', from: '2016-12-21', to: '2017-01-20' });
  });
  it('a date on or after the start day belongs to the next business month', () => {
    expect(businessMonthOf('2016-05-25', 21)).toEqual({ year: 2016, month: 6 });
    expect(businessMonthOf('2016-05-20', 21)).toEqual({ year: 2016, month: 5 });
    expect(businessMonthOf('2016-12-21', 21)).toEqual({ year: 2017, month: 1 });
    expect(businessMonthOf('2016-12-31', 1)).toEqual({ year: 2016, month: 12 });
  });
});

const cmp = (input: string, kind: 'yoy' | 'mom', monthStartDay?: number) => {
  const c = comparisonOf(parsePeriod(input, { today, monthStartDay })!, kind);
  return { kind: c.period.kind, from: c.period.from, to: c.period.to, label: periodLabel(c.period) };
};

describe('--compare yoy: the same period a year earlier', () => {
  it.each([
    ['2016', undefined, 'year', '2015-01-01', '2015-12-31', '2015'],
    ['2016-H1', undefined, 'half', '2015-01-01', '2015-06-30', '2015-H1'],
    ['2016-Q2', undefined, 'quarter', '2015-04-01', '2015-06-30', '2015-Q2'],
    ['2016-02', undefined, 'month', '2015-02-01', '2015-02-28', '2015-02'],
    ['2016-01-01..2016-06-21', undefined, 'range', '2015-01-01', '2015-06-21', '2015-01-01..2015-06-21'],
    ['2016-02-01..2016-02-29', undefined, 'range', '2015-02-01', '2015-02-28', '2015-02-01..2015-02-28'],
    ['2016', 21, 'year', '2014-12-21', '2015-12-20', '2015'],
    ['2016-01', 21, 'month', '2014-12-21', '2015-01-20', '2015-01'],
    ['ytd', undefined, 'ytd', '2015-01-01', '2015-06-21', '2015-01-01..2015-06-21'],
    ['ytd', 21, 'ytd', '2014-12-21', '2015-06-21', '2014-12-21..2015-06-21'],
  ])('%s (start day %s) → %s %s..%s', (input, d, kind, from, to, label) => {
    expect(cmp(input, 'yoy', d)).toEqual({ kind, from, to, label });
  });

  it('shifts the as-of date by twelve months, month ends to month ends', () => {
    const c = yearEarlier(parsePeriod('2016-H1', { today })!);
    expect(c.shift('2016-06-30')).toBe('2015-06-30');
    expect(c.shift('2016-02-29')).toBe('2015-02-28');
    expect(c.shift('2016-04-15')).toBe('2015-04-15');
  });

  it('ytd in late December of a shifted business year compares with the year before', () => {
    const p = parsePeriod('ytd', { today: '2016-12-25', monthStartDay: 21 })!;
    expect(yearEarlier(p).period).toMatchObject({ kind: 'ytd', from: '2015-12-21', to: '2015-12-25', year: 2016 });
  });
});

describe('--compare mom: the preceding period of equal kind', () => {
  it.each([
    ['2016-06', undefined, 'month', '2016-05-01', '2016-05-31', '2016-05'],
    ['2016-01', undefined, 'month', '2015-12-01', '2015-12-31', '2015-12'],
    ['2016-03', undefined, 'month', '2016-02-01', '2016-02-29', '2016-02'],
    ['2016-Q1', undefined, 'quarter', '2015-10-01', '2015-12-31', '2015-Q4'],
    ['2016-Q3', undefined, 'quarter', '2016-04-01', '2016-06-30', '2016-Q2'],
    ['2016-H1', undefined, 'half', '2015-07-01', '2015-12-31', '2015-H2'],
    ['2016-H2', undefined, 'half', '2016-01-01', '2016-06-30', '2016-H1'],
    ['2016', undefined, 'year', '2015-01-01', '2015-12-31', '2015'],
    ['2016-01', 21, 'month', '2015-11-21', '2015-12-20', '2015-12'],
    ['2016-Q1', 21, 'quarter', '2015-09-21', '2015-12-20', '2015-Q4'],
    ['2016-H1', 21, 'half', '2015-06-21', '2015-12-20', '2015-H2'],
    // a range: equal length just before (10 days → the 10 days before)
    ['2016-01-01..2016-01-10', undefined, 'range', '2015-12-22', '2015-12-31', '2015-12-22..2015-12-31'],
    ['ytd', undefined, 'range', '2015-07-12', '2015-12-31', '2015-07-12..2015-12-31'], // 173 days,
  ])('%s (start day %s) → %s %s..%s', (input, d, kind, from, to, label) => {
    expect(cmp(input, 'mom', d)).toEqual({ kind, from, to, label });
  });

  it('shifts the as-of date alike: period ends to period ends', () => {
    const march = precedingPeriod(parsePeriod('2016-03', { today })!);
    expect(march.shift('2016-03-31')).toBe('2016-02-29');
    expect(march.shift('2016-03-15')).toBe('2016-02-15');
    const q = precedingPeriod(parsePeriod('2016-Q3', { today })!);
    expect(q.shift('2016-09-30')).toBe('2016-06-30');
    const r = precedingPeriod(parsePeriod('2016-01-01..2016-01-10', { today })!);
    expect(r.shift('2016-01-10')).toBe('2015-12-31');
    const b = precedingPeriod(parsePeriod('2016-01', { today, monthStartDay: 21 })!);
    expect(b.shift('2016-01-20')).toBe('2015-12-20');
  });

  it('the previous period ends the day before the current one starts (calendar and business months)', () => {
    for (const d of [1, 21, 28]) {
      for (const input of ['2016-01', '2016-07', '2016-Q1', '2016-Q4', '2016-H1', '2016-H2', '2016']) {
        const p = parsePeriod(input, { today, monthStartDay: d })!;
        expect(precedingPeriod(p).period.to, `${input} d=${d}`).toBe(addDays(p.from, -1));
        expect(precedingPeriod(p).shift(p.to), `${input} d=${d}`).toBe(precedingPeriod(p).period.to);
        expect(yearEarlier(p).shift(p.to), `${input} d=${d}`).toBe(yearEarlier(p).period.to);
        expect(yearEarlier(p).shift(p.from), `${input} d=${d}`).toBe(yearEarlier(p).period.from);
      }
    }
  });
});

describe('periodMonths: the monthly series', () => {
  const months = (input: string, d?: number) => periodMonths(parsePeriod(input, { today, monthStartDay: d })!);
  it('a half year has six calendar months', () => {
    expect(months('2016-H1').map((m) => m.month)).toEqual(['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06']);
    expect(months('2016-H1')[1]).toEqual({ month: '2016-02', from: '2016-02-01', to: '2016-02-29' });
  });
  it('business months across a year end', () => {
    expect(months('2016-Q1', 21)).toEqual([
      { month: '2016-01', from: '2015-12-21', to: '2016-01-20' },
      { month: '2016-02', from: '2016-01-21', to: '2016-02-20' },
      { month: '2016-03', from: '2016-02-21', to: '2016-03-20' },
    ]);
    expect(months('2016', 21)).toHaveLength(12);
  });
  it('a range is clipped at both ends', () => {
    expect(months('2016-01-15..2016-03-10')).toEqual([
      { month: '2016-01', from: '2016-01-15', to: '2016-01-31' },
      { month: '2016-02', from: '2016-02-01', to: '2016-02-29' },
      { month: '2016-03', from: '2016-03-01', to: '2016-03-10' },
    ]);
    expect(months('2016-05-25..2016-06-25', 21).map((m) => [m.month, m.from, m.to])).toEqual([
      ['2016-06', '2016-05-25', '2016-06-20'],
      ['2016-07', '2016-06-21', '2016-06-25'],
    ]);
  });
});

describe('addMonths', () => {
  it.each([
    ['2016-03-31', -1, '2016-02-29'],
    ['2016-04-30', -1, '2016-03-31'],
    ['2016-02-29', -12, '2015-02-28'],
    ['2015-02-28', 12, '2016-02-29'],
    ['2016-01-15', -1, '2015-12-15'],
    ['2016-12-20', 1, '2017-01-20'],
    ['2016-05-21', -6, '2015-11-21'],
  ])('%s %+d months → %s', (from, n, to) => {
    expect(addMonths(from, n)).toBe(to);
  });
});

import { describe, it, expect } from 'vitest';
import { parsePeriod } from '../../src/domain/periods.js';

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
    '', 'abc', 'last year', '2016-13', '2016-0', '2016-H3', '2016-H0', '2016-Q5', '2016-Q0', '16',
    '2016-06-21..2016-01-01', '2016-02-30..2016-03-01', '2016-01-01..', '..2016-01-01', '2016-01-01..tomorrow',
  ])('%j → undefined', (input) => {
    expect(parsePeriod(input, { today })).toBeUndefined();
    expect(parsePeriod(input, { today, monthStartDay: 21 })).toBeUndefined();
  });
});

describe('periods: edges found in review', () => {
  it('refuses years outside 1900-2999', () => {
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

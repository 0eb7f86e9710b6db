import { describe, it, expect } from 'vitest';
import { parseDate, addDays, daysBetween, isIsoDate, isValidYmd, daysInMonth, yearOf } from '../../src/domain/dates.js';

const ok = (input: string) => {
  const r = parseDate(input);
  expect(r, input).toEqual({ ok: true, date: expect.any(String) });
  return r.ok ? r.date : undefined;
};

describe('parseDate: accepted forms', () => {
  it.each([
    ['2016-06-21', '2016-06-21'],
    ['2016-6-21', '2016-06-21'],
    ['2016/6/21', '2016-06-21'],
    ['2016/06/21', '2016-06-21'],
    ['2016.6.21', '2016-06-21'],
    ['2016年6月21日', '2016-06-21'],
    ['2016年06月21日', '2016-06-21'],
    ['2016年6月21', '2016-06-21'],
    ['2016年6月21号', '2016-06-21'],
    ['20160621', '2016-06-21'],
    ['  2016-06-21  ', '2016-06-21'],
    ['2016-01-05', '2016-01-05'],
    ['2016/1/5', '2016-01-05'],
  ])('%s → %s', (input, iso) => {
    expect(ok(input)).toBe(iso);
  });

  it.each([
    ['2016-06-21 14:30', '2016-06-21'],
    ['2016/6/21 9:05:00', '2016-06-21'],
    ['2016-06-21T08:00:00Z', '2016-06-21'],
    ['2016-06-21T08:00:00.000+08:00', '2016-06-21'],
    ['2016年6月21日 14时30分', '2016-06-21'],
    ['2016年6月21日14时30分', '2016-06-21'],
    ['2016-06-21t08:00:00z', '2016-06-21'],
    ['2016年6月21日 9点', '2016-06-21'],
    ['2016.6.21 23:59:59', '2016-06-21'],
    ['20160621 08:00', '2016-06-21'],
  ])('with a time: %s → %s', (input, iso) => {
    expect(ok(input)).toBe(iso);
  });

  it.each([
    ['２０１６－０６－２１', '2016-06-21'],
    ['２０１６年６月２１日', '2016-06-21'],
    ['２０１６／６／２１', '2016-06-21'],
    ['　2016-06-21　', '2016-06-21'],
  ])('full-width: %s → %s', (input, iso) => {
    expect(ok(input)).toBe(iso);
  });
});

describe('parseDate: rejected', () => {
  it.each(['2016-02-30', '2015-02-29', '2016-13-01', '2016-00-10', '2016-04-31', '2016年2月30日', '20160230', '2016/6/31'])(
    '%s does not exist (calendar)',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, reason: 'calendar' });
    },
  );

  it('2016-02-29 exists but 2015-02-29 does not', () => {
    expect(parseDate('2016-02-29')).toEqual({ ok: true, date: '2016-02-29' });
    expect(parseDate('2015-02-29')).toEqual({ ok: false, reason: 'calendar' });
    expect(parseDate('2000-02-29')).toEqual({ ok: true, date: '2000-02-29' });
    expect(parseDate('2100-02-29')).toEqual({ ok: false, reason: 'calendar' });
  });

  it.each(['', 'yesterday', '21/06/2016', '2016-06', '2016', '16-06-21', '2016-06/21', '2016.06-21', '201606211', '2016-06-21 noon', 'abc 2016-06-21', '2016--06-21'])(
    '%j is not a date (format)',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, reason: 'format' });
    },
  );
});

describe('calendar helpers', () => {
  it('daysInMonth knows leap years', () => {
    expect(daysInMonth(2016, 2)).toBe(29);
    expect(daysInMonth(2015, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2016, 12)).toBe(31);
    expect(daysInMonth(2016, 4)).toBe(30);
  });
  it('isValidYmd / isIsoDate', () => {
    expect(isValidYmd(2016, 2, 29)).toBe(true);
    expect(isValidYmd(2016, 2, 30)).toBe(false);
    expect(isValidYmd(2016, 0, 1)).toBe(false);
    expect(isIsoDate('2016-06-21')).toBe(true);
    expect(isIsoDate('2016-6-21')).toBe(false);
    expect(isIsoDate('2015-02-29')).toBe(false);
    expect(yearOf('2016-06-21')).toBe(2016);
  });
});

describe('addDays', () => {
  it.each([
    ['2016-06-21', 0, '2016-06-21'],
    ['2016-06-21', 1, '2016-06-22'],
    ['2016-06-30', 1, '2016-07-01'],
    ['2016-07-01', -1, '2016-06-30'],
    ['2016-12-31', 1, '2017-01-01'],
    ['2017-01-01', -1, '2016-12-31'],
    ['2016-02-28', 1, '2016-02-29'],
    ['2016-02-29', 1, '2016-03-01'],
    ['2015-02-28', 1, '2015-03-01'],
    ['2016-03-01', -1, '2016-02-29'],
    ['2016-01-01', 366, '2017-01-01'],
    ['2015-01-01', 365, '2016-01-01'],
    ['2016-01-31', 30, '2016-03-01'],
    // across the DST changes of zones that have them: UTC arithmetic keeps whole days
    ['2016-03-26', 2, '2016-03-28'],
    ['2016-10-29', 2, '2016-10-31'],
  ])('%s %+d → %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2016-06-21', '2016-06-21', 0],
    ['2016-06-21', '2016-06-22', 1],
    ['2016-06-22', '2016-06-21', -1],
    ['2016-02-28', '2016-03-01', 2],
    ['2015-02-28', '2015-03-01', 1],
    ['2016-12-31', '2017-01-01', 1],
    ['2016-01-01', '2017-01-01', 366],
    ['2015-01-01', '2016-01-01', 365],
    ['2016-01-01', '2016-06-21', 172],
  ])('%s → %s is %d', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-400, -31, -1, 0, 1, 29, 59, 365, 1000]) {
      expect(daysBetween('2016-02-29', addDays('2016-02-29', n))).toBe(n);
    }
  });
});

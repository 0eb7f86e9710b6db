import { describe, it, expect } from 'vitest';
import { parseDate, addDays, daysBetween, isIsoDate, isValidYmd, daysInMonth, yearOf, readDate, readDateRange } from '../../src/domain/dates.js';
import { XinfangError } from '../../src/domain/errors.js';

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

describe('parseDate: forms clerks and spreadsheets write (issue 12)', () => {
  it.each([
    ['2016 年 6 月 3 日', '2016-06-03'],
    ['2016 年6月3日', '2016-06-03'],
    ['2016年6月3日 上午9时', '2016-06-03'],
    ['2016年6月3日上午9时', '2016-06-03'],
    ['2016年6月3日 下午3点', '2016-06-03'],
    ['2016年6月3日 下午3点30分', '2016-06-03'],
    ['2016年6月3日 上午9点半', '2016-06-03'],
    ['2016/6/3 0:00', '2016-06-03'],
    ['2016/6/3 9:00 AM', '2016-06-03'],
    ['２０１６ 年 ６ 月 ３ 日', '2016-06-03'],
    ['２０１６年６月３日　下午３点', '2016-06-03'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ ok: true, date: iso });
  });

  it.each(['2016年6月3日 下午', '2016年6月3日 上午九时', '2016/6/3 0:00 noon'])('%j is still not a date', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('a bare number 20000..80000 is an Excel serial date, refused with the date it stands for', () => {
    expect(parseDate('42524')).toEqual({ ok: false, reason: 'excel-serial', serial: 42524, date: '2016-06-03' });
    expect(parseDate('42524.375')).toMatchObject({ reason: 'excel-serial', date: '2016-06-03' });
    expect(parseDate('４２５２４')).toMatchObject({ reason: 'excel-serial', date: '2016-06-03' });
    expect(parseDate('43831')).toMatchObject({ date: '2020-01-01' });
    expect(parseDate('19999')).toEqual({ ok: false, reason: 'format' });
    expect(parseDate('80001')).toEqual({ ok: false, reason: 'format' });
  });

  it('a year outside 1949..2100 is refused as out of range, not as a missing day', () => {
    expect(parseDate('1016-06-03')).toEqual({ ok: false, reason: 'range', year: 1016 });
    expect(parseDate('2101-01-01')).toEqual({ ok: false, reason: 'range', year: 2101 });
    expect(parseDate('1948年12月31日')).toEqual({ ok: false, reason: 'range', year: 1948 });
    expect(parseDate('1949-01-01')).toEqual({ ok: true, date: '1949-01-01' });
    expect(parseDate('2100-12-31')).toEqual({ ok: true, date: '2100-12-31' });
  });
});

describe('readDate: one message for every date option', () => {
  const refusal = (value: string) => {
    try {
      readDate('--received', value);
    } catch (e) {
      expect(e).toBeInstanceOf(XinfangError);
      const x = e as XinfangError;
      expect(x.exitCode).toBe(2);
      return { zh: x.text.zh, en: x.text.en, hint: x.hint };
    }
    throw new Error(`${value} was accepted`);
  };

  it('returns the ISO date', () => {
    expect(readDate('--on', '2016年6月3日 下午3点')).toBe('2016-06-03');
  });
  it('names the accepted year range', () => {
    const r = refusal('1016-06-03');
    expect(r.zh).toBe('--received “1016-06-03”：年份须在 1949 至 2100 之间');
    expect(r.en).toContain('between 1949 and 2100');
  });
  it('says an Excel serial is one and which date it would be', () => {
    const r = refusal('42524');
    expect(r.zh).toContain('Excel 的日期序列号（即 2016-06-03）');
    expect(r.en).toBe(`--received "42524": looks like an Excel serial date (2016-06-03), not a date`);
    expect(r.hint?.zh).toContain('写成 2016-06-03');
  });
  it('a missing day and a non-date say so', () => {
    expect(refusal('2016-02-30').zh).toBe('--received “2016-02-30”：日期不存在');
    expect(refusal('yesterday').zh).toContain('不是日期（可用：2016-06-21、');
  });
});

describe('readDateRange', () => {
  it('reads both ends and refuses a range ending before it starts', () => {
    expect(readDateRange({ flag: '--from', value: '2016/6/1' }, { flag: '--to', value: '2016年7月1日' })).toEqual({ from: '2016-06-01', to: '2016-07-01' });
    expect(readDateRange({ flag: '--from', value: undefined }, { flag: '--to', value: '2016-07-01' })).toEqual({ from: undefined, to: '2016-07-01' });
    expect(() => readDateRange({ flag: '--from', value: '2016-07-01' }, { flag: '--to', value: '2016-06-01' })).toThrow('--from 2016-07-01 is after --to 2016-06-01');
  });
});

import { describe, expect, it } from 'vitest';
import { XinfangError } from '../../src/domain/errors.js';
import {
  DISPOSAL_CODES, buildReport, change, checkInvariant, formatPercent, groupFigures, orderRows, percentTenths, rateChange, ratio,
  roundedFraction, shareRows, type GroupCounts,
} from '../../src/domain/report.js';
import { SUGGESTED_RANKS } from '../../src/domain/vocabulary.js';
import { breakdownInput } from '../fixtures/report-breakdown.js';
import { counts } from '../fixtures/report-helpers.js';
import { workedInput } from '../fixtures/report-worked.js';
import { zerosInput } from '../fixtures/report-zeros.js';

describe('group figures (SPEC 6.1)', () => {
  it('computes the worked example: superior eligible 9 at 100%, local eligible 30 at 100%', () => {
    const r = buildReport(workedInput);
    expect(r.groups.superior).toMatchObject({ received: 35, duplicates: 18, outOfScope: 5, pending: 3, eligible: 9, verified: 9, verificationRate: 1 });
    expect(r.groups.local).toMatchObject({ received: 36, duplicates: 1, pending: 1, eligible: 30, verified: 30, verificationRate: 1 });
    expect(r.groups.local.disposals).toEqual({ 'file-case': 4, verify: 30, inquire: 0, hold: 0, close: 0 });
    expect(r.groups.all).toMatchObject({ received: 71, duplicates: 19, eligible: 39, verified: 39, verificationRate: 1, overdue: 3 });
    expect(r.compare!.change.local.received).toBeCloseTo(-26 / 62, 12);
    expect(formatPercent(r.compare!.change.local.received)).toBe('-41.9%');
  });

  it('keeps the JSON keys of the SPEC in its order', () => {
    const r = buildReport(workedInput);
    expect(Object.keys(r)).toEqual(['period', 'groups', 'compare', 'sanctions', 'activities', 'monthly', 'repeat', 'breakdown', 'analysis']);
    expect(Object.keys(r.period)).toEqual(['from', 'to', 'asOf', 'knownAt', 'kind', 'settings']);
    expect(Object.keys(r.groups)).toEqual(['superior', 'local', 'all']);
    expect(Object.keys(r.groups.local)).toEqual([
      'received', 'duplicates', 'outOfScope', 'noSubstance', 'pending', 'disposals', 'eligible', 'verified', 'verificationRate',
      'concluded', 'onTime', 'onTimeRate', 'realName', 'replied', 'overdue',
    ]);
    expect(Object.keys(r.groups.local.disposals)).toEqual(DISPOSAL_CODES);
    expect(Object.keys(r.compare!)).toEqual(['kind', 'period', 'groups', 'change']);
    expect(Object.keys(r.compare!.change.all)).toEqual(Object.keys(r.groups.all));
  });

  it('has no rate when nothing is eligible, and rates on-time against concluded items with a deadline', () => {
    const g = groupFigures('local', counts({ duplicates: 2, pending: 1, disposals: { 'file-case': 3 }, concluded: 3, concludedWithDeadline: 2, onTime: 1 }));
    expect(g.eligible).toBe(0);
    expect(g.verificationRate).toBeNull();
    expect(g.onTimeRate).toBe(0.5);
    expect(groupFigures('x', counts({})).onTimeRate).toBeNull();
  });

  it('counts inquire, hold and close as eligible but not verified', () => {
    const g = groupFigures('local', counts({ disposals: { verify: 3, inquire: 2, hold: 1, close: 2, 'file-case': 1 } }));
    expect(g.eligible).toBe(8);
    expect(g.verificationRate).toBe(3 / 8);
  });
});

describe('the invariant', () => {
  it('throws an internal error naming the group when the parts do not add up', () => {
    const broken: GroupCounts = { ...counts({ duplicates: 2, disposals: { verify: 3 } }), received: 6 };
    let err: unknown;
    try { checkInvariant('superior', broken); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(XinfangError);
    expect((err as XinfangError).kind).toBe('internal');
    expect((err as XinfangError).exitCode).toBe(1);
    expect((err as XinfangError).text.zh).toContain('superior');
    expect((err as XinfangError).text.en).toContain('group superior: received 6');
    expect(() => buildReport({ ...workedInput, groups: { ...workedInput.groups, local: broken } })).toThrow(/group local/);
  });

  it('refuses negative or fractional counts and parts larger than their whole', () => {
    expect(() => checkInvariant('all', { ...counts({}), overdue: -1 })).toThrow(/overdue/);
    expect(() => checkInvariant('all', { ...counts({ pending: 1 }), pending: 0.5 })).toThrow(/pending/);
    expect(() => checkInvariant('all', counts({ realName: 1, replied: 2 }))).toThrow(/replied/);
    expect(() => checkInvariant('all', counts({ concluded: 2, concludedWithDeadline: 2, onTime: 3 }))).toThrow(/onTime/);
  });

  it('agrees with eligible on random counts (property)', () => {
    let seed = 20160621;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const disposals = Object.fromEntries(DISPOSAL_CODES.map((d) => [d, rand(4) === 0 ? 0 : rand(50)])) as GroupCounts['disposals'];
      const parts = { duplicates: rand(30), outOfScope: rand(10), noSubstance: rand(5), pending: rand(10) };
      const c = counts({ ...parts, disposals });
      const sum = parts.duplicates + parts.outOfScope + parts.noSubstance + parts.pending + Object.values(disposals).reduce((a, b) => a + b, 0);
      expect(c.received).toBe(sum);
      const g = groupFigures('all', c);
      // eligible by the SPEC's formula equals the non-file-case disposals exactly when the invariant holds
      expect(g.eligible).toBe(disposals.verify + disposals.inquire + disposals.hold + disposals.close);
      expect(g.eligible).toBeGreaterThanOrEqual(0);
      expect(g.verificationRate).toBe(g.eligible === 0 ? null : disposals.verify / g.eligible);
      // any count moved by one breaks it
      const off = rand(2) === 0 ? 1 : -1;
      if (c.received + off >= 0) expect(() => checkInvariant('all', { ...c, received: c.received + off })).toThrow(/received/);
    }
  });
});

describe('change', () => {
  it('is relative for counts and null from nothing', () => {
    expect(change(36, 62)).toBeCloseTo(-0.41935, 5);
    expect(change(5, 0)).toBeNull();
    expect(change(0, 0)).toBeNull();
    expect(change(0, 4)).toBe(-1);
    expect(change(4, 4)).toBe(0);
  });

  it('is the difference for rates', () => {
    expect(rateChange(1, 0.75)).toBe(0.25);
    expect(rateChange(null, 0.75)).toBeNull();
    expect(rateChange(0.5, null)).toBeNull();
  });

  it('covers every figure of the comparison, with a zero previous period giving null', () => {
    const r = buildReport(zerosInput);
    const ch = r.compare!.change.local;
    for (const [k, v] of Object.entries(ch)) {
      if (k === 'disposals') for (const d of Object.values(v as object)) expect(d).toBeNull();
      else expect(v, k).toBeNull();
    }
  });
});

describe('percentages (one decimal, half away from zero)', () => {
  it('rounds the SPEC cases', () => {
    expect(formatPercent(-0.4194)).toBe('-41.9%');
    expect(formatPercent(-0.41935483870967744)).toBe('-41.9%');
    expect(formatPercent(-0.4195)).toBe('-42.0%');
    expect(formatPercent(0.4195)).toBe('42.0%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('');
  });

  it('is not fooled by binary floating point', () => {
    // Binary traps a naive formatter falls into: 0.4195 * 100 is 41.949999999999996 (toFixed(1) says 41.9),
    // 0.5005 * 1000 is 500.49999999999994 (Math.round says 500), Math.round(-419.5) is -419.
    expect((0.4195 * 100).toFixed(1)).toBe('41.9');
    expect(0.5005 * 1000).toBeLessThan(500.5);
    expect(Math.round(-0.4195 * 1000)).toBe(-419);
    expect(percentTenths(0.4195)).toBe(420);
    expect(percentTenths(-0.4195)).toBe(-420);
    expect(formatPercent(0.5005)).toBe('50.1%');
    // 0.41945 is 41.945%: 41.9%, not 42.0% by rounding twice
    expect(formatPercent(0.41945)).toBe('41.9%');
    expect(formatPercent(-0.41945)).toBe('-41.9%');
    expect(formatPercent(0.0005)).toBe('0.1%');
    expect(formatPercent(-0.00049)).toBe('0.0%');
    expect(formatPercent(1.0005)).toBe('100.1%');
    expect(formatPercent(0.0125)).toBe('1.3%');
    expect(formatPercent(0.2345)).toBe('23.5%');
    // every k/1000 + 1/2000 (an exact half in decimal) rounds up in magnitude
    for (let k = 0; k < 2000; k++) {
      const x = (2 * k + 1) / 2000;
      expect(percentTenths(x), String(x)).toBe(k + 1);
      expect(percentTenths(-x), String(-x)).toBe(-(k + 1));
    }
  });

  it('signs and drops signs on request', () => {
    expect(formatPercent(0.125, { signed: true })).toBe('+12.5%');
    expect(formatPercent(-0.419, { absolute: true })).toBe('41.9%');
    expect(formatPercent(0, { signed: true })).toBe('0.0%');
    expect(roundedFraction(-0.41935)).toBe(-0.419);
    expect(roundedFraction(0.4195)).toBe(0.42);
  });

  it('refuses what is not a number', () => {
    expect(() => formatPercent(NaN)).toThrow(XinfangError);
    expect(() => formatPercent(Infinity)).toThrow(XinfangError);
  });
});

describe('shares and rows', () => {
  it('gives shares of the total and keeps rows that vanished since the comparison', () => {
    const rows = shareRows([{ key: 'a', count: 3 }, { key: 'b', count: 1 }], 4, [{ key: 'a', count: 6 }, { key: 'c', count: 2 }]);
    expect(rows).toEqual([
      { key: 'a', count: 3, share: 0.75, previous: 6, change: -0.5 },
      { key: 'b', count: 1, share: 0.25, previous: 0, change: null },
      { key: 'c', count: 0, share: 0, previous: 2, change: -1 },
    ]);
    expect(shareRows([{ key: 'a', count: 0 }], 0)).toEqual([{ key: 'a', count: 0, share: null, previous: null, change: null }]);
    expect(ratio(1, 0)).toBeNull();
  });

  it('orders coded views by the vocabulary and open lists most first, not-given last', () => {
    const r = buildReport(workedInput);
    expect(r.analysis.source.rows.map((x) => x.key)).toEqual(['local', 'superior']);
    expect(r.analysis.channel.rows.map((x) => x.key)).toEqual(['letter', 'visit', 'phone', 'online']);
    expect(r.analysis.category.rows.map((x) => x.key)).toEqual(['违反群众纪律', '违反廉洁纪律', '违反中央八项规定精神', '违反工作纪律', '涉嫌职务违法', '违反组织纪律', null]);
    // 违反组织纪律 was there a year earlier only
    expect(r.analysis.category.rows[5]).toEqual({ key: '违反组织纪律', count: 0, share: 0, previous: 6, change: -1 });
    expect(r.analysis.source.rows[0]!.share).toBeCloseTo(36 / 71, 12);
  });

  it('breaks ties between open-list values in the suggested order (县处级 before 乡科级), unknown values after, by text', () => {
    const rows = orderRows([
      { key: '其他', count: 3 }, { key: '乡科级', count: 3 }, { key: null, count: 9 }, { key: '自定义', count: 3 }, { key: '县处级', count: 3 }, { key: '一般干部', count: 5 },
    ], undefined, SUGGESTED_RANKS);
    expect(rows.map((r) => r.key)).toEqual(['一般干部', '县处级', '乡科级', '其他', '自定义', null]);
    // Without a suggested list, ties by text (code points): 乡 (U+4E61) before 县 (U+53BF).
    expect(orderRows([{ key: '县处级', count: 1 }, { key: '乡科级', count: 1 }]).map((r) => r.key)).toEqual(['乡科级', '县处级']);
  });

  it('builds a breakdown for every group, all as the sum, shares of the group total', () => {
    const r = buildReport(breakdownInput);
    const rows = r.breakdown!.rows;
    expect(rows.filter((x) => x.group === 'superior').map((x) => [x.key, x.count, x.previous])).toEqual([
      ['superior-forwarded', 30, 36], ['superior-assigned', 5, 4],
    ]);
    expect(rows.filter((x) => x.group === 'local').map((x) => [x.key, x.count, x.previous])).toEqual([
      ['own', 28, 55], ['leader-assigned', 4, 0], ['judicial', 4, 5], ['other-agency', 0, 2],
    ]);
    const all = rows.filter((x) => x.group === 'all');
    expect(all.reduce((s, x) => s + x.count, 0)).toBe(71);
    expect(all.find((x) => x.key === 'own')!.share).toBeCloseTo(28 / 71, 12);
    expect(rows.find((x) => x.group === 'local' && x.key === 'own')!.share).toBeCloseTo(28 / 36, 12);
  });

  it('orders sanctions most persons first and lists every activity kind', () => {
    const r = buildReport(workedInput);
    expect(Object.entries(r.sanctions)).toEqual([['行政警告', 5], ['诫勉谈话', 1]]);
    expect(r.activities).toEqual({ visit: 30, 'investigation-report': 2, 'research-report': 1, bulletin: 4 });
    expect(buildReport(zerosInput).activities).toEqual({ visit: 0, 'investigation-report': 0, 'research-report': 0, bulletin: 0 });
  });

  it('checks the repeat classes against the originals', () => {
    expect(() => buildReport({ ...workedInput, repeat: { originals: 12, duplicates: 19, byDuplicates: { '1': 7, '2': 3, '3+': 1 } } })).toThrow(/repeat/);
  });

  it('gives the same value for the same counts in any order', () => {
    const shuffled = {
      ...workedInput,
      monthly: [...workedInput.monthly].reverse(),
      sanctions: [...workedInput.sanctions].reverse(),
      analysis: { ...workedInput.analysis, channel: { total: 71, rows: [...workedInput.analysis.channel.rows].reverse() } },
    };
    expect(JSON.stringify(buildReport(shuffled))).toBe(JSON.stringify(buildReport(workedInput)));
  });
});

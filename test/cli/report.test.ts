// xinfang report in-process on every engine: the worked example of SPEC 6.1 built through the
// commands (the superior items imported from a CSV, the local ones registered, then dated
// decisions), checked figure by figure in JSON and in the bulletin; the as-of date and decisions
// after the period; --as-known-at after a back-dated correction; the same JSON on both engines.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2016-07-01T10:00:00+08:00');
const RANGE = ['--from', '2016-01-01', '--to', '2016-06-21'];

/** JSON of the worked example's report, per engine, compared at the end (byte for byte). */
const jsonByEngine = new Map<string, string>();

/** The superior items of the worked example as an office's CSV: 35 rows, received every four days from 4 January. */
function superiorCsv(): string {
  const lines = ['来文编号,转办机关,收件日期,信访形式,信访类别,被反映人,被反映人单位,职级,问题类别,内容摘要'];
  for (let i = 0; i < 35; i++) {
    const unit = ['城关镇人民政府', '区住建局', '东岗街道办事处'][i % 3];
    const rank = ['乡科级', '村(社区)干部', '一般干部', ''][i % 4];
    const category = ['违反群众纪律', '违反廉洁纪律', '违反工作纪律'][i % 3];
    lines.push(`甘纪转〔2016〕${i + 1}号,甘肃省纪委监委,${addDays('2016-01-04', i * 4)},${i % 2 ? '来信' : '网络举报'},检举控告,张${i}某,${unit},${rank},${category},反映第${i + 1}件问题线索`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** 62 items received directly in 2015 (the year earlier of the worked example). */
function earlierCsv(): string {
  const lines = ['收件日期,信访形式,内容摘要,被反映人单位'];
  for (let i = 0; i < 62; i++) lines.push(`${addDays('2015-01-03', i * 2)},来信,2015年第${i + 1}件,区教育局`);
  return lines.join('\n') + '\n';
}

interface Built {
  s: CliSandbox;
  sup: string[];
  loc: string[];
}

/**
 * The worked example of SPEC 6.1 (2016-01-01..2016-06-21): superior 35 = 18 duplicates + 5 out of
 * scope + 3 pending + 9 verify; local 36 = 1 duplicate + 1 pending + 4 file-case (judicial) + 30
 * verify; 62 local items a year earlier. Each decision is dated three days after receipt.
 */
async function buildWorked(s: CliSandbox): Promise<Built> {
  const ok = (args: string[]) => s.ok(args, { now });
  const on = (code: string, received: string, args: string[], days = 3) => ok([...args, '--on', addDays(received, days)]);
  writeFileSync(join(s.dir, 'superior.csv'), superiorCsv());
  writeFileSync(join(s.dir, 'earlier.csv'), earlierCsv());
  await ok(['import', join(s.dir, 'superior.csv')]);
  await ok(['import', join(s.dir, 'earlier.csv'), '--source', '本级受理']);
  const supRows = JSON.parse(await ok(['list', '--group', 'superior', '--json'])) as { code: string; received: string }[];
  const sup = supRows.map((r) => r.code);
  const supReceived = new Map(supRows.map((r) => [r.code, r.received]));
  expect(sup).toHaveLength(35);

  const loc: string[] = [];
  const locReceived = new Map<string, string>();
  for (let i = 0; i < 36; i++) {
    const received = addDays('2016-01-06', i * 4);
    const realName = i >= 4 && i < 10 ? ['--reporter-name', `王${i}`, '--reporter-phone', `1380000${String(i).padStart(4, '0')}`] : [];
    const code = await ok([
      'register', '--received', received, '--source', i < 4 ? '公检法移交' : '本级受理', '--channel', i % 3 ? '来信' : '来访',
      '--summary', `本级第${i + 1}件`, '--accused-unit', i % 2 ? '城关镇人民政府' : '区教育局', '--category', '违反廉洁纪律', ...realName,
    ]);
    loc.push(code);
    locReceived.set(code, received);
  }
  const R = (c: string) => supReceived.get(c) ?? locReceived.get(c)!;
  const decide = (code: string, args: string[], days = 3) => on(code, R(code), [args[0]!, ...(args[0] === 'dup' || args[0] === 'scope' ? [args[1]!, code, ...args.slice(2)] : [code, ...args.slice(1)])], days);

  // Superior: S1..S5 verified originals that drew 1, 2, 3, 4 and 8 duplicates (S18..S35).
  for (let i = 0; i < 5; i++) await decide(sup[i]!, ['dispose', '--as', 'verify']);
  for (let i = 5; i < 10; i++) await decide(sup[i]!, ['scope', 'out', '--refer-to', '区信访局', '--reason', '不属纪检监察职责']);
  for (let i = 10; i < 14; i++) await decide(sup[i]!, ['dispose', '--as', '初核']);
  // S15..S17 stay pending; S18..S35 are duplicates
  const drew = [1, 2, 3, 4, 8];
  let d = 17;
  for (let o = 0; o < 5; o++) for (let k = 0; k < drew[o]!; k++) await decide(sup[d++]!, ['dup', 'mark', '--of', sup[o]!]);
  expect(d).toBe(35);
  await decide(sup[10]!, ['conclude', '--result', '不属实'], 10);

  // Local: L1..L4 judicial transfers filed directly, L5..L34 verified, L35 pending, L36 a duplicate of L5.
  for (let i = 0; i < 4; i++) await decide(loc[i]!, ['dispose', '--as', 'file-case']);
  for (let i = 4; i < 34; i++) await decide(loc[i]!, ['dispose', '--as', 'verify']);
  await decide(loc[35]!, ['dup', 'mark', '--of', loc[4]!]);
  // L5..L14 assigned with a due date 30 days on; L5..L12 concluded in time, L13 late, L14 open.
  for (let i = 4; i < 14; i++) await ok(['assign', loc[i]!, '--to', i % 2 ? '第二监察室' : '第一监察室', '--due', addDays(R(loc[i]!), 33), '--on', addDays(R(loc[i]!), 3)]);
  for (let i = 4; i < 12; i++) await decide(loc[i]!, ['conclude', '--result', '部分属实'], 20);
  await decide(loc[12]!, ['conclude', '--result', '属实'], 40);
  // The real-name reporters (L5..L10) are notified; L5 and L6 have their reply.
  for (let i = 4; i < 10; i++) await decide(loc[i]!, ['notify', '--method', '电话'], 4);
  for (let i = 4; i < 6; i++) await decide(loc[i]!, ['reply', '--method', '书面', '--text', '已书面答复'], 25);
  // Sanctions by their own dates: two in the period, one after it.
  await ok(['sanction', loc[4]!, '--person', '张某', '--kind', '警告', '--on', '2016-03-01']);
  await ok(['sanction', loc[5]!, '--person', '李某', '--kind', '诫勉谈话', '--on', '2016-04-01']);
  await ok(['sanction', loc[5]!, '--person', '赵某', '--kind', '诫勉谈话', '--on', '2016-04-02']);
  await ok(['sanction', loc[6]!, '--person', '钱某', '--kind', '记过', '--on', '2016-06-25']);
  await ok(['activity', 'add', '--kind', '下访', '--on', '2016-03-10', '--count', '3']);
  await ok(['activity', 'add', '--kind', '工作简报', '--on', '2016-06-30']);
  return { s, sup, loc };
}

describe.each(testRegistries)('report of the worked example on $engine', (registry) => {
  let b: Built;
  beforeAll(async () => {
    b = await buildWorked(await cliSandbox(registry));
  }, 240_000);
  afterAll(async () => { await b?.s.cleanup(); });
  const ok = (args: string[]) => b.s.ok(args, { now });
  const report = async (args: string[]) => JSON.parse(await ok(['report', ...args, '--json'])) as Record<string, any>;

  it('gives every figure of SPEC 6.1 in JSON', async () => {
    const text = await ok(['report', ...RANGE, '--json']);
    jsonByEngine.set(registry.engine, text);
    const r = JSON.parse(text) as Record<string, any>;
    expect(r.period).toMatchObject({ from: '2016-01-01', to: '2016-06-21', asOf: '2016-06-21', knownAt: null, kind: 'range' });
    expect(r.period.settings).toEqual({
      monthStartDay: 1, deadlines: { accept: 5, notify: 15, handle: 60, extension: 30, reply: 15 }, calendarYears: [2015, 2016, 2017],
    });
    const zero = { 'file-case': 0, verify: 0, inquire: 0, hold: 0, close: 0 };
    expect(r.groups.superior).toMatchObject({
      received: 35, duplicates: 18, outOfScope: 5, noSubstance: 0, pending: 3, disposals: { ...zero, verify: 9 },
      eligible: 9, verified: 9, verificationRate: 1, concluded: 1, onTime: 0, onTimeRate: null, realName: 0, replied: 0,
    });
    expect(r.groups.local).toMatchObject({
      received: 36, duplicates: 1, outOfScope: 0, noSubstance: 0, pending: 1, disposals: { ...zero, 'file-case': 4, verify: 30 },
      eligible: 30, verified: 30, verificationRate: 1, concluded: 9, onTime: 8, onTimeRate: 8 / 9, realName: 6, replied: 2,
    });
    expect(r.groups.all).toMatchObject({ received: 71, duplicates: 19, outOfScope: 5, pending: 4, eligible: 39, verificationRate: 1, concluded: 10 });
    // overdue: the same items the overdue command lists (domain deadlines, item by item) among those received in the period
    const listed = JSON.parse(await ok(['overdue', '--as-of', '2016-06-21', '--json'])) as { item: string; received: string }[];
    const late = new Set(listed.filter((x) => x.received >= '2016-01-01' && x.received <= '2016-06-21').map((x) => x.item));
    const lateLocal = [...late].filter((c) => b.loc.includes(c)).length;
    expect(r.groups.local.overdue).toBe(lateLocal);
    expect(r.groups.superior.overdue).toBe(late.size - lateLocal);
    expect(lateLocal).toBeGreaterThanOrEqual(2); // L35 never triaged, L14 past its due date
    expect(r.compare.kind).toBe('yoy');
    expect(r.compare.period).toEqual({ from: '2015-01-01', to: '2015-06-21', asOf: '2015-06-21' });
    expect(r.compare.groups.local.received).toBe(62);
    expect(r.compare.groups.superior.received).toBe(0);
    expect(r.compare.change.local.received).toBeCloseTo((36 - 62) / 62, 12);
    expect(r.compare.change.superior.received).toBeNull();
    expect(r.sanctions).toEqual({ 诫勉谈话: 2, 警告: 1 });
    expect(r.activities).toEqual({ visit: 3, 'investigation-report': 0, 'research-report': 0, bulletin: 0 });
    expect(r.monthly.map((m: { month: string }) => m.month)).toEqual(['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06']);
    expect(r.monthly.reduce((a: number, m: { received: number }) => a + m.received, 0)).toBe(71);
    expect(r.repeat).toEqual({ originals: 6, duplicates: 19, byDuplicates: { 1: 2, 2: 1, '3+': 3 } });
    expect(r.breakdown).toBeNull();
    expect(r.analysis.source).toEqual({ total: 71, rows: [
      { key: 'local', count: 36, share: 36 / 71, previous: 62, change: (36 - 62) / 62 },
      { key: 'superior', count: 35, share: 35 / 71, previous: 0, change: null },
    ] });
    expect(r.analysis.type.rows.map((x: any) => [x.key, x.count])).toEqual([['accusation', 66], ['out-of-scope', 5]]);
    expect(r.analysis.repeat.rows.map((x: any) => [x.key, x.count])).toEqual([['first', 52], ['repeat', 19]]);
    expect(r.analysis.realName.rows.map((x: any) => [x.key, x.count])).toEqual([['real-name', 6], ['anonymous', 65]]);
    expect(r.analysis.unit.rows[0]).toMatchObject({ key: '城关镇人民政府', count: 12 + 18 });
  });

  it('writes the bulletin paragraph as the office does', async () => {
    const text = await ok(['report', ...RANGE, '--format', 'text']);
    expect(text).toContain('共收到上级纪委转来的信访件35件');
    expect(text).toContain('其中重复件18件，业务范围外5件，正在调查3件，其余9件全部初核，初核率100%');
    expect(text).toContain('本级共接收信访件36件，比去年同期下降41.9%');
    expect(text).toContain('其中重复件1件，正在调查1件，拟立案4件，其余30件全部初核，初核率100%');
    expect(text).toContain('共处理处分3人，其中诫勉谈话2人、警告1人。');
    expect(text).toContain('开展下访和实地走访3次');
    expect(text).not.toMatch(/NaN|undefined|null/);
  });

  it('counts only items received in the period, and takes their state as of its end', async () => {
    // January only: the items received from 1 to 31 January
    const jan = await report(['--period', '2016-01', '--compare', 'none']);
    expect(jan.groups.all.received).toBe(7 + 7);
    expect(jan.compare).toBeNull();
    // As of 2016-01-06 the first superior item (received 01-04, verified 01-07) was still pending
    const early = await report(['--period', '2016-01', '--as-of', '2016-01-06']);
    expect(early.period.asOf).toBe('2016-01-06');
    expect(early.groups.superior).toMatchObject({ received: 1, pending: 1, verified: 0, verificationRate: null });
    expect(early.groups.local).toMatchObject({ received: 1, pending: 1 });
    // February's local items were concluded 20 days after receipt (L13: 40): two by the end of
    // February; six when the same month is taken as of 30 April
    const feb = await report(['--period', '2016-02', '--compare', 'none']);
    const febLater = await report(['--period', '2016-02', '--as-of', '2016-04-30', '--compare', 'none']);
    expect(feb.period.asOf).toBe('2016-02-29');
    expect(feb.groups.local.concluded).toBe(2);
    expect(febLater.groups.local.concluded).toBe(6);
    expect(febLater.groups.local.received).toBe(feb.groups.local.received);
    // The sanction of 2016-06-25 is after the period: only in a report running past it
    const h1 = await report(['--period', '2016-H1']);
    expect(h1.period).toMatchObject({ from: '2016-01-01', to: '2016-06-30', asOf: '2016-06-30', kind: 'half' });
    expect(h1.sanctions).toEqual({ 诫勉谈话: 2, 记过: 1, 警告: 1 });
    expect(h1.activities.bulletin).toBe(1);
  });

  it('reports quarters with their months, and a breakdown by handling office with shares', async () => {
    const q2 = await report(['--period', '2016-Q2', '--by', 'office']);
    expect(q2.period).toMatchObject({ from: '2016-04-01', to: '2016-06-30', kind: 'quarter' });
    expect(q2.monthly.map((m: any) => m.month)).toEqual(['2016-04', '2016-05', '2016-06']);
    expect(q2.breakdown.by).toBe('office');
    const rows = q2.breakdown.rows.filter((x: any) => x.group === 'local');
    expect(rows.reduce((a: number, x: any) => a + x.count, 0)).toBe(q2.groups.local.received);
    for (const x of q2.breakdown.rows) expect(x.share).toBeCloseTo(x.count / q2.groups[x.group].received, 12);
    const bySource = await report(['--period', '2016-H1', '--by', 'disposal']);
    const sup = Object.fromEntries(bySource.breakdown.rows.filter((x: any) => x.group === 'superior').map((x: any) => [x.key, x.count]));
    expect(sup).toEqual({ verify: 9, duplicate: 18, 'out-of-scope': 5, pending: 3 });
    // in the Markdown breakdown the statuses outside the five disposals read as their labels, not codes
    const md = await ok(['report', '--period', '2016-H1', '--by', 'disposal', '--format', 'md']);
    expect(md).toMatch(/\| 重复件 \| 18 \|/);
    expect(md).not.toContain('out-of-scope');
    // by handling office, the items never assigned read as such
    const byOffice = await ok(['report', '--period', '2016-Q2', '--by', 'office', '--format', 'md']);
    // the clerk's own word for a dimension is the dimension
    expect(await ok(['report', '--period', '2016-Q2', '--by', '承办部门', '--format', 'md'])).toBe(byOffice);
    expect(byOffice).toMatch(/\| 未交办 \|/);
  });
});

describe.each(testRegistries)('report on $engine', (registry) => {
  let s: CliSandbox;
  beforeAll(async () => { s = await cliSandbox(registry); });
  afterAll(async () => { await s.cleanup(); });
  const at = (iso: string) => () => new Date(iso);
  const reg = (received: string, when = '2016-07-01T10:00:00+08:00', extra: string[] = []) => s.ok([
    'register', '--received', received, '--source', '本级受理', '--channel', '来信', '--summary', `反映${received}的问题`, ...extra,
  ], { now: at(when) });

  it('refuses bad input with one line and exit 2 naming what is accepted', async () => {
    const bad = async (args: string[], ...parts: string[]) => {
      const r = await s.cli(['report', ...args], { now: at('2016-07-01T10:00:00+08:00') });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(/^错误：/);
      for (const p of parts) expect(r.stderr).toContain(p);
    };
    await bad(['--period', '2016-13'], '月份须在 01 至 12 之间', '2016-H1');
    await bad(['--period', '2016-Q5'], 'Q1 至 Q4');
    await bad(['--period', '2016-06', '--as-of', '2016-05-31'], '早于期间的开始 2016-06-01');
    await bad(['--by', 'colour'], 'source 来源、channel 形式');
    await bad(['--output', join(s.dir, 'r.pdf')], '.xlsx');
    await bad(['--compare', 'weekly'], 'yoy');
    await bad(['--as-known-at', 'yesterday'], '2016-07-05 09:30');
    await bad(['--period', '2016-06', '--from', '2016-06-01'], '--period');
  });

  it('reproduces a published report with --as-known-at after a back-dated correction; a previous period of nothing', async () => {
    const a = await reg('2016-06-02', '2016-06-05T10:00:00+08:00');
    const b = await reg('2016-06-03', '2016-06-05T10:00:00+08:00');
    await s.ok(['dispose', a, '--as', 'verify', '--on', '2016-06-10'], { now: at('2016-06-10T10:00:00+08:00') });
    await s.ok(['dispose', b, '--as', 'verify', '--on', '2016-06-10'], { now: at('2016-06-10T10:00:00+08:00') });
    const published = await s.ok(['report', '--period', '2016-06', '--json'], { now: at('2016-07-05T09:00:00+08:00') });
    // On 7 July b is found out of scope, back-dated to 20 June; a new item is registered with a June date.
    await s.ok(['scope', 'out', b, '--refer-to', '区法院', '--reason', '属诉讼事项', '--on', '2016-06-20'], { now: at('2016-07-07T10:00:00+08:00') });
    await reg('2016-06-28', '2016-07-07T11:00:00+08:00');
    const later = JSON.parse(await s.ok(['report', '--period', '2016-06', '--json'], { now: at('2016-07-08T09:00:00+08:00') }));
    expect(later.groups.local).toMatchObject({ received: 3, outOfScope: 1, pending: 1, verified: 1 });
    const again = await s.ok(['report', '--period', '2016-06', '--json', '--as-known-at', '2016-07-05 09:00'], { now: at('2016-07-08T09:00:00+08:00') });
    const p = JSON.parse(published);
    const q = JSON.parse(again);
    // a time without a zone is the machine's local time; recorded to the second, the whole second counts
    expect(q.period.knownAt).toBe(new Date(new Date('2016-07-05T09:00:00').getTime() + 999).toISOString());
    expect({ ...q, period: { ...q.period, knownAt: null } }).toEqual(p);
    // A date alone means the end of that day
    const byDay = JSON.parse(await s.ok(['report', '--period', '2016-06', '--json', '--as-known-at', '2016-07-06'], { now: at('2016-07-08T09:00:00+08:00') }));
    expect(byDay.groups).toEqual(p.groups);
    // Nothing in June 2015: change null, and the bulletin says so in words
    expect(p.compare.groups.all.received).toBe(0);
    expect(p.compare.change.local.received).toBeNull();
    const text = await s.ok(['report', '--period', '2016-06', '--format', 'text'], { now: at('2016-07-08T09:00:00+08:00') });
    expect(text).toContain('去年同期无此类信访件');
    expect(text).not.toMatch(/null|NaN|Infinity/);
  });

  it('uses business months across a year end (period.monthStartDay 21)', async () => {
    await s.ok(['config', 'set', 'period.monthStartDay', '21'], { now: at('2017-02-01T10:00:00+08:00') });
    try {
      await reg('2016-12-20', '2017-02-01T10:00:00+08:00'); // business December 2016
      await reg('2016-12-21', '2017-02-01T10:00:00+08:00'); // business January 2017
      await reg('2017-01-20', '2017-02-01T10:00:00+08:00'); // business January 2017
      const jan = JSON.parse(await s.ok(['report', '--period', '2017-01', '--json'], { now: at('2017-02-01T10:00:00+08:00') }));
      expect(jan.period).toMatchObject({ from: '2016-12-21', to: '2017-01-20', asOf: '2017-01-20' });
      expect(jan.period.settings.monthStartDay).toBe(21);
      expect(jan.groups.all.received).toBe(2);
      expect(jan.monthly).toEqual([{ month: '2017-01', received: 2 }]);
      const year = JSON.parse(await s.ok(['report', '--period', '2017', '--by', 'month', '--json', '--compare', 'none'], { now: at('2017-02-01T10:00:00+08:00') }));
      expect(year.period).toMatchObject({ from: '2016-12-21', to: '2017-12-20', asOf: '2017-02-01' });
      expect(year.monthly).toEqual([{ month: '2017-01', received: 2 }, { month: '2017-02', received: 0 }]);
      const q4 = JSON.parse(await s.ok(['report', '--period', '2016-Q4', '--json'], { now: at('2017-02-01T10:00:00+08:00') }));
      expect(q4.period).toMatchObject({ from: '2016-09-21', to: '2016-12-20' });
      expect(q4.monthly.find((m: any) => m.month === '2016-12')).toEqual({ month: '2016-12', received: 1 });
    } finally {
      await s.ok(['config', 'set', 'period.monthStartDay', '1'], { now: at('2017-02-01T10:00:00+08:00') });
    }
  });

  it('writes every format to a file by its extension (.xlsx bytes, .html, .txt the bulletin)', async () => {
    const n = at('2017-02-01T10:00:00+08:00');
    for (const [ext, check] of [
      ['.xlsx', (buf: Buffer) => expect(buf.subarray(0, 2).toString('latin1')).toBe('PK')],
      ['.html', (buf: Buffer) => expect(buf.toString('utf8')).toMatch(/^<!DOCTYPE html>/)],
      ['.txt', (buf: Buffer) => expect(buf.toString('utf8')).toContain('本级共接收信访件')],
      ['.csv', (buf: Buffer) => expect(buf.toString('utf8').startsWith('\uFEFFsection,group,key,value')).toBe(true)],
      ['.md', (buf: Buffer) => expect(buf.toString('utf8')).toContain('|')],
    ] as const) {
      const file = join(s.dir, `report${ext}`);
      const r = await s.cli(['report', '--period', '2016-06', '-o', file], { now: n });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      const { readFileSync, statSync } = await import('node:fs');
      check(readFileSync(file));
      expect(statSync(file).mode & 0o077).toBe(0);
    }
  });

  it('heads every report format but JSON and CSV with the office name once it is set (config set office.name)', async () => {
    const n = { now: at('2017-02-01T10:00:00+08:00') };
    const args = ['report', '--period', '2016-06'];
    const before = { json: await s.ok([...args, '--json'], n), csv: await s.ok([...args, '--format', 'csv'], n) };
    expect(await s.ok([...args, '--format', 'text'], n)).toMatch(/^(　　)?2016年6月，本级共接收/);
    await s.ok(['config', 'set', 'office.name', '某某县纪委监委信访室'], n);
    expect(await s.ok([...args, '--format', 'text'], n)).toMatch(/^(　　)?2016年6月，某某县纪委监委信访室本级共接收信访件/);
    expect((await s.ok([...args, '--format', 'table'], n)).split('\n')[0]).toBe('某某县纪委监委信访室信访举报统计报表');
    expect(await s.ok([...args, '--format', 'md'], n)).toMatch(/^# 某某县纪委监委信访室信访举报统计报表\n/);
    expect(await s.ok([...args, '--format', 'html'], n)).toContain('<h1>某某县纪委监委信访室信访举报统计报表</h1>');
    expect(await s.ok([...args, '--json'], n)).toBe(before.json);
    expect(await s.ok([...args, '--format', 'csv'], n)).toBe(before.csv);
  });
});

describe('both engines', () => {
  it.runIf(testRegistries.length > 1)('give the worked example the same JSON, byte for byte', () => {
    expect(jsonByEngine.size).toBe(2);
    expect(jsonByEngine.get('postgres')).toBe(jsonByEngine.get('sqlite'));
  });
});

describe.each(testRegistries)('on-time conclusions at the deadline on $engine', (registry) => {
  let s: CliSandbox;
  beforeAll(async () => { s = await cliSandbox(registry); });
  afterAll(async () => { await s.cleanup(); });
  const at = (iso: string) => () => new Date(iso);
  const now = { now: at('2016-01-05T10:00:00+08:00') };

  it('a conclusion on the due date is on time, a day later is not; without a due date the deadline is 60 days after assignment', async () => {
    const item = async (received: string, due: string | undefined, concluded: string) => {
      const code = await s.ok(['register', '--received', received, '--source', '本级受理', '--channel', '来信', '--summary', `反映${received}${concluded}的问题`], now);
      await s.ok(['assign', code, '--to', '第一监察室', '--on', '2015-03-01', ...(due ? ['--due', due] : [])], now);
      await s.ok(['dispose', code, '--as', 'verify', '--on', '2015-03-02'], now);
      await s.ok(['conclude', code, '--result', 'substantiated', '--on', concluded], now);
      return code;
    };
    await item('2015-02-27', '2015-03-10', '2015-03-10'); // on the due date: on time
    await item('2015-02-27', '2015-03-10', '2015-03-11'); // a day late
    await item('2015-02-27', undefined, '2015-04-30'); // assigned 1 March + 60 days = 30 April: on time
    await item('2015-02-27', undefined, '2015-05-01'); // a day late
    const r = JSON.parse(await s.ok(['report', '--period', '2015', '--json', '--compare', 'none'], now));
    expect(r.groups.local).toMatchObject({ received: 4, concluded: 4, onTime: 2 });
    expect(r.groups.local.onTimeRate).toBe(0.5);
  });

  it('an item concluded without ever being assigned counts as concluded but not in the on-time rate, and the report says its base', async () => {
    const code = await s.ok(['register', '--received', '2015-02-27', '--source', '本级受理', '--channel', '来信', '--summary', '反映未交办即办结的问题'], now);
    await s.ok(['dispose', code, '--as', 'verify', '--on', '2015-03-02'], now);
    await s.ok(['conclude', code, '--result', 'substantiated', '--on', '2015-03-20'], now);
    const r = JSON.parse(await s.ok(['report', '--period', '2015', '--json', '--compare', 'none'], now));
    expect(r.groups.local).toMatchObject({ received: 5, concluded: 5, onTime: 2, onTimeRate: 0.5 });
    expect(Object.keys(r.groups.local)).not.toContain('concludedWithDeadline');
    const bulletin = await s.ok(['report', '--period', '2015', '--format', 'text', '--compare', 'none'], now);
    expect(bulletin).toContain('已办结5件，其中有办理时限的4件中按期办结2件，按期办结率50.0%');
    const table = await s.ok(['report', '--period', '2015', '--format', 'md', '--compare', 'none'], now);
    expect(table).toContain('| 办结 | 0 | 5 | 5 |\n| 有办理时限的办结件 | 0 | 4 | 4 |\n| 按期办结 | 0 | 2 | 2 |\n| 按期办结率 | — | 50.0% | 50.0% |');
  });
});

describe.each(testRegistries)('the analysis of units on $engine', (registry) => {
  let s: CliSandbox;
  beforeAll(async () => { s = await cliSandbox(registry); });
  afterAll(async () => { await s.cleanup(); });

  it('keeps every unit tied at the cut of the largest five (two items or more), whatever their names', async () => {
    const units = ['甲单位', '乙单位', '丙单位', '丁单位', '戊单位', '己单位'];
    for (const [i, unit] of [...units, ...units, '庚单位'].entries()) {
      await s.ok(['register', '--received', `2016-03-${String(i + 1).padStart(2, '0')}`, '--source', '本级受理', '--channel', '来信', '--summary', `第${i}件`, '--accused-unit', unit]);
    }
    const r = JSON.parse(await s.ok(['report', '--period', '2016-03', '--json'])) as { analysis: { unit: { rows: { key: string; count: number }[] } } };
    expect(r.analysis.unit.rows.map((x) => x.count)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(new Set(r.analysis.unit.rows.map((x) => x.key))).toEqual(new Set(units));
  });
});

// report --as-known-at after corrections of registered fields (SPEC 6.1, issue 11): `amend` changes
// the item row itself, so a report as known at a time before the amendment must read the fields as
// they were then (the `from` of the first amendment recorded later), while a report without
// --as-known-at (whatever its --as-of) reads the corrected register. Through the commands, on
// every engine, and the same bytes on both.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const at = (iso: string) => () => new Date(iso);
/** When the June bulletin was published; what follows is recorded later. */
const PUBLISHED = '2016-07-05T09:00:00+08:00';
const T = '2016-07-05 09:00';
const AFTER = at('2016-07-08T09:00:00+08:00');

/** Every report output of each engine, compared at the end. */
const outputsByEngine = new Map<string, string[]>();

describe.each(testRegistries)('report --as-known-at after amendments on $engine', (registry) => {
  let s: CliSandbox;
  const codes: Record<string, string> = {};
  const published: Record<string, string> = {};
  const outputs: string[] = [];
  beforeAll(async () => {
    s = await cliSandbox(registry);
    const reg = async (name: string, args: string[]) => {
      codes[name] = await s.ok(['register', '--summary', `反映${name}的问题`, ...args], { now: at('2016-07-01T10:00:00+08:00') });
    };
    const local = (received: string, channel = '来信') => ['--received', received, '--source', '本级受理', '--channel', channel];
    // Moved out of June by a corrected received date.
    await reg('late', [...local('2016-06-30'), '--accused-unit', '城关镇人民政府', '--category', '违反廉洁纪律']);
    // From a superior, online, verified: corrected to a local visit.
    await reg('forwarded', ['--received', '2016-06-10', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', '甘纪转〔2016〕7号',
      '--channel', '网络举报', '--accused-unit', '区住建局', '--accused-rank', '乡科级']);
    // Unit, rank, category, kind and real name corrected twice after the bulletin (its first `from` counts).
    await reg('twice', [...local('2016-06-15', '来访'), '--accused-unit', '区教育局', '--accused-rank', '一般干部', '--category', '违反工作纪律',
      '--reporter-name', '王五', '--reporter-phone', '13800000001']);
    // Moved into June from July: not in June's report as known before.
    await reg('early', [...local('2016-07-01'), '--accused-unit', '区教育局']);
    // Corrected before the bulletin: the bulletin already had the corrected value.
    await reg('before', [...local('2016-06-20'), '--accused-unit', '东岗街道']);
    await reg('plain', [...local('2016-06-21'), '--accused-unit', '区教育局']);
    const decide = (args: string[], when: string) => s.ok(args, { now: at(when) });
    await decide(['dispose', codes.forwarded!, '--as', 'verify', '--on', '2016-06-12'], '2016-06-12T10:00:00+08:00');
    await decide(['dispose', codes.twice!, '--as', 'file-case', '--on', '2016-06-20'], '2016-06-20T10:00:00+08:00');
    await decide(['amend', codes.before!, '--accused-unit', '东岗街道办事处', '--reason', '单位名称不全'], '2016-07-02T10:00:00+08:00');

    const run = async (args: string[], now: () => Date) => {
      const out = await s.ok(['report', ...args], { now });
      outputs.push(out);
      return out;
    };
    const views: Record<string, string[]> = {
      june: ['--period', '2016-06', '--json'],
      bulletin: ['--period', '2016-06', '--format', 'text'],
      bySource: ['--period', '2016-06', '--by', 'source', '--json'],
      byUnit: ['--period', '2016-06', '--by', 'unit', '--format', 'csv'],
      july: ['--period', '2016-07', '--as-of', '2016-07-05', '--json'],
    };
    for (const [name, args] of Object.entries(views)) published[name] = await run([...args, '--as-known-at', T], at(PUBLISHED));

    // After the bulletin: the corrections.
    const amend = (name: string, args: string[], when: string) => decide(['amend', codes[name]!, ...args, '--reason', '登记有误'], when);
    await amend('late', ['--received', '2016-07-01'], '2016-07-06T10:00:00+08:00');
    await amend('forwarded', ['--source', '本级受理', '--forwarded-by', '', '--ref', '', '--channel', '来访'], '2016-07-06T10:05:00+08:00');
    await amend('twice', ['--accused-unit', '区教育局机关', '--accused-rank', '乡科级', '--category', '违反廉洁纪律', '--real-name', '否'], '2016-07-06T10:10:00+08:00');
    await amend('twice', ['--accused-unit', '区教育局后勤', '--accused-rank', '', '--kind', '申诉'], '2016-07-06T10:20:00+08:00');
    await amend('early', ['--received', '2016-06-29'], '2016-07-06T10:30:00+08:00');
    for (const [name, args] of Object.entries(views)) published[`again:${name}`] = await run([...args, '--as-known-at', T], AFTER);
    published.corrected = await run(views.june!, AFTER);
    published.correctedAsOf = await run([...views.june!, '--as-of', '2016-06-30'], AFTER);
    published.correctedBySource = await run(views.bySource!, AFTER);
    outputsByEngine.set(registry.engine, outputs);
  });
  afterAll(async () => { await s.cleanup(); });

  it('reproduces the published June report, bulletin, breakdowns and July report byte for byte', () => {
    for (const name of ['june', 'bulletin', 'bySource', 'byUnit', 'july']) expect(published[`again:${name}`], name).toBe(published[name]);
  });

  it('publishes the figures as they were registered then', () => {
    const p = JSON.parse(published.june!);
    // late, twice, before, plain local; forwarded superior; early is July's
    expect(p.groups.local.received).toBe(4);
    expect(p.groups.superior).toMatchObject({ received: 1, verified: 1 });
    expect(p.groups.local).toMatchObject({ disposals: expect.objectContaining({ 'file-case': 1 }), realName: 1 });
    const rows = (view: string) => Object.fromEntries(p.analysis[view].rows.map((r: any) => [r.key, r.count]));
    expect(rows('channel')).toMatchObject({ letter: 3, online: 1, visit: 1 });
    expect(rows('unit')).toMatchObject({ 区教育局: 2, 东岗街道办事处: 1, 区住建局: 1, 城关镇人民政府: 1 });
    expect(rows('realName')).toMatchObject({ 'real-name': 1, anonymous: 4 });
    const july = JSON.parse(published.july!);
    expect(july.groups.all.received).toBe(1);
    expect(JSON.parse(published.bySource!).breakdown.rows.map((r: any) => [r.group, r.key, r.count]))
      .toEqual(expect.arrayContaining([['superior', 'superior-forwarded', 1], ['local', 'own', 4]]));
  });

  it('reads the corrected register without --as-known-at, whatever the as-of date', () => {
    const c = JSON.parse(published.corrected!);
    // late left for July, early came in; forwarded is local now
    expect(c.groups.superior.received).toBe(0);
    expect(c.groups.local).toMatchObject({ received: 5, verified: 1, realName: 0 });
    const rows = (view: string) => Object.fromEntries(c.analysis[view].rows.map((r: any) => [r.key, r.count]));
    expect(rows('channel')).toMatchObject({ letter: 3, visit: 2 });
    expect(rows('channel').online).toBeUndefined();
    expect(rows('unit')).toMatchObject({ 区教育局: 2, 区教育局后勤: 1, 东岗街道办事处: 1, 区住建局: 1 });
    expect(rows('unit').城关镇人民政府).toBeUndefined();
    expect(rows('type')).toMatchObject({ appeal: 1, accusation: 4 });
    // A correction mends the register, not a state at a date: an earlier as-of date reads it too.
    expect(published.correctedAsOf).toBe(published.corrected);
    expect(published.corrected).not.toBe(published.june);
  });
});

describe('both engines', () => {
  it.runIf(testRegistries.length > 1)('give every report before and after the amendments the same bytes', () => {
    expect(outputsByEngine.size).toBe(2);
    expect(outputsByEngine.get('postgres')).toEqual(outputsByEngine.get('sqlite'));
  });
});

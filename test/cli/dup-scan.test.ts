// dup scan, the register warning with likely originals, and how mark, dismiss and void change what
// the scan proposes (SPEC 3, 6, 7; issue 10), in-process on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

interface Pair { item: string; original: string; score: number; reasons: string[] }

const BRIBE = '反映张建国在担任榆中县城关镇人民政府镇长期间，利用职务便利，在农村公路建设项目中收受他人财物5万元。请求组织调查处理。';
const BRIBE_AGAIN = '举报张建国在担任城关镇人民政府镇长时,利用职务之便,在农村公路建设项目中收取他人钱物５万元；该问题此前已多次反映，至今未得到解决';
const BRIBE_OTHER = '反映李志强在担任永登县新集乡人民政府乡长期间，利用职务便利，在农村公路建设项目中收受他人财物5万元。请求组织调查处理。';

describe.each(testRegistries)('dup scan on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const scan = async (...args: string[]) => JSON.parse(await s.ok(['dup', 'scan', '--json', ...args])) as Pair[];
  const complaint = (received: string, summary: string, accused: string, unit: string, more: Record<string, string> = {}) =>
    registerOk(s, { received, summary, 'accused-name': accused, 'accused-unit': unit, ...more });

  it('proposes a reworded repeat with a shortened unit, not the same template about another official', async () => {
    const a = await complaint('2016-03-01', BRIBE, '张建国', '榆中县城关镇人民政府');
    await complaint('2016-03-05', BRIBE_OTHER, '李志强', '永登县新集乡人民政府');
    const b = await complaint('2016-05-10', BRIBE_AGAIN, '张建国', '城关镇人民政府', { channel: '来访' });
    const pairs = await scan();
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ item: b, original: a });
    expect(pairs[0]!.reasons).toEqual(expect.arrayContaining(['same-accused', 'same-unit']));
    expect(pairs[0]!.score).toBeGreaterThanOrEqual(0.6);
    expect(pairs[0]!.score).toBeLessThanOrEqual(1);
    // The table shows Chinese labels, and JSON keys are exactly the contract's.
    const table = await s.ok(['dup', 'scan']);
    expect(table).toContain('被反映人相同');
    expect(Object.keys(pairs[0]!).sort()).toEqual(['item', 'original', 'reasons', 'score']);
    // Registered after the scan: earlier items are found through the index's accused buckets (unit
    // written with its city this time), and only they — not the look-alike about another official.
    const r = await s.cli(['register', '--source', '本级受理', '--channel', '来信', '--received', '2016-06-01',
      '--summary', BRIBE, '--accused-name', '张建国', '--accused-unit', '兰州市榆中县城关镇人民政府']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`可能与以下信访件重复：${a}（被反映人相同、单位相同、内容相似）；${b}（被反映人相同、单位相同[^）]*）\n`));
  });

  it('register warns with the likely original and why; the same reporter by keyed hash counts', async () => {
    const a = await complaint('2016-03-01', BRIBE, '张建国', '榆中县城关镇人民政府', { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    const r = await s.cli(['register', '--source', '本级受理', '--channel', '来电', '--received', '2016-04-01',
      '--summary', '来电称镇里有干部吃拿卡要', '--reporter-name', '王小明', '--reporter-phone', '138 1234 5678']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`可能与以下信访件重复：${a}（反映人相同）`);
    expect(r.stderr).not.toContain('13812345678');
    const r2 = await s.cli(['register', '--lang', 'en', '--source', '本级受理', '--channel', '来信', '--received', '2016-05-01',
      '--summary', BRIBE_AGAIN, '--accused-name', '张建国', '--accused-unit', '城关镇人民政府']);
    expect(r2.stderr).toMatch(new RegExp(`may duplicate ${a} \\(same accused, same unit[^)]*\\)`));
    // Nothing in common: no warning.
    const r3 = await s.cli(['register', '--source', '本级受理', '--channel', '来信', '--received', '2016-05-02',
      '--summary', BRIBE_OTHER, '--accused-name', '李志强', '--accused-unit', '永登县新集乡人民政府']);
    expect(r3.stderr).not.toContain('可能与以下信访件重复');
  });

  it('a dismissed pair is not proposed again; a marked duplicate is decided; a third item points to the original', async () => {
    const a = await complaint('2016-03-01', BRIBE, '张建国', '榆中县城关镇人民政府');
    const b = await complaint('2016-05-10', BRIBE_AGAIN, '张建国', '城关镇人民政府');
    expect((await scan()).map((p) => [p.item, p.original])).toEqual([[b, a]]);

    await s.ok(['dup', 'dismiss', b, '--of', a, '--on', '2016-06-01']);
    expect(await scan()).toEqual([]);

    // Marked: c is decided, and d (like c) is proposed against the original a, not against c.
    const c = await complaint('2016-07-01', BRIBE_AGAIN + '。请求尽快查处。', '张建国', '榆中县城关镇人民政府');
    const d = await complaint('2016-07-02', BRIBE, '张建国', '城关镇人民政府');
    await s.ok(['dup', 'mark', c, '--of', a, '--on', '2016-07-05']);
    const pairs = await scan();
    expect(pairs.map((p) => p.item)).not.toContain(c);
    expect(pairs.find((p) => p.item === d)?.original).toBe(a);
    // b and a stay dismissed even though both are in a's cluster.
    expect(pairs.find((p) => p.item === b)).toBeUndefined();
  });

  it('leaves void items out, and filters later items by --period', async () => {
    const a = await complaint('2016-03-01', BRIBE, '张建国', '榆中县城关镇人民政府');
    const b = await complaint('2016-05-10', BRIBE_AGAIN, '张建国', '城关镇人民政府');
    const c = await complaint('2017-02-10', BRIBE_AGAIN, '张建国', '榆中县城关镇人民政府');
    expect((await scan('--period', '2017')).map((p) => p.item)).toEqual([c]);
    expect((await scan('--period', '2016')).map((p) => p.item)).toEqual([b]);
    await s.ok(['void', a, '--reason', '登记错误']);
    // b is now the earliest: c points to it.
    expect((await scan()).map((p) => [p.item, p.original])).toEqual([[c, b]]);
  });

  it('refuses a threshold out of range; a higher threshold proposes fewer pairs', async () => {
    expect((await s.cli(['dup', 'scan', '--threshold', '0.1'])).code).toBe(2);
    expect((await s.cli(['dup', 'scan', '--threshold', 'x'])).code).toBe(2);
    expect((await s.cli(['dup', 'scan', '--threshold', '1.5'])).code).toBe(2);
    await complaint('2016-03-01', BRIBE, '张建国', '榆中县城关镇人民政府');
    // Same accused and unit, an unrelated matter: proposed at 0.6 (the same person and place) but not at 0.95.
    await complaint('2016-04-01', '反映张建国生活作风不检点，经常参与赌博', '张建国', '城关镇人民政府');
    expect(await scan('--threshold', '0.95')).toEqual([]);
    expect(await scan('--threshold', '0.6')).toHaveLength(1);
  });
});

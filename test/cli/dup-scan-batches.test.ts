// dup scan holds the write lock only for short batches (issue 10): the index is computed outside
// the lock and stored a batch of item ids at a time, each batch with its marks in one transaction.
// Other clerks register between batches; what they register is the next scan's; a scan that dies
// between batches leaves an index the next scan completes, with the same pairs. On every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from '../../src/store/registry.js';
import { openVault, type UseCaseContext } from '../../src/usecases/context.js';
import { scanDuplicates } from '../../src/usecases/dupscan.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const BRIBE = '反映张建国在担任榆中县城关镇人民政府镇长期间，利用职务便利，在农村公路建设项目中收受他人财物5万元。请求组织调查处理。';
const BRIBE_AGAIN = '举报张建国在担任城关镇人民政府镇长时,利用职务之便,在农村公路建设项目中收取他人钱物５万元；该问题此前已多次反映，至今未得到解决';
const FEES = '反映孙七在担任红古区教育局副局长期间违规收取学生补课费用，并将部分费用据为己有，群众反映强烈。';
const FEES_AGAIN = '再次反映孙七任红古区教育局副局长时违规收取补课费，部分费用被其个人占有，请求查处。';

/** Seven items: two repeats of one complaint, one of another, and unrelated ones. */
async function seven(s: CliSandbox): Promise<string[]> {
  const rows: Record<string, string>[] = [
    { received: '2016-03-01', summary: BRIBE, 'accused-name': '张建国', 'accused-unit': '榆中县城关镇人民政府' },
    { received: '2016-03-02', summary: FEES, 'accused-name': '孙七', 'accused-unit': '红古区教育局' },
    { received: '2016-03-03', summary: '反映某村村委会主任在低保评定中优亲厚友，把自家亲属评为低保户', 'accused-name': '刘某', 'accused-unit': '新集乡某村村委会' },
    { received: '2016-04-10', summary: BRIBE_AGAIN, 'accused-name': '张建国', 'accused-unit': '城关镇人民政府' },
    { received: '2016-04-11', summary: '反映某局工作人员上班时间炒股，长期不在岗，影响工作开展', 'accused-name': '陈某', 'accused-unit': '永登县统计局' },
    { received: '2016-05-20', summary: FEES_AGAIN, 'accused-name': '孙七', 'accused-unit': '兰州市红古区教育局' },
    { received: '2016-06-01', summary: BRIBE, 'accused-name': '张建国', 'accused-unit': '榆中县城关镇人民政府', channel: '来访' },
  ];
  const codes: string[] = [];
  for (const r of rows) codes.push(await registerOk(s, r));
  return codes;
}

describe.each(testRegistries)('dup scan in batches on $engine', (registry) => {
  let s: CliSandbox;
  let reference: unknown;
  let reg: Registry;
  let ctx: UseCaseContext;
  beforeEach(async () => {
    // The pairs of one scan that stores everything at once, on a registry of the same items.
    const t = await cliSandbox(registry);
    try {
      await seven(t);
      reference = JSON.parse(await t.ok(['dup', 'scan', '--json']));
    } finally {
      await t.cleanup();
    }
    s = await cliSandbox(registry);
    await seven(s);
    reg = await Registry.open(s.db, { create: false });
    ctx = { registry: reg, now: () => new Date(), operator: 'tester', env: s.env, warn: () => {}, vault: () => openVault(reg, s.env, () => {}) };
  });
  afterEach(async () => {
    await reg.close();
    await s.cleanup();
  });

  it('stores the index two items a batch; a clerk registers between batches; that item is the next scan\'s', async () => {
    expect(reference).toHaveLength(3);
    const marks: number[] = [];
    let registered = '';
    const r = await scanDuplicates(ctx, {
      extend: {
        batchItems: 2,
        afterBatch: async (mark) => {
          marks.push(mark);
          // Another connection writes while the scan is between batches: the lock is free.
          if (marks.length === 1) registered = await registerOk(s, { received: '2016-07-01', summary: '反映某镇干部违规发放补贴，群众意见很大', 'accused-name': '马某', 'accused-unit': '某镇人民政府' });
        },
      },
    });
    expect(marks).toEqual([2, 4, 6, 7]);
    expect(registered).toBe('2016-0008');
    expect(r.index).toMatchObject({ signed: 7, resigned: 0 });
    expect(r.candidates).toEqual(reference);
    const next = await scanDuplicates(ctx);
    expect(next.index).toEqual({ signed: 1, resigned: 0, pairs: 0 });
    expect(next.candidates).toEqual(reference);
  });

  it('a scan that fails between batches leaves an index the next scan completes, with the same pairs', async () => {
    await expect(scanDuplicates(ctx, { extend: { batchItems: 3, afterBatch: () => { throw new Error('killed'); } } })).rejects.toThrow('killed');
    const next = await scanDuplicates(ctx, { extend: { batchItems: 3 } });
    expect(next.index).toMatchObject({ signed: 4, resigned: 0 });
    expect(next.candidates).toEqual(reference);
    // And an amendment after that is signed again in the first batch of the scan after.
    await s.ok(['amend', '2016-0004', '--accused-unit', '永登县新集乡人民政府', '--reason', '单位录入错误']);
    const amended = await scanDuplicates(ctx, { extend: { batchItems: 3 } });
    expect(amended.index).toMatchObject({ signed: 1, resigned: 1 });
  });

  it('a scan whose marks another scan moved between its batches goes on from the new marks', async () => {
    let other: Awaited<ReturnType<typeof scanDuplicates>> | undefined;
    const r = await scanDuplicates(ctx, {
      extend: {
        batchItems: 2,
        afterBatch: async () => { other ??= await scanDuplicates(ctx, { extend: { batchItems: 3 } }); },
      },
    });
    // The other scan stored items 3 to 7; this one stored items 1 and 2, then found its marks moved.
    expect(other!.index).toMatchObject({ signed: 5 });
    expect(r.index).toMatchObject({ signed: 2 });
    expect(r.candidates).toEqual(reference);
    expect(other!.candidates).toEqual(reference);
    expect((await scanDuplicates(ctx)).index).toEqual({ signed: 0, resigned: 0, pairs: 0 });
  });
});

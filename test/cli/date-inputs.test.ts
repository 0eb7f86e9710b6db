// Date inputs scripts and clerks get wrong (issue 12), through the one date parser, on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('date inputs on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const register = (received: string) =>
    s.cli(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received]);

  it('registers 2016 年 6 月 3 日 and 2016年6月3日 上午9时 as 2016-06-03', async () => {
    for (const received of ['2016 年 6 月 3 日', '2016年6月3日 上午9时', '2016年6月3日 下午3点', '2016/6/3 0:00', '２０１６年６月３日']) {
      const r = await register(received);
      expect(r.code, `${received}: ${r.stderr}`).toBe(0);
    }
    const items = JSON.parse(await s.ok(['list', '--json'])) as { received: string }[];
    expect(items.map((i) => i.received)).toEqual(Array(5).fill('2016-06-03'));
  });

  it('a year out of range says the range; an Excel serial says which date it is', async () => {
    const old = await register('1016-06-03');
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('年份须在 1949 至 2100 之间');
    expect(old.stderr).not.toContain('日期不存在');
    const serial = await register('42524');
    expect(serial.code).toBe(2);
    expect(serial.stderr).toContain('看起来是 Excel 的日期序列号（即 2016-06-03）');
  });

  it('every date option of list goes through the same parser', async () => {
    const from = await s.cli(['list', '--from', '42524']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from “42524”：看起来是 Excel 的日期序列号（即 2016-06-03），不是日期');
    expect(from.stderr).toContain('提示：写成 2016-06-03');
    const asOf = await s.cli(['--lang', 'en', 'list', '--as-of', '1016-06-03']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of "1016-06-03": the year must be between 1949 and 2100');
    expect((await s.cli(['list', '--to', '2016年6月3日 下午3点'])).code).toBe(0);
  });

  it('a bad period names what is wrong and the accepted forms', async () => {
    const month = await s.cli(['list', '--period', '2016-13']);
    expect(month.code).toBe(2);
    expect(month.stderr).toContain('--period “2016-13”：月份须在 01 至 12 之间（可用：2016、2016-H1、2016-Q2、2016-06、2016-01-01..2016-06-21、ytd）');
    const quarter = await s.cli(['--lang', 'en', 'list', '--period', '2016-Q5']);
    expect(quarter.code).toBe(2);
    expect(quarter.stderr).toContain('--period "2016-Q5": a quarter is Q1 to Q4 (accepted: 2016, 2016-H1, 2016-Q2, 2016-06, 2016-01-01..2016-06-21, ytd)');
  });
});

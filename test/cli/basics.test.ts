// The basic commands in-process on every engine: init, register, list, show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('basics on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('registers items under gap-free codes per year and lists them', async () => {
    const reg = (received: string) => s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', received]);
    expect([await reg('2016-06-21'), await reg('2016/6/22'), await reg('2017年1月3日')]).toEqual(['2016-0001', '2016-0002', '2017-0001']);
    const list = JSON.parse(await s.ok(['list', '--json'])) as { code: string }[];
    expect(list.map((i) => i.code)).toEqual(['2016-0001', '2016-0002', '2017-0001']);
  });

  it('list --search matches text literally (% and _ are plain characters), ignoring ASCII case, on every engine', async () => {
    const reg = (summary: string, ref: string) => s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', summary, '--ref', ref, '--received', '2016-06-01']);
    await reg('补贴50%未发放', 'Ab-1');
    await reg('补贴500元未发放', 'x_y');
    await reg('补贴5000元', 'xzy');
    const codes = async (...args: string[]) => (JSON.parse(await s.ok(['list', '--json', ...args])) as { code: string }[]).map((i) => i.code);
    expect(await codes('--search', '50%')).toEqual(['2016-0001']);
    expect(await codes('--search', 'x_y')).toEqual(['2016-0002']);
    expect(await codes('--search', 'aB-1')).toEqual(['2016-0001']);
    expect(await codes('--search', '\\')).toEqual([]);
  });
});

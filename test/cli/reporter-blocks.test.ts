// Sealed reporter blocks (issue 8 items 1 and 12; SPEC 5): columns sealed with the reporter are
// kept and shown only by reveal; one damaged block makes only its own items' reporters unreadable,
// and audit verify names them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { rawSql } from '../support/raw.js';

describe.each(testRegistries)('sealed reporter blocks on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const q = (text: string) => rawSql(registry.engine, s.db, text);

  it('a column sealed with --map HEADER=sealed is kept, shown by reveal alone, and never stored in plaintext', async () => {
    const csv = join(s.dir, 'cases.csv');
    writeFileSync(csv, '来文编号,转办机关,收件日期,内容摘要,反映人,举报人姓名及电话\n甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-22,反映问题,李四,李四 13900000001\n');
    const r = await s.cli(['import', csv, '--map', '举报人姓名及电话=sealed', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const shown = await s.ok(['show', '2016-0001', '--json']);
    expect(shown).not.toContain('13900000001');
    const revealed = JSON.parse(await s.ok(['reveal', '2016-0001', '--reason', '核实', '--json'])) as { sealed: Record<string, string> };
    expect(revealed.sealed).toEqual({ 举报人姓名及电话: '李四 13900000001' });
    const all = JSON.stringify(await q('SELECT * FROM items'));
    expect(all).not.toContain('13900000001');
  });

  it('one damaged block: only its items show the reporter as damaged, the rest list as usual, and verify names them (exit 5)', async () => {
    const reg = (phone: string) => s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映问题', '--received', '2016-06-21',
      '--reporter-name', '王小明', '--reporter-phone', phone]);
    await reg('13800000001');
    await reg('13800000002');
    await q("UPDATE reporter_blocks SET data = " + (registry.engine === 'sqlite' ? "x'0102030405060708091011121314151617181920212223242526272829'" : "'\\x0102030405060708091011121314151617181920212223242526272829'::bytea") + ' WHERE id = 1');
    const list = await s.cli(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const items = JSON.parse(list.stdout) as { code: string; reporterDamaged: boolean; reporterPhone: string | null }[];
    expect(items.map((i) => [i.code, i.reporterDamaged, i.reporterPhone])).toEqual([['2016-0001', true, null], ['2016-0002', false, '138****0002']]);
    expect((await s.cli(['show', '2016-0001'])).stdout).toContain('（已损坏）');
    const reveal = await s.cli(['reveal', '2016-0001', '--reason', '核实']);
    expect(reveal.code).toBe(5);
    const verify = await s.cli(['audit', 'verify']);
    expect(verify.code).toBe(5);
    expect(verify.stderr).toContain('2016-0001');
    expect(verify.stderr).not.toContain('2016-0002');
  });
});

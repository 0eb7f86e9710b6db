// Reporter data under headers the matcher does not know (SPEC 5, issue 8 item 1): mapped to the
// reporter field when unambiguous, sealed with --map HEADER=sealed, or the import refused with a
// hint naming the column; never kept verbatim in `extra`, never in plaintext in the registry file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const NOW = () => new Date('2016-12-31T10:00:00+08:00');

describe.each(testRegistries)('reporter data in unknown columns on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const write = (name: string, lines: string[]) => {
    const path = join(s.dir, name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };
  const imp = (args: string[]) => s.cli(['import', ...args], { now: NOW });
  const listJson = async () => s.ok(['list', '--json'], { now: NOW });
  /** Whether a value can be found in plaintext in the registry's files. */
  const inRegistryFile = (value: string) => s.engine === 'sqlite' && readFileSync(s.db).includes(Buffer.from(value));

  it('maps 举报人身份证号码, 实名举报人电话 and 信访人姓名 to the reporter fields', async () => {
    const file = write('a.csv', [
      '来文编号,转办机关,收件日期,内容摘要,信访人姓名,实名举报人电话,举报人身份证号码',
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映某局长收受礼金,王小明,13912340003,11010519491231002X',
    ]);
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, unknownColumns: [] });
    const out = await listJson();
    expect(out).not.toContain('13912340003');
    expect(out).not.toContain('11010519491231002X');
    const [item] = JSON.parse(out) as Record<string, any>[];
    expect(item).toMatchObject({ reporterName: '王*', realName: true, extra: {} });
    const shown = await s.ok(['reveal', '2016-0001', '--reason', '核对', '--json'], { now: NOW });
    expect(shown).toContain('13912340003');
    expect(shown).toContain('11010519491231002X');
    expect(inRegistryFile('13912340003')).toBe(false);
  });

  it('refuses an ambiguous column, naming it and the --map choices; with =sealed the values are never plaintext', async () => {
    const lines = [
      '来文编号,转办机关,收件日期,内容摘要,举报人姓名及电话,手机号码,联系电话',
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映某局长收受礼金,王小明 13912340003,13912340004,13912340005',
    ];
    const file = write('b.csv', lines);
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“举报人姓名及电话”');
    expect(r.stderr).toContain('--map "举报人姓名及电话=sealed"');
    // 手机号码 names the phone, but 联系电话 already gives it.
    expect(r.stderr).toContain('“手机号码”');
    expect(r.stderr).not.toContain('13912340003');
    expect(JSON.parse(await listJson())).toEqual([]);

    const ok = await imp([file, '--map', '举报人姓名及电话=sealed', '--map', '手机号码=sealed', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const out = await listJson();
    expect(JSON.parse(out)[0].extra).toEqual({});
    for (const v of ['13912340003', '13912340004', '王小明']) {
      expect(out).not.toContain(v);
      expect(inRegistryFile(v)).toBe(false);
    }
    expect(await s.ok(['show', '2016-0001'], { now: NOW })).not.toContain('13912340003');
  });

  it('refuses a column whose values look like phone numbers, and rows that slip one into a kept column', async () => {
    const file = write('c.csv', [
      '来文编号,转办机关,收件日期,内容摘要,备用',
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映甲事,13912340003',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-04,反映乙事,139 1234 0004',
    ]);
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 5 列“备用”');
    expect(r.stderr).toContain('其中的值像电话号码');
    expect(r.stderr).toContain('--map "备用=ignore"');

    const ignored = await imp([file, '--map', '备用=ignore', '--json']);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(JSON.parse(await listJson()).map((i: any) => i.extra)).toEqual([{}, {}]);

    // A kept column whose first rows are text, with a bare number further down: that row is refused, masked.
    const mixed = write('d.csv', [
      '来文编号,转办机关,收件日期,内容摘要,备注',
      '甘纪转〔2016〕3号,甘肃省纪委监委,2016-06-05,反映丙事,加急',
      '甘纪转〔2016〕4号,甘肃省纪委监委,2016-06-06,反映丁事,请核实',
      '甘纪转〔2016〕5号,甘肃省纪委监委,2016-06-07,反映戊事,13912340009',
    ]);
    const m = await imp([mixed]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('第 4 行，“备注”列：“139****0009”');
    expect(m.stderr).not.toContain('13912340009');
    expect(m.stderr).toContain('--map "备注=sealed"');
  });

  it('--map HEADER=extra keeps a column the clerk says holds no reporter data', async () => {
    const file = write('e.csv', ['来文编号,转办机关,收件日期,内容摘要,信访人数', '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映甲事,3']);
    expect((await imp([file])).code).toBe(2);
    const r = await imp([file, '--map', '信访人数=extra', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await listJson())[0].extra).toEqual({ 信访人数: '3' });
  });
  // Issue 8 item 1, second review: numbers inside text or in odd forms, contact and party headers, and --map H=extra.
  const ODD_FORMS = [
    "'13912340003", '13912340003；13812345678', 'tel:13912340003', '139.1234.0003', '王五13912340003',
    '实名举报人王五，电话139 1234 0003', '举报人：王五 身份证620105199001011234',
  ];
  const rowsWith = (header: string, cells: readonly string[]) => [
    `来文编号,转办机关,收件日期,内容摘要,${header}`,
    ...cells.map((c, n) => `甘纪转〔2016〕${n + 1}号,甘肃省纪委监委,2016-06-${String(n + 3).padStart(2, '0')},反映第${n + 1}事,"${c}"`),
  ];

  it('refuses a remark column whose cells carry phone or ID numbers in any form; sealed, none is in plaintext', async () => {
    const file = write('odd.csv', rowsWith('备注', ODD_FORMS));
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 5 列“备注”');
    expect(r.stderr).toContain('其中的值含有电话号码');
    expect(r.stderr).toContain('--map "备注=sealed"');
    expect(r.stderr).not.toContain('--map "备注=reporterPhone"');
    for (const v of ['13912340003', '620105199001011234', '王五']) expect(r.stderr).not.toContain(v);
    expect(JSON.parse(await listJson())).toEqual([]);

    const ok = await imp([file, '--map', '备注=sealed', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ imported: ODD_FORMS.length });
    const out = await listJson();
    expect(JSON.parse(out).map((i: any) => i.extra)).toEqual(ODD_FORMS.map(() => ({})));
    for (const v of ['13912340003', '13812345678', '1234.0003', '139 1234 0003', '620105199001011234', '王五']) {
      expect(out).not.toContain(v);
      expect(inRegistryFile(v)).toBe(false);
    }
    const shown = await s.ok(['reveal', '2016-0006', '--reason', '核对', '--json'], { now: NOW });
    expect(shown).toContain('实名举报人王五，电话139 1234 0003');
  });

  it.each(ODD_FORMS)('refuses the row whose kept column carries %s, naming the column and --map, the number masked', async (odd) => {
    const file = write('row.csv', rowsWith('附言', ['加急', '请核实', '已电话联系', odd]));
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/第 5 行，“附言”列：“(139\*\*\*\*0003|620105\*{8}1234)”/);
    expect(r.stderr).toContain('--map "附言=sealed"');
    for (const v of ['13912340003', '620105199001011234', '王五']) expect(r.stderr).not.toContain(v);
    expect(JSON.parse(await listJson())).toEqual([]);
  });

  it.each([['电子邮箱', 'wangwu@example.com'], ['邮箱', 'wangwu@example.com'], ['当事人', '王五']])(
    'refuses a %s column and seals it on --map =sealed', async (header, value) => {
      const file = write('contact.csv', rowsWith(header, [value]));
      const r = await imp([file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`第 5 列“${header}”`);
      expect(r.stderr).toContain(`--map "${header}=sealed"`);
      expect((await imp([file, '--map', `${header}=sealed`])).code).toBe(0);
      const out = await listJson();
      expect(JSON.parse(out)[0].extra).toEqual({});
      expect(out).not.toContain(value);
      expect(inRegistryFile(value)).toBe(false);
    });

  it('refuses --map H=extra for a column recognised as reporter data, saying why and what to use', async () => {
    const file = write('keep.csv', [
      '来文编号,转办机关,收件日期,内容摘要,举报人电话,备注',
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映某局长收受礼金,13912340003,电话13812345678',
    ]);
    const r = await imp([file, '--map', '举报人电话=extra', '--map', '备注=extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--map “举报人电话=extra”：第 5 列“举报人电话”是反映人信息（列名指向反映人信息）');
    expect(r.stderr).toContain('--map "举报人电话=reporterPhone"');
    expect(r.stderr).toContain('--map “备注=extra”：第 6 列“备注”是反映人信息（其中有电话号码）');
    expect(r.stderr).toContain('--map "备注=sealed"');
    for (const v of ['13912340003', '13812345678']) expect(r.stderr).not.toContain(v);
    expect(JSON.parse(await listJson())).toEqual([]);
  });

  it('keeps remarks with references, dates, money and postcodes verbatim', async () => {
    const cells = ['甘纪转〔2016〕12号', '2016-06-03 已转', '涉及金额 1,234,567.89 元', '邮编730000', '2016.6.3 13:00 来电', '12345678.00元'];
    const file = write('plain.csv', rowsWith('备注', cells));
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await listJson()).map((i: any) => i.extra.备注)).toEqual(cells);
  });
});

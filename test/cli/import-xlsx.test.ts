// .xlsx import (SPEC 7): the first sheet or --sheet NAME, dates and numbers as Excel stores them,
// then the same validation as CSV. Files are made in the test with write-excel-file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const NOW = () => new Date('2016-12-31T10:00:00+08:00');
type Cell = string | number | Date | null | { value: unknown; type?: unknown; format?: string };

describe.each(testRegistries)('.xlsx import on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const xlsx = async (name: string, sheets: { sheet: string; data: Cell[][] }[]) => {
    const path = join(s.dir, name);
    await (writeExcelFile as any)(sheets.map((x) => ({ sheet: x.sheet, data: x.data }))).toFile(path);
    return path;
  };
  const imp = (args: string[]) => s.cli(['import', ...args], { now: NOW });
  const items = async () => JSON.parse(await s.ok(['list', '--json'], { now: NOW })) as Record<string, any>[];
  const date = (y: number, m: number, d: number) => ({ value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'yyyy-mm-dd' });

  const HEADER = ['序号', '来文编号', '转办机关', '收文日期', '信访形式', '反映人', '身份证号', '被反映人', '工作单位及职务', '问题性质', '内容摘要'];

  it('imports the first sheet: title row, date cells, serial numbers, total row; the same validation as CSV', async () => {
    const file = await xlsx('清单.xlsx', [
      {
        sheet: '6月', data: [
          ['甘肃省纪委监委转办信访件清单（2016年6月）', null, null, null, null, null, null, null, null, null, null],
          HEADER,
          [1, '甘纪转〔2016〕12号', '甘肃省纪委监委', date(2016, 6, 3), '来信', '王小明', '11010519491231002X', '张三', '某县交通运输局局长', '违反廉洁纪律', '反映张三收受礼金'],
          [2, '甘纪转〔2016〕13号', '甘肃省纪委监委', 42525, '来访', null, null, '李四', '某镇人民政府', '违反群众纪律', '=反映李四优亲厚友'],
          ['合计', '共2件', null, null, null, null, null, null, null, null, null],
        ],
      },
      { sheet: '7月', data: [HEADER, [1, '甘纪转〔2016〕20号', '甘肃省纪委监委', date(2016, 7, 1), '来信', null, null, '王五', '某村委会主任', '违反廉洁纪律', '反映王五侵占集体资金']] },
    ]);
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encoding: 'xlsx', rows: 2, imported: 2, rejected: 0, unknownColumns: [] });
    const list = await items();
    expect(list.map((i) => [i.ref, i.received, i.channel, i.accusedUnit, i.accusedPost, i.category, i.summary])).toEqual([
      ['甘纪转〔2016〕12号', '2016-06-03', 'letter', '某县交通运输局', '局长', '违反廉洁纪律', '反映张三收受礼金'],
      ['甘纪转〔2016〕13号', '2016-06-04', 'visit', '某镇人民政府', null, '违反群众纪律', '=反映李四优亲厚友'],
    ]);
    expect(list[0]).toMatchObject({ reporterName: '王*', extra: {} });

    // Importing the same spreadsheet again changes nothing.
    expect(JSON.parse((await imp([file, '--json'])).stdout)).toMatchObject({ imported: 0, alreadyPresent: 2, conflicts: 0 });
  });

  it('--sheet picks a sheet by name; a missing sheet lists those there are; --sheet with CSV is an error', async () => {
    const file = await xlsx('two.xlsx', [
      { sheet: '说明', data: [['本表为转办清单']] },
      // Blank columns at the right, as Excel keeps cells it once formatted.
      { sheet: '清单', data: [['来文编号', '转办机关', '收件日期', '内容摘要', null, { value: ' ', type: String }], ['甘纪转〔2016〕1号', '甘肃省纪委监委', date(2016, 6, 3), '反映甲事', null, { value: ' ', type: String }]] },
    ]);
    const first = await imp([file]);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('没有收件日期列');
    const named = await imp([file, '--sheet', '清单', '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ imported: 1, unknownColumns: [] });
    const missing = await imp([file, '--sheet', '8月']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('说明、清单');
    const csv = join(s.dir, 'a.csv');
    writeFileSync(csv, '收件日期,内容摘要\r\n2016-06-03,x\r\n');
    const wrong = await imp([csv, '--sheet', '清单']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--sheet');
  });

  it('an ID stored as a number is reported as damaged by Excel, and a bad row is rejected with its row number', async () => {
    const file = await xlsx('ids.xlsx', [{
      sheet: 'Sheet1', data: [
        ['来文编号', '转办机关', '收件日期', '反映人', '身份证号', '内容摘要'],
        ['甘纪转〔2016〕1号', '甘肃省纪委监委', date(2016, 6, 3), '王甲', 620105199001011234, '反映甲事'],
        ['甘纪转〔2016〕2号', '甘肃省纪委监委', '2016-02-30', '李乙', null, '反映乙事'],
      ],
    }]);
    const r = await imp([file, '--skip-invalid', '--rejects', join(s.dir, 'ids.rejects.csv'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Excel');
    expect(r.stderr).toContain('第 3 行，“收件日期”列：“2016-02-30”：日期不存在');
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, rejected: 1, warnings: 1 });
  });

  it('refuses an old .xls file and a damaged .xlsx with what to do instead', async () => {
    const xls = join(s.dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const r = await imp([xls]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.xls');
    expect(r.stderr).toContain('另存为');
    const broken = join(s.dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]));
    const b = await imp([broken]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('不是有效的 .xlsx 文件');
  });
});

// `-o FILE.xlsx` for listing commands (SPEC 6): list and export write one sheet, headers in the
// clerk's language, every CSV column, text cells (a formula is shown, never run: SPEC 5), dates as
// ISO text; the file owner-only and written atomically; refused on a terminal and above the row
// limit, suggesting CSV. On every engine.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listingXlsx, listingSheetName } from '../../src/cli/render/xlsx-listing.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const FORMULA = '=HYPERLINK("http://evil.example/","点我")';

async function readBook(path: string | Buffer) {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  return readXlsxFile(path as Buffer);
}

describe.each(testRegistries)('listings as .xlsx on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('list -o FILE.xlsx: one sheet, Chinese headers, a row per item as a person reads it, text cells, mode 0600', async () => {
    const a = await registerOk(s, { received: '2016-06-01', 'accused-name': '张某', 'accused-unit': '某县交通局', summary: FORMULA });
    await registerOk(s, { received: '2016-06-02', source: '上级转办', 'forwarded-by': '甘肃省纪委监委', ref: '甘纪转〔2016〕12号' });
    await s.ok(['assign', a, '--to', '第一监察室', '--on', '2016-06-03']);
    const out = join(s.dir, '6月信访件.xlsx');
    const r = await s.cli(['list', '-o', out, '--as-of', '2016-06-30']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`已写入 ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(s.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const book = await readBook(out);
    expect(book.map((x) => x.sheet)).toEqual(['6月信访件']);
    const [header, first, second, ...rest] = book[0]!.data as unknown[][];
    expect(rest).toEqual([]);
    expect(header!.slice(0, 3)).toEqual(['编号', '收件日期', '来源']);
    expect(header).toContain('承办部门');
    expect(header).toContain('内容摘要');
    const cell = (row: unknown[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(cell(first, '编号')).toBe(a);
    expect(cell(first, '收件日期')).toBe('2016-06-01'); // a date as ISO text, as in CSV
    expect(cell(first, '来源')).toBe('本级受理');
    expect(cell(first, '承办部门')).toBe('第一监察室');
    expect(cell(first, '内容摘要')).toBe(FORMULA); // a text cell: shown, never a formula
    expect(cell(second, '转办机关')).toBe('甘肃省纪委监委');
    expect(cell(second, '来源')).toBe('上级转办');
    expect(cell(second, '承办部门')).toBeNull();
  });

  it('export -o FILE.xlsx: the export\'s columns (reporter fields masked), filters and --office combine with list -o', async () => {
    await registerOk(s, { received: '2016-06-01', 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    const b = await registerOk(s, { received: '2016-06-02' });
    await s.ok(['assign', b, '--to', '第二监察室', '--on', '2016-06-03']);
    const out = join(s.dir, 'items.xlsx');
    const r = await s.cli(['export', '-o', out, '--as-of', '2016-06-30']);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = (await readBook(out))[0]!.data as unknown[][];
    expect(rows).toHaveLength(3);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('13812345678');
    expect(rows[0]).toContain('反映人');

    const office = join(s.dir, 'office.xlsx');
    await s.ok(['list', '--office', '第二监察室', '--as-of', '2016-06-30', '-o', office]);
    const listed = (await readBook(office))[0]!.data as unknown[][];
    expect(listed.map((row) => row[0])).toEqual(['编号', b]);
  });

  it('--format xlsx on a terminal is refused (exit 2) before anything is read; piped, the bytes go to stdout', async () => {
    await registerOk(s);
    const tty = await s.cli(['list', '--format', 'xlsx'], { tty: { stdout: true } });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain('不能显示在终端上');
    const piped = await s.cli(['list', '--format', 'xlsx']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout.startsWith('PK')).toBe(true);
  });
});

describe('the spreadsheet of a listing (xlsx-listing.ts)', () => {
  async function* pages(n: number, size: number) {
    for (let i = 0; i < n; i += size) yield Array.from({ length: Math.min(size, n - i) }, (_, k) => [`2016-${String(i + k + 1).padStart(4, '0')}`, 3, true, null]);
  }

  it('numbers stay numbers, booleans read 是/否, empty cells stay empty', async () => {
    const { bytes, count } = await listingXlsx(['编号', '分数', '实名', '备注'], pages(2, 10), { lang: 'zh', sheet: '列表' });
    expect(count).toBe(2);
    const rows = (await readBook(bytes))[0]!.data;
    expect(rows).toEqual([['编号', '分数', '实名', '备注'], ['2016-0001', 3, '是', null], ['2016-0002', 3, '是', null]]);
  });

  it('refuses more rows than the limit with advice to write CSV (a usage error)', async () => {
    await expect(listingXlsx(['编号', '分数', '实名', '备注'], pages(12, 5), { lang: 'zh', sheet: 'x', maxRows: 10 }))
      .rejects.toMatchObject({ kind: 'usage', text: { zh: expect.stringContaining('超过 10 行') }, hint: { zh: expect.stringContaining('.csv') } });
    await expect(listingXlsx(['a', 'b', 'c', 'd'], pages(10, 5), { lang: 'en', sheet: 'x', maxRows: 10 })).resolves.toMatchObject({ count: 10 });
  });

  it('names the sheet after the file, within Excel\'s rules', () => {
    expect(listingSheetName('/tmp/2016年信访件.xlsx', 'zh')).toBe('2016年信访件');
    expect(listingSheetName('a[1]:b?.xlsx', 'en')).toBe('a 1 b');
    expect(listingSheetName(undefined, 'zh')).toBe('列表');
    expect([...listingSheetName(`${'很长的名字'.repeat(10)}.xlsx`, 'zh')]).toHaveLength(31);
  });
});


// Terminal tables (issue 12; SPEC 6): never wider than the terminal, every wide column wrapped by
// display width (a Chinese character is two columns), the summary given the room, rows written
// page by page with widths fixed from the first page, and time of the same order as piped output.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlainTable, TerminalTable, displayWidth, fitColumns, renderTable, wrapText } from '../../src/cli/render/table.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const GOLDEN = new URL('./golden/list-100-columns.txt', import.meta.url);

const HEADER = ['编号', '收件日期', '来源', '信访形式', '被反映人', '被反映人单位', '问题类别', '内容摘要', '状态'];
const WIDE = [false, false, false, false, false, false, false, true, false];
const ROWS = [
  ['2016-0001', '2016-06-03', '上级转办', '来信', '张某', '甘肃省兰州市某区交通运输局', '违反中央八项规定精神', '反映张某在2016年春节期间多次收受下属单位及管理服务对象所送购物卡、礼金，并违规公款吃喝，金额较大。', '待处置'],
  ['2016-0002', '2016-06-05', '本级受理', '网络举报', '李某某', '某县教育局', '违反廉洁纪律', 'Reports that the director took gifts (English text wraps at spaces).', '重复件'],
  ['2016-0003', '2016-06-07', '公检法移交', '来访', '', '', '', '短摘要', '已处置'],
];

describe('wrapText and displayWidth', () => {
  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('编号')).toBe(4);
    expect(displayWidth('2016-0001')).toBe(9);
    expect(displayWidth('（你好）ab')).toBe(10);
  });

  it('wraps Chinese by display width, never before closing punctuation, and Latin at spaces', () => {
    expect(wrapText('反映张某收受礼金问题', 8)).toEqual(['反映张某', '收受礼金', '问题']);
    expect(wrapText('一二三，四', 6)).toEqual(['一二', '三，四']);
    expect(wrapText('the director took gifts', 10)).toEqual(['the', 'director', 'took gifts']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapText('见PostgreSQL登记库', 10)).toEqual(['见', 'PostgreSQL', '登记库']);
    // Closing punctuation takes a code before it along whole, not its last character.
    expect(wrapText('期间：2016、2016-H1、2016-Q2、2016-06', 28)).toEqual(['期间：2016、2016-H1、', '2016-Q2、2016-06']);
    // A list of choices longer than a line is cut after a |.
    expect(wrapText('source|channel|kind|category', 18)).toEqual(['source|channel|', 'kind|category']);
    // An odd width never lets a wide character stick out.
    for (const line of wrapText('一二三四五六七八九十', 5)) expect(displayWidth(line)).toBeLessThanOrEqual(5);
  });
});

describe('fitColumns', () => {
  it('keeps natural widths that fit, and otherwise narrows the long columns with the wide one counting double', () => {
    expect(fitColumns([9, 10, 20], [false, false, true], 80)).toEqual([9, 10, 20]);
    const w = fitColumns([9, 10, 8, 8, 6, 26, 20, 94, 6], WIDE, 100);
    expect(w.slice(0, 5)).toEqual([9, 10, 8, 8, 6]); // short columns keep their width
    expect(w[8]).toBe(6);
    expect(w.reduce((a, b) => a + b, 0) + 2 * 8).toBe(100);
    expect(w[7]!).toBeGreaterThanOrEqual(2 * Math.min(w[5]!, w[6]!) - 1); // the summary gets the room
  });
});

describe('TerminalTable', () => {
  it('lays out the demo listing within a 100-column terminal (golden)', async () => {
    const out = await renderTable(HEADER, ROWS, { tty: true, color: false, width: 100, wide: WIDE });
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    // Every character of every cell is still there, only wrapped.
    const chars = (t: string) => [...t.replace(/[\s─]/g, '')].sort().join('');
    expect(chars(out)).toBe(chars([HEADER, ...ROWS].flat().join('')));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, out);
    expect(out).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('keeps within the terminal at any width, and colours only the header when asked', async () => {
    for (const width of [40, 60, 80, 120, 200]) {
      const out = await renderTable(HEADER, ROWS, { tty: true, color: false, width, wide: WIDE });
      const widest = Math.max(...out.split('\n').map(displayWidth));
      expect(widest).toBeLessThanOrEqual(width);
    }
    const coloured = await renderTable(HEADER, ROWS, { tty: true, color: true, width: 100, wide: WIDE });
    expect(coloured.split('\n')[0]).toMatch(/^\x1b\[1m/);
    const body = coloured.slice(coloured.indexOf('─'));
    expect(body.slice(body.indexOf('\n'))).not.toContain('\x1b'); // rows are plain text
  });

  it('fixes its widths from the first page: a longer later row wraps instead of widening the table', () => {
    const t = new TerminalTable(HEADER, ROWS.slice(2), { width: 100, color: false, wide: WIDE });
    const before = [...t.widths];
    const later = t.lines([ROWS[0]!]);
    expect(t.widths).toEqual(before);
    for (const line of later.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it('draws 4,000 rows page by page in time of the same order as plain output', () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ROWS[i % 3]!.map((c, j) => (j === 0 ? `2016-${String(i + 1).padStart(4, '0')}` : c)));
    const pages = Array.from({ length: 8 }, (_, p) => rows.slice(p * 500, (p + 1) * 500));
    const time = (draw: () => void) => {
      const t0 = performance.now();
      draw();
      return performance.now() - t0;
    };
    const plain = time(() => {
      const t = new PlainTable(HEADER, pages[0]!);
      let n = t.head().length;
      for (const p of pages) n += t.lines(p).length;
      expect(n).toBeGreaterThan(0);
    });
    let firstPageAt = 0;
    const term = time(() => {
      const t0 = performance.now();
      const t = new TerminalTable(HEADER, pages[0]!, { width: 100, color: false, wide: WIDE });
      let n = t.head().length + t.lines(pages[0]!).length;
      firstPageAt = performance.now() - t0;
      for (const p of pages.slice(1)) n += t.lines(p).length;
      expect(n).toBeGreaterThan(0);
    });
    // The old layout (cli-table3 over all rows) took 18 s for 4,099 rows; linear work is well under a second.
    expect(term).toBeLessThan(Math.max(1000, plain * 20));
    expect(firstPageAt).toBeLessThan(term);
  });
});

describe.each(testRegistries)('list at a 100-column terminal on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('never draws wider than the terminal and wraps the summary', async () => {
    for (const r of ROWS) {
      await s.ok(['register', '--received', r[1]!, '--source', r[2]!, '--channel', r[3]!, '--summary', r[7]!,
        ...(r[4] ? ['--accused-name', r[4]] : []), ...(r[5] ? ['--accused-unit', r[5]] : []), ...(r[6] ? ['--category', r[6]] : []),
        ...(r[2] === '上级转办' ? ['--forwarded-by', '甘肃省纪委监委'] : [])]);
    }
    const r = await s.cli(['list'], { tty: { stdout: true }, env: { COLUMNS: '100', NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/^编号\s+收件日期/);
    expect(r.stdout).toContain('违反中央');
    const piped = await s.cli(['list']);
    expect(piped.stdout.split('\n').length).toBe(5); // header + 3 rows + final newline: one line per row
  });

  it('refuses --from after --to, and --json with --format csv, naming the rule', async () => {
    const range = await s.cli(['list', '--from', '2016-07-01', '--to', '2016-06-01']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('--from 2016-07-01 晚于 --to 2016-06-01：起始日期不能晚于截止日期');
    const both = await s.cli(['list', '--json', '--format', 'csv']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json 即 --format json，不能与 --format csv 同时使用');
    expect(both.stdout).toBe('');
    expect((await s.cli(['list', '--json', '--format', 'json'])).code).toBe(0);
  });
});

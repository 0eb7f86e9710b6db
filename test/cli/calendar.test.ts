// xinfang calendar in-process on every engine: the package's years, the office's years (add,
// import), and a year nobody covers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const now = () => new Date('2026-12-01T10:00:00+08:00');

describe.each(testRegistries)('calendar on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('the overview names the built-in years and warns that next year is not covered yet', async () => {
    const r = await s.cli(['calendar'], { now });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('内置数据（chinese-days）：2004–2026');
    expect(r.stdout).toContain('本单位录入：无');
    expect(r.stdout).toContain('2027 年：无数据，按周一至周五计算');
    expect(r.stderr).toContain('警告：2027 年没有节假日安排数据，工作日按周一至周五计算；收到国务院办公厅的放假通知后用 xinfang calendar add');
    // in June, next year's notice is not due yet: no warning
    const june = await s.cli(['calendar'], { now: () => new Date('2026-06-01T10:00:00+08:00') });
    expect(june.stderr).toBe('');
    expect(JSON.parse(await s.ok(['calendar', '--json'], { now }))).toMatchObject({ office: [], builtin: expect.arrayContaining([2004, 2016, 2026]) });
  });

  it('show 2016: the package’s holidays and make-up days', async () => {
    const text = await s.ok(['calendar', 'show', '2016']);
    expect(text).toContain('2016 年工作日安排（来源：内置数据（chinese-days））');
    expect(text).toContain('2016-10-01 星期六 .. 2016-10-07 星期五  7 天  国庆节');
    expect(text).toContain('2016-10-08 星期六  国庆节');
    const json = JSON.parse(await s.ok(['calendar', 'show', '2016', '--json']));
    expect(json).toMatchObject({ year: 2016, coverage: 'builtin', workdays: ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09'] });
  });

  it('show 2027 before anyone covers it: Monday to Friday, with a warning on stderr', async () => {
    const r = await s.cli(['calendar', 'show', '2027']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('没有放假和调休数据；工作日按周一至周五计算');
    expect(r.stderr).toContain('警告：2027 年没有节假日安排数据');
  });

  it('add enters the office’s 2027 days, audited, and show reads them back', async () => {
    const r = await s.cli(['calendar', 'add', '--holiday', '2027-01-01..2027-01-03', '--holiday', '2027-02-05..2027-02-11', '--workday', '2027-02-14,2027-02-20']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已录入 2027 年：放假 10 天、调休上班 2 天');
    const json = JSON.parse(await s.ok(['calendar', 'show', '2027', '--json']));
    expect(json).toMatchObject({ coverage: 'office', workdays: ['2027-02-14', '2027-02-20'] });
    expect(json.holidays).toHaveLength(10);
    // adding more keeps what is there
    await s.ok(['calendar', 'add', '--holiday', '2027-10-01..2027-10-07']);
    expect(JSON.parse(await s.ok(['calendar', 'show', '2027', '--json'])).holidays).toHaveLength(17);
    // --replace starts afresh
    await s.ok(['calendar', 'add', '--replace', '--holiday', '2027-01-01']);
    expect(JSON.parse(await s.ok(['calendar', 'show', '2027', '--json']))).toMatchObject({ holidays: ['2027-01-01'], workdays: [] });
    const audit = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: { year: number; via: string } }[];
    expect(audit.filter((e) => e.action === 'calendar').map((e) => [e.details.year, e.details.via])).toEqual([[2027, 'add'], [2027, 'add'], [2027, 'add']]);
    expect(JSON.parse(await s.ok(['calendar', '--json'], { now })).office).toEqual([2027]);
  });

  it('correcting one day of a built-in year keeps the package’s other days', async () => {
    const r = await s.cli(['calendar', 'add', '--workday', '2016-10-15']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2016 年今后以本单位录入的安排为准');
    const json = JSON.parse(await s.ok(['calendar', 'show', '2016', '--json']));
    expect(json.coverage).toBe('office');
    expect(json.workdays).toEqual(['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09', '2016-10-15']);
    expect(json.holidays).toContain('2016-10-03');
  });

  it('refuses bad days with exit 2 and changes nothing', async () => {
    const weekday = await s.cli(['calendar', 'add', '--workday', '2027-01-04']);
    expect(weekday.code).toBe(2);
    expect(weekday.stderr).toContain('2027-01-04 是星期一，本来就是工作日');
    const both = await s.cli(['calendar', 'add', '--holiday', '2027-01-09', '--workday', '2027-01-09']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('2027-01-09 既是放假日又是上班日');
    const bad = await s.cli(['--lang', 'en', 'calendar', 'add', '--holiday', '2027-01-03..2027-01-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--holiday "2027-01-03..2027-01-01": the start is after the end');
    const none = await s.cli(['calendar', 'add']);
    expect(none.code).toBe(2);
    const year = await s.cli(['calendar', 'show', '1016']);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('年份须在 1949 至 2100 之间');
    expect(JSON.parse(await s.ok(['calendar', '--json'], { now })).office).toEqual([]);
  });

  it('import reads the documented file format and replaces the years in it', async () => {
    const file = join(s.dir, '2027.txt');
    writeFileSync(file, [
      '# 国务院办公厅关于2027年部分节假日安排的通知',
      'holiday 2027-01-01..2027-01-03  元旦',
      '放假 2027-02-05..2027-02-11 春节',
      'workday 2027-02-14 春节',
      '上班 2027-02-20',
    ].join('\n'));
    await s.ok(['calendar', 'add', '--holiday', '2027-12-31']);
    const r = await s.cli(['calendar', 'import', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已录入 2027 年：放假 10 天、调休上班 2 天');
    const text = await s.ok(['calendar', 'show', '2027']);
    expect(text).toContain('2027-02-05 星期五 .. 2027-02-11 星期四  7 天  春节');
    expect(text).not.toContain('2027-12-31');
    // the same file through standard input
    const viaStdin = await s.cli(['calendar', 'import', '-', '--json'], { stdin: 'holiday 2028-01-01\n' });
    expect(viaStdin.code).toBe(0);
    expect(JSON.parse(viaStdin.stdout)).toEqual([{ year: 2028, holidays: ['2028-01-01'], workdays: [], names: {} }]);
  });

  it('a bad file is refused as a whole, with line numbers', async () => {
    const file = join(s.dir, 'bad.txt');
    writeFileSync(file, 'holiday 2027-01-01\nvacation 2027-05-01\nworkday 2027-02-30\n');
    const r = await s.cli(['calendar', 'import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('有 2 处错误，未导入');
    expect(r.stderr).toContain('第 2 行：');
    expect(r.stderr).toContain('第 3 行：');
    expect(JSON.parse(await s.ok(['calendar', '--json'], { now })).office).toEqual([]);
    const missing = await s.cli(['calendar', 'import', join(s.dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
  });

  it('help documents the file format, in both languages', async () => {
    expect((await s.cli(['calendar', '--help'])).stdout).toContain('holiday 2027-01-01..2027-01-03  元旦');
    expect((await s.cli(['calendar', 'import', '--help'])).stdout).toContain('文件格式');
    expect((await s.cli(['--lang', 'en', 'calendar', '--help'])).stdout).toContain('File format (calendar import)');
  });
});

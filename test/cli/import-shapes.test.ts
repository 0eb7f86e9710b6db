// Spreadsheets as offices really send them (SPEC 7, issue 12): title rows, 序号, total rows,
// the rejects file read back, Excel serial dates and damaged IDs, header variants, all missing
// columns at once, formula-neutralised cells, folded identities; and what a dry run says.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const NOW = () => new Date('2016-12-31T10:00:00+08:00');

describe.each(testRegistries)('importing office spreadsheets on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const write = (name: string, lines: string[]) => {
    const path = join(s.dir, name);
    writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
    return path;
  };
  const items = async () => JSON.parse(await s.ok(['list', '--json'], { now: NOW })) as Record<string, any>[];
  const imp = (args: string[]) => s.cli(['import', ...args], { now: NOW });

  it('finds the header below a title row, drops 序号 and the total row, and reads the header variants', async () => {
    const file = write('清单.csv', [
      '甘肃省纪委监委转办信访件清单（2016年6月）,,,,,,',
      ',,,,,,',
      '序号,来文编号,转办机关（单位）,收文日期,被反映人,工作单位及职务,问题性质',
      '1,甘纪转〔2016〕12号,甘肃省纪委监委,2016-06-03,张三,某县交通运输局局长,违反廉洁纪律',
      '2,甘纪转〔2016〕13号,甘肃省纪委监委,2016/6/5,李四,某镇人民政府 副镇长,违反群众纪律',
      '合计,共2件,,,,,',
    ]);
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, imported: 2, rejected: 0, unknownColumns: [] });
    const list = await items();
    expect(list.map((i) => [i.ref, i.forwardedBy, i.received, i.accusedUnit, i.accusedPost, i.category])).toEqual([
      ['甘纪转〔2016〕12号', '甘肃省纪委监委', '2016-06-03', '某县交通运输局', '局长', '违反廉洁纪律'],
      ['甘纪转〔2016〕13号', '甘肃省纪委监委', '2016-06-05', '某镇人民政府', '副镇长', '违反群众纪律'],
    ]);
    expect(list.every((i) => Object.keys(i.extra).length === 0)).toBe(true);
  });

  it('reads its own rejects file back: 行号 and 错误原因 dropped, neutralised formulas restored', async () => {
    const header = '来文编号,转办机关,收件日期,信访形式,被反映人,内容摘要';
    const file = write('a.csv', [
      header,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,来信,张三,反映张三收受礼金',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-31,来信,@SUM(1),"=HYPERLINK(""http://x"",""点此"")"',
    ]);
    const rejects = join(s.dir, 'rejects.csv');
    const r = await imp([file, '--skip-invalid', '--rejects', rejects]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('rejects.csv');
    const text = readFileSync(rejects, 'utf8');
    expect(text).toContain('行号');
    expect(text).toContain(`'=HYPERLINK`);
    // Rejected again, the row goes to the next rejects file neutralised once, not twice.
    const rejects2 = join(s.dir, 'rejects2.csv');
    expect((await imp([rejects, '--rejects', rejects2])).code).toBe(2);
    const text2 = readFileSync(rejects2, 'utf8');
    expect(text2).toContain(`'=HYPERLINK`);
    expect(text2).not.toContain(`''=HYPERLINK`);
    expect(text2.split('\r\n')[0]).toBe('\uFEFF来文编号,转办机关,收件日期,信访形式,被反映人,内容摘要,行号,错误原因');
    writeFileSync(rejects, text.replace('2016-06-31', '2016-06-30'));
    const back = await imp([rejects, '--json']);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ imported: 1, unknownColumns: [] });
    const second = (await items())[1]!;
    expect(second).toMatchObject({ ref: '甘纪转〔2016〕2号', accusedName: '@SUM(1)', summary: '=HYPERLINK("http://x","点此")', extra: {} });
  });

  it('refuses an Excel serial date in CSV, naming the date it stands for', async () => {
    const file = write('serial.csv', ['来文编号,转办机关,收件日期,内容摘要', '甘纪转〔2016〕1号,甘肃省纪委监委,42524,反映某局长收受礼金']);
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 2 行，“收件日期”列：“42524”');
    expect(r.stderr).toContain('Excel');
    expect(r.stderr).toContain('2016-06-03');
    expect(r.stderr).toContain('设为日期格式');
  });

  it('reports every missing column at once', async () => {
    const file = write('thin.csv', ['来文编号,被反映人,备注', '甘纪转〔2016〕1号,张三,']);
    const r = await imp([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有收件日期列');
    expect(r.stderr).toContain('没有内容摘要列');
    expect(r.stderr).toContain('没有转办机关列');
  });

  it('a --map whose header is not in the file is an error', async () => {
    const file = write('m.csv', ['来文编号,转办机关,收件日期,内容摘要', '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映某局长收受礼金']);
    const r = await imp([file, '--map', '举报时间=received']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('文件中没有“举报时间”列');
    expect(await items()).toEqual([]);
  });

  it('warns that Excel likely damaged an ID, imports the row, and never matches reporters on it', async () => {
    const header = '来文编号,转办机关,收件日期,反映人,身份证号,内容摘要';
    const file = write('ids.csv', [
      header,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,王甲,6.20105E+17,反映甲事',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-04,李乙,620105199001011000,反映乙事',
      '甘纪转〔2016〕3号,甘肃省纪委监委,2016-06-05,赵丙,620105198802021000,反映丙事',
    ]);
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Excel');
    expect(r.stderr).not.toContain('620105199001011000');
    // Two strangers whose IDs Excel cut to …000 are not one reporter.
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 3, warnings: 3, possibleDuplicates: 0 });
    const again = write('ids2.csv', [header, '甘纪转〔2016〕4号,甘肃省纪委监委,2016-06-06,李乙,620105199001011000,反映乙事又一次']);
    expect(JSON.parse((await imp([again, '--json'])).stdout)).toMatchObject({ imported: 1, possibleDuplicates: 0 });
  });

  it('matches a 15-digit ID with its 18-digit form', async () => {
    const header = '来文编号,转办机关,收件日期,反映人,身份证号,内容摘要';
    const file = write('ids.csv', [
      header,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,王甲,110105491231002,反映甲事',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-04,王甲,11010519491231002X,反映甲事又一次',
    ]);
    const r = await imp([file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2, possibleDuplicates: 1 });
  });

  it('a file re-saved with LF instead of CRLF inside a cell changes nothing', async () => {
    const header = '来文编号,转办机关,收件日期,内容摘要';
    const crlf = join(s.dir, 'crlf.csv');
    writeFileSync(crlf, `${header}\r\n甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,"第一点\r\n第二点"\r\n`);
    const lf = join(s.dir, 'lf.csv');
    writeFileSync(lf, `${header}\n甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,"第一点\n第二点 "\n`);
    expect((await imp([crlf])).code).toBe(0);
    const r = await imp([lf, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 0, alreadyPresent: 1, conflicts: 0 });
  });

  it('a dry run and a refused file say what would be registered, and name no codes', async () => {
    const header = '来文编号,转办机关,收件日期,内容摘要';
    const good = write('good.csv', [header, '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映甲事', '甘纪转〔2016〕2号,甘肃省纪委监委,2016-06-04,反映乙事']);
    const dry = await imp([good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('试导入（未写入）');
    expect(dry.stderr).toContain('将新登记 2 件');
    expect(dry.stderr).not.toContain('2016-0001');
    const bad = write('bad.csv', [header, '甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-03,反映甲事', '甘纪转〔2016〕2号,甘肃省纪委监委,2016-13-04,反映乙事']);
    const refused = await imp([bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('改正无效行后将新登记 1 件');
    expect(refused.stderr).not.toMatch(/新登记 1 件（/);
    const en = await s.cli(['import', good, '--dry-run', '--lang', 'en'], { now: NOW });
    expect(en.stderr).toContain('2 would be registered');
    expect(await items()).toEqual([]);
  });
});

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
});

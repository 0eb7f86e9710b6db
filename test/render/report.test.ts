// The report renderers over fixed report values: golden files for every text format (so that a
// change in output is a visible diff; `UPDATE_GOLDEN=1 npx vitest run test/render/report.test.ts`
// rewrites them), and the properties each format promises.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { buildReport, concludedWithDeadline, type Report } from '../../src/domain/report.js';
import { REPORT_FORMATS, renderReport } from '../../src/cli/render/report/index.js';
import { breakdownInput } from '../fixtures/report-breakdown.js';
import { workedInput } from '../fixtures/report-worked.js';
import { zerosInput } from '../fixtures/report-zeros.js';
import { counts } from '../fixtures/report-helpers.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'report');
const update = process.env.UPDATE_GOLDEN === '1';

const fixtures: Record<string, Report> = {
  worked: buildReport(workedInput),
  zeros: buildReport(zerosInput),
  breakdown: buildReport(breakdownInput),
};

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}

/** The office's clock, whatever the machine running the tests uses (the heading's recorded time). */
const ZONE = 'Asia/Shanghai';

async function text(r: Report, format: (typeof REPORT_FORMATS)[number], opts: Parameters<typeof renderReport>[2] = { lang: 'zh' }): Promise<string> {
  const out = await renderReport(r, format, { timeZone: ZONE, ...opts });
  if (typeof out !== 'string') throw new Error(`${format} gave bytes`);
  return out;
}

describe('table', () => {
  it.each([30, 40, 60, 80, 100, 120, 200])('never exceeds %i columns', async (width) => {
    for (const r of Object.values(fixtures)) {
      for (const lang of ['zh', 'en'] as const) {
        const out = await text(r, 'table', { lang, width });
        for (const line of out.split('\n')) expect(stringWidth(line), `${lang} ${width}: ${line}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('puts the three groups side by side when they fit, one table per group otherwise', async () => {
    const wide = await text(fixtures.zeros!, 'table', { lang: 'zh', width: 200 });
    expect(wide).toContain('总体情况\n');
    expect(wide).not.toContain('总体情况 · ');
    const narrow = await text(fixtures.zeros!, 'table', { lang: 'zh', width: 80 });
    expect(narrow).toContain('总体情况 · 上级转来');
    expect(narrow).toContain('总体情况 · 合计');
  });

  it('draws no colour unless asked, and shows hostile text visibly', async () => {
    const plain = await text(fixtures.zeros!, 'table', { lang: 'zh', width: 100 });
    expect(plain).not.toMatch(/\u001b/);
    expect(plain).toContain('\\x1b[31m红星村');
    const coloured = await text(fixtures.zeros!, 'table', { lang: 'zh', width: 100, color: true });
    expect(coloured).toMatch(/\u001b\[/);
  });

  it('draws the monthly series as bars proportional to the counts', async () => {
    const out = await text(fixtures.worked!, 'table', { lang: 'zh', width: 100 });
    const bars = out.split('\n').filter((l) => l.startsWith('2016-'));
    expect(bars).toHaveLength(6);
    const len = (l: string) => (l.match(/█/g) ?? []).length;
    expect(len(bars[2]!)).toBe(40); // March, 14, the largest
    expect(bars[2]).toMatch(/ 14$/);
    expect(len(bars[1]!)).toBe(25); // February, 9: 9/14 of 40 = 25.7 columns
    expect(bars[1]).toContain('█▊ 9');
  });
});

describe.each(Object.keys(fixtures))('golden files: %s', (name) => {
  const r = fixtures[name]!;
  it('table (zh, 120 columns)', async () => golden(`${name}.table.txt`, await text(r, 'table', { lang: 'zh', width: 120 })));
  it('table (zh, 60 columns)', async () => golden(`${name}.table-60.txt`, await text(r, 'table', { lang: 'zh', width: 60 })));
  it('table (en, 100 columns)', async () => golden(`${name}.table-en.txt`, await text(r, 'table', { lang: 'en', width: 100 })));
  it('html', async () => golden(`${name}.html`, await text(r, 'html')));
  it('md', async () => golden(`${name}.md`, await text(r, 'md')));
  it('csv', async () => golden(`${name}.csv`, await text(r, 'csv', { lang: 'zh', bom: false })));
  it('text (zh)', async () => golden(`${name}.text.txt`, await text(r, 'text')));
  it('text (en)', async () => golden(`${name}.text-en.txt`, await text(r, 'text', { lang: 'en' })));
  it('json', async () => golden(`${name}.json`, await text(r, 'json')));
});

describe('the recorded-time bound in the heading', () => {
  it('reads on the given clock to the second, in every heading; JSON and CSV keep the instant', async () => {
    const r = fixtures.breakdown!; // known at 2016-07-05T09:30:00+08:00
    expect(await text(r, 'md')).toContain('仅计 2016-07-05 09:30:00 前已记录的决定');
    expect(await text(r, 'table', { lang: 'en', width: 100, timeZone: 'UTC' })).toContain('Counting decisions recorded by 2016-07-05 01:30:00');
    expect(await text(r, 'html', { lang: 'zh', timeZone: 'Europe/Berlin' })).toContain('仅计 2016-07-05 03:30:00 前已记录的决定');
    expect(JSON.parse(await text(r, 'json')).period.knownAt).toBe('2016-07-05T09:30:00+08:00');
    expect(await text(r, 'csv', { lang: 'zh', bom: false })).toContain('2016-07-05T09:30:00+08:00');
  });
});

describe('text (the bulletin)', () => {
  it('says the worked example as the office does', async () => {
    const out = await text(fixtures.worked!, 'text');
    expect(out).toContain('共收到上级纪委转来的信访件35件');
    expect(out).toContain('其中重复件18件，业务范围外5件，正在调查3件，其余9件全部初核，初核率100%');
    expect(out).toContain('本级共接收信访件36件，比去年同期下降41.9%');
    expect(out).toContain('其中重复件1件，正在调查1件，拟立案4件，其余30件全部初核，初核率100%');
    expect(out).toContain('从信访来源来看，');
  });

  it('leaves zeros out and says a previous period of nothing in words', async () => {
    const out = await text(fixtures.zeros!, 'text');
    expect(out).not.toMatch(/[^0-9.]0件/);
    expect(out).not.toContain('上级纪委');
    expect(out).toContain('2016年6月，本级共接收信访件5件，去年同期无此类信访件。');
    expect(out).not.toMatch(/NaN|Infinity|null|undefined/);
    // the previous period's nothing is said once, not after every analysis row
    expect(out.match(/去年同期无/g)).toHaveLength(1);
  });

  it('uses 上期 and 环比 for a comparison with the preceding period, and names a half-year', async () => {
    const out = await text(fixtures.breakdown!, 'text');
    expect(out).toMatch(/^　　2016年上半年，/);
    expect(out).toContain('比上期下降41.9%');
    expect(out).toContain('环比');
    expect(out).not.toContain('去年同期');
  });

  it('rounds -41.95% to 42.0% and writes a partly verified rest by disposal', async () => {
    const input = {
      ...workedInput,
      groups: { ...workedInput.groups, local: { ...workedInput.groups.local, received: 1161, pending: 1126 } },
      compare: { ...workedInput.compare!, groups: { ...workedInput.compare!.groups, local: { ...workedInput.compare!.groups.local, received: 2000, pending: 0, disposals: { ...workedInput.compare!.groups.local.disposals, verify: 1983 } } } },
    };
    // 1161 vs 2000: -41.95% exactly; the previous invariant: 4 + 3 + 5 + 1983 + 3 + 2 = 2000
    const out = await text(buildReport(input), 'text');
    expect(out).toContain('本级共接收信访件1161件，比去年同期下降42.0%');
    const partly = buildReport({ ...workedInput, groups: { ...workedInput.groups, superior: { ...workedInput.groups.superior, disposals: { ...workedInput.groups.superior.disposals, verify: 6, inquire: 2, close: 1 } } } });
    expect(await text(partly, 'text')).toContain('其余9件中，初核6件，谈话函询2件，予以了结1件，初核率66.7%');
  });

  it('takes 其中 before the disposals one by one, names tied leaders together, and calls only units of two items or more concentrated', async () => {
    const local = counts({ disposals: { verify: 8, inquire: 2 } });
    const superior = counts({ duplicates: 1, disposals: { verify: 3 } });
    const r = buildReport({
      ...workedInput, compare: null, groups: { superior, local },
      analysis: {
        ...workedInput.analysis,
        category: { total: 14, rows: [{ key: '违反组织纪律', count: 4 }, { key: '违反工作纪律', count: 4 }, { key: '违反群众纪律', count: 3 }, { key: null, count: 3 }] },
        unit: { total: 14, rows: [{ key: '甲单位', count: 1 }, { key: '乙单位', count: 1 }, { key: null, count: 12 }] },
      },
    });
    const out = await text(r, 'text');
    expect(out).toContain('本级共接收信访件10件，其中初核8件，谈话函询2件，初核率80.0%。');
    expect(out).toContain('上级纪委转来的信访件4件，其中重复件1件，其余3件全部初核');
    expect(out).toContain('从反映问题类别来看，反映违反工作纪律问题和违反组织纪律问题的最多，各4件，各占28.6%；其次是违反群众纪律问题3件，占21.4%');
    expect(out).toContain('从被反映单位来看，所涉单位较为分散，每个单位各1件；另有12件未注明单位。');
    // all verified and nothing else: no 其中
    const whole = await text(buildReport({ ...workedInput, compare: null, groups: { superior, local: counts({ disposals: { verify: 5 } }) } }), 'text');
    expect(whole).toContain('本级共接收信访件5件，全部初核，初核率100%。');
  });

  it('writes plain English with lang en', async () => {
    const out = await text(fixtures.worked!, 'text', { lang: 'en' });
    expect(out).toContain('36 items were received directly (down 41.9% year on year)');
    expect(out).not.toMatch(/[，。]/);
  });
});

describe('the on-time rate beside its base (concluded items that had a handle deadline)', () => {
  // The worked example: 32 concluded, 31 of them with a handle deadline (one local item concluded
  // without ever being assigned), 29 on time: 29/31 = 93.5%, not 29/32 = 90.6%.
  it('says the base in the bulletin when some concluded items had no deadline', async () => {
    expect(await text(fixtures.worked!, 'text')).toContain('已办结32件，其中有办理时限的31件中按期办结29件，按期办结率93.5%');
    expect(await text(fixtures.worked!, 'text', { lang: 'en' })).toContain('32 concluded (29 of the 31 with a handle deadline on time, 93.5%)');
  });

  it('says it as before when every concluded item had a deadline', async () => {
    const all = buildReport({ ...workedInput, groups: { ...workedInput.groups, local: { ...workedInput.groups.local, concludedWithDeadline: 25 } } });
    expect(await text(all, 'text')).toContain('已办结32件，其中按期办结29件，按期办结率90.6%');
    expect(await text(all, 'text', { lang: 'en' })).toContain('32 concluded (29 on time, 90.6%)');
  });

  it('gives the base a row of its own in every table, with its comparison and change', async () => {
    const md = await text(fixtures.worked!, 'md');
    expect(md).toContain('| 办结 | 7 | 17 | -58.8% | 25 | 50 | -50.0% | 32 | 67 | -52.2% |\n| 有办理时限的办结件 | 7 | 17 | -58.8% | 24 | 50 | -52.0% | 31 | 67 | -53.7% |\n| 按期办结 |');
    expect(await text(fixtures.worked!, 'table', { lang: 'en', width: 100 })).toMatch(/│ concluded with a handle deadline +│ +24 │ +50 │ +-52\.0% │/);
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const book = await readXlsxFile((await renderReport(fixtures.worked!, 'xlsx', { lang: 'zh' })) as Buffer);
    const figures = book.find((x) => x.sheet === '总体情况')!.data;
    expect(figures.find((row) => row[0] === '有办理时限的办结件')!.slice(0, 8)).toEqual(['有办理时限的办结件', 7, 17, -0.588, 24, 50, -0.52, 31]);
  });

  it('adds no JSON key and no CSV line (SPEC 6.1 fixes them)', async () => {
    expect(await text(fixtures.worked!, 'json')).not.toContain('concludedWithDeadline');
    expect(await text(fixtures.worked!, 'csv', { lang: 'zh' })).not.toContain('concludedWithDeadline');
  });

  it('reads the base back from the rate for a report that went through JSON', async () => {
    const copy = JSON.parse(await text(fixtures.worked!, 'json')) as Report;
    expect(concludedWithDeadline(copy.groups.local)).toBe(24);
    expect(concludedWithDeadline(copy.groups.all)).toBe(31);
    expect(await text(copy, 'text')).toBe(await text(fixtures.worked!, 'text'));
    const none = JSON.parse(await text(fixtures.zeros!, 'json')) as Report;
    expect(concludedWithDeadline(none.groups.all)).toBe(0);
  });
});

describe('the office name (config set office.name)', () => {
  const office = '某某县纪委监委信访室';
  it('heads the table, Markdown, HTML and spreadsheet', async () => {
    expect((await text(fixtures.worked!, 'table', { lang: 'zh', width: 100, officeName: office })).split('\n')[0]).toBe(`${office}信访举报统计报表`);
    expect((await text(fixtures.worked!, 'table', { lang: 'en', width: 100, officeName: office })).split('\n')[0]).toBe(`Petition report — ${office}`);
    expect(await text(fixtures.worked!, 'md', { lang: 'zh', officeName: office })).toMatch(new RegExp(`^# ${office}信访举报统计报表\n`));
    const html = await text(fixtures.worked!, 'html', { lang: 'zh', officeName: office });
    expect(html).toContain(`<h1>${office}信访举报统计报表</h1>`);
    expect(html).toContain(`<title>${office}信访举报统计报表 2016-01-01–2016-06-21</title>`);
    expect(html).toContain(`<p>2016年1月1日至6月21日，${office}共收到上级纪委转来的信访件35件`);
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const book = await readXlsxFile((await renderReport(fixtures.worked!, 'xlsx', { lang: 'zh', officeName: office })) as Buffer);
    expect(book[0]!.data[0]![0]).toBe(`${office}信访举报统计报表`);
    expect(book[0]!.data.map((row) => row[0]).join('\n')).toContain(`${office}共收到上级纪委转来的信访件35件`);
  });

  it('is the subject of the bulletin\'s first sentence', async () => {
    expect(await text(fixtures.worked!, 'text', { lang: 'zh', officeName: office })).toMatch(new RegExp(`^　　2016年1月1日至6月21日，${office}共收到上级纪委转来的信访件35件`));
    expect(await text(fixtures.zeros!, 'text', { lang: 'zh', officeName: office })).toContain(`2016年6月，${office}本级共接收信访件5件`);
    expect(await text(fixtures.worked!, 'text', { lang: 'en', officeName: office })).toMatch(new RegExp(`^From 2016-01-01 to 2016-06-21, ${office}: 35 items`));
  });

  it('leaves JSON and CSV as they are, and changes nothing when not set', async () => {
    for (const format of ['json', 'csv'] as const) {
      expect(await text(fixtures.worked!, format, { lang: 'zh', officeName: office })).toBe(await text(fixtures.worked!, format, { lang: 'zh' }));
    }
    for (const format of ['table', 'md', 'html', 'text'] as const) {
      expect(await text(fixtures.worked!, format, { lang: 'zh', officeName: '  ' })).toBe(await text(fixtures.worked!, format, { lang: 'zh' }));
    }
  });

  it('shows a name with control characters visibly, and escapes it in HTML', async () => {
    const hostile = '\u001b[31m<b>信访室';
    const table = await text(fixtures.worked!, 'table', { lang: 'zh', width: 100, officeName: hostile });
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')[0]).toBe('\\x1b[31m<b>信访室信访举报统计报表');
    const html = await text(fixtures.worked!, 'html', { lang: 'zh', officeName: hostile });
    expect(html).toContain('<h1>\\x1b[31m&lt;b&gt;信访室信访举报统计报表</h1>');
    expect(await text(fixtures.worked!, 'text', { lang: 'zh', officeName: hostile })).not.toContain('\u001b');
  });
});

describe('html', () => {
  it('is one self-contained page: no script, no external resource, an inline SVG chart', async () => {
    const out = await text(fixtures.worked!, 'html');
    expect(out).toMatch(/^<!DOCTYPE html>/);
    expect(out).not.toMatch(/<script|<link|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(out).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(out.match(/<rect /g)).toHaveLength(6);
    expect(out).toContain('<td class="n">-41.9%</td>');
    expect(out).toContain('@media print');
  });

  it('escapes outside text', async () => {
    const out = await text(fixtures.zeros!, 'html');
    expect(out).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;点击&quot;)');
    expect(out).not.toContain('\u001b');
  });
});

describe('xlsx', () => {
  it('writes a sheet per table with numbers as numbers, percentages as formatted numbers, text as text', async () => {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const bytes = await renderReport(fixtures.worked!, 'xlsx', { lang: 'zh' });
    expect(Buffer.isBuffer(bytes)).toBe(true);
    const book = await readXlsxFile(bytes as Buffer);
    const names = book.map((s) => s.sheet);
    expect(names).toEqual(['报表', '总体情况', '处理处分（人）', '下访与调研', '按月收件', '重复信访', '信访来源', '信访类型', '信访形式', '反映问题类别', '被反映人职级', '被反映单位（前几位）', '初信初访与重复信访', '署名情况']);
    const figures = book.find((s) => s.sheet === '总体情况')!.data;
    expect(figures[0]).toEqual(['指标', '上级转来', '去年同期', '变化', '本级接收', '去年同期', '变化', '合计', '去年同期', '变化']);
    const received = figures.find((row) => row[0] === '收件')!;
    expect(received.slice(0, 7)).toEqual(['收件', 35, 40, -0.125, 36, 62, -0.419]);
    const rate = figures.find((row) => row[0] === '初核率')!;
    expect(rate[1]).toBe(1);
    // A rate's change is in percentage points (the table's 个百分点), the number of points.
    const table = await text(fixtures.worked!, 'md');
    const points = /\| 初核率 \| [^|]+ \| [^|]+ \| ([-+][0-9.]+)个百分点 \|/.exec(table)![1]!;
    expect(rate[3]).toBe(Number(points));
    const cover = book[0]!.data.map((row) => row[0]);
    expect(cover.join('\n')).toContain('其余9件全部初核，初核率100%');
  });

  it('keeps formula-like text as text', async () => {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const bytes = await renderReport(fixtures.zeros!, 'xlsx', { lang: 'zh' });
    const book = await readXlsxFile(bytes as Buffer);
    const units = book.find((s) => s.sheet === '被反映单位（前几位）')!.data;
    // read back as the text itself: a formula cell would have no cached value to read
    expect(units[1]![0]).toBe('=HYPERLINK("http://example.invalid","点击")');
    expect(units[1]![1]).toBe(2);
    expect(units[1]![2]).toBe(0.4);
  });
});

describe('dispatcher', () => {
  it('adds the BOM to CSV unless asked not to', async () => {
    expect((await text(fixtures.worked!, 'csv', { lang: 'zh' })).startsWith('\uFEFFsection,group,key,value')).toBe(true);
    expect((await text(fixtures.worked!, 'csv', { lang: 'zh', bom: false })).startsWith('section,')).toBe(true);
  });

  it('keeps formula-like text exactly in raw CSV and neutralises it for people', async () => {
    expect(await text(fixtures.zeros!, 'csv', { lang: 'zh', bom: false })).toContain(`"'=HYPERLINK(`);
    expect(await text(fixtures.zeros!, 'csv', { lang: 'zh', bom: false, raw: true })).toContain('"=HYPERLINK(');
  });

  it('gives JSON that parses back to the same value', async () => {
    for (const r of Object.values(fixtures)) expect(JSON.parse(await text(r, 'json'))).toEqual(r);
  });
});

// The report renderers over fixed report values: golden files for every text format (so that a
// change in output is a visible diff; `UPDATE_GOLDEN=1 npx vitest run test/render/report.test.ts`
// rewrites them), and the properties each format promises.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/domain/report.js';
import { REPORT_FORMATS, renderReport } from '../../src/cli/render/report/index.js';
import { breakdownInput } from '../fixtures/report-breakdown.js';
import { workedInput } from '../fixtures/report-worked.js';
import { zerosInput } from '../fixtures/report-zeros.js';

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

async function text(r: Report, format: (typeof REPORT_FORMATS)[number], opts: Parameters<typeof renderReport>[2] = { lang: 'zh' }): Promise<string> {
  const out = await renderReport(r, format, opts);
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
  it('md', async () => golden(`${name}.md`, await text(r, 'md')));
  it('csv', async () => golden(`${name}.csv`, await text(r, 'csv', { lang: 'zh', bom: false })));
  it('json', async () => golden(`${name}.json`, await text(r, 'json')));
});

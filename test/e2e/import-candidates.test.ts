// A large import lists its duplicate candidates (SPEC 7; issue 10), through the built binary: only a
// file of 50,000 rows and more (LARGE_IMPORT_ROWS, at 250 bytes a row) makes the bulk writer's
// large mode, and a file that size is parsed in a worker thread, which loads the built dist/.
// Before, a large import only counted shared reporters and left `duplicateCandidates` null.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_IMPORT_ROWS } from '../../src/store/bulk.js';
import { testRegistries } from '../support/engines.js';
import { engineSandbox, registerOk } from './cli.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,来源,信访类别,反映人,联系电话,被反映人,被反映人单位,内容摘要';
const ROWS = LARGE_IMPORT_ROWS + 2_000;

/** A name for row i: each row accuses a person of its own, in a unit of its own. */
function person(i: number): string {
  return `甲${String.fromCodePoint(0x4e00 + (i % 5000))}${String.fromCodePoint(0x4e00 + Math.floor(i / 5000))}`;
}

describe.each(testRegistries)('large import candidates on $engine', (registry) => {
  it('lists the repeats of earlier items and of rows earlier in the file, like a small import', async () => {
    const s = await engineSandbox(registry);
    try {
      expect(s.run(['init']).code).toBe(0);
      const earlier = registerOk(s, { received: '2016-01-01', 'accused-name': '张建国', 'accused-unit': '榆中县城关镇人民政府', summary: '反映张建国收受财物' });
      const rows: string[] = [];
      const expected: [number, number][] = []; // [row, row it repeats]
      for (let i = 0; i < ROWS; i++) {
        // Every 1,000th row repeats the accused and unit of the row 500 before it, the unit without its county.
        const of = i % 1000 === 999 ? i - 500 : i;
        if (of !== i) expected.push([i, of]);
        const unit = of === i ? `榆中县第${of}号工作站` : `第${of}号工作站`;
        rows.push(`甘纪转〔2016〕${i + 1}号,甘肃省纪委监委,2016-03-01,来信,上级转办,检举控告,,,${person(of)},${unit},反映${person(of)}的问题第${i}件，${'有关情况详见附件材料'.repeat(12)}`);
      }
      rows.push('甘纪转〔2017〕1号,甘肃省纪委监委,2017-01-05,来信,上级转办,检举控告,,,张建国,城关镇人民政府,再次反映张建国收受财物');
      const file = join(s.dir, 'large.csv');
      writeFileSync(file, [HEADER, ...rows].join('\r\n') + '\r\n');
      expect(readFileSync(file).length / 250).toBeGreaterThanOrEqual(LARGE_IMPORT_ROWS);

      const r = s.run(['import', file, '--json', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { imported: number; possibleDuplicates: number; duplicateCandidates: { item: string; original: string; reasons: string[] }[] | null };
      expect(summary.imported).toBe(ROWS + 1);
      // Row i is 2016-(i + 2): the registered item is 2016-0001.
      const code = (i: number) => `2016-${String(i + 2).padStart(4, '0')}`;
      expect(summary.duplicateCandidates?.map((c) => [c.item, c.original])).toEqual([
        ...expected.map(([i, of]) => [code(i), code(of)]),
        ['2017-0001', earlier],
      ]);
      expect(summary.duplicateCandidates![0]!.reasons).toEqual(['same-accused', 'same-unit']);
      expect(summary.possibleDuplicates).toBe(expected.length + 1);
    } finally {
      await s.cleanupAsync();
    }
  }, 300_000);
});

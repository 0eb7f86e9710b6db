// The duplicate index is extended incrementally (issue 10): each extension signs only the items
// added since the last, and items amended since; what was stored for the others stays as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dupFeatures } from '../../src/domain/similarity.js';
import { decodeFeatures, encodeFeatures, extendDupIndex } from '../../src/store/dupindex.js';
import { Registry } from '../../src/store/registry.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const BRIBE = '反映张建国在担任榆中县城关镇人民政府镇长期间，利用职务便利，在农村公路建设项目中收受他人财物5万元。请求组织调查处理。';

describe('features as stored', () => {
  it('round-trip through their packed form (reporter keys stay in the items table)', () => {
    for (const f of [
      dupFeatures({ accusedName: '张建国、李四', accusedUnit: '甘肃省兰州市榆中县城关镇人民政府', summary: BRIBE, reporterIdHash: 9 }),
      dupFeatures({ summary: '见附件' }),
      dupFeatures({ accusedUnit: '交通运输局' }),
    ]) {
      const back = decodeFeatures(encodeFeatures(f), f.reporterKeys);
      expect(back).toEqual(f);
    }
  });
});

describe.each(testRegistries)('duplicate index on $engine', (registry) => {
  let s: CliSandbox;
  let reg: Registry;
  beforeEach(async () => {
    s = await cliSandbox(registry);
    reg = await Registry.open(s.db, { create: false });
  });
  afterEach(async () => {
    await reg.close();
    await s.cleanup();
  });

  const add = (i: number, unit = '榆中县城关镇人民政府') =>
    registerOk(s, { received: `2016-03-${String(i).padStart(2, '0')}`, summary: BRIBE + '第' + i + '次', 'accused-name': '张建国', 'accused-unit': unit });
  const stored = async () => {
    const rows = await sql<{ item_id: number; features: Uint8Array }>`select item_id, features from dup_signatures order by item_id`.execute(reg.db);
    return new Map(rows.rows.map((r) => [Number(r.item_id), Buffer.from(r.features).toString('hex')]));
  };
  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(reg.db)).rows[0]!.n);

  it('signs only what was added or amended since the last extension', async () => {
    for (let i = 1; i <= 3; i++) await add(i);
    const first = await reg.write((trx) => extendDupIndex(trx));
    expect(first).toMatchObject({ signed: 3, resigned: 0 });
    expect(first.pairs).toBe(3); // 2→1, 3→1, 3→2
    const before = await stored();
    const buckets = await count('dup_buckets');

    // Nothing new: nothing signed, nothing stored again.
    expect(await reg.write((trx) => extendDupIndex(trx))).toEqual({ signed: 0, resigned: 0, pairs: 0 });
    expect(await count('dup_buckets')).toBe(buckets);

    // Two more: only they are signed; the rows of the first three are untouched.
    await add(4);
    await add(5, '城关镇人民政府');
    const second = await reg.write((trx) => extendDupIndex(trx));
    expect(second).toMatchObject({ signed: 2, resigned: 0 });
    const after = await stored();
    expect(after.size).toBe(5);
    for (const [id, hex] of before) expect(after.get(id)).toBe(hex);
    expect(await count('dup_candidates')).toBe(3 + second.pairs);

    // An amended unit changes that item's features: it alone is signed again, its old buckets go.
    await s.ok(['amend', '2016-0002', '--accused-unit', '永登县新集乡人民政府', '--reason', '单位录入错误']);
    const third = await reg.write((trx) => extendDupIndex(trx));
    expect(third).toMatchObject({ signed: 1, resigned: 1 });
    const amended = await stored();
    for (const [id, hex] of after) if (id !== 2) expect(amended.get(id)).toBe(hex);
    expect(amended.get(2)).not.toBe(after.get(2));
    const pairsOf2 = await sql<{ n: number }>`select count(*) as n from dup_candidates where (item_id = 2 or original_id = 2) and reasons like '%same-unit%'`.execute(reg.db);
    expect(Number(pairsOf2.rows[0]!.n)).toBe(0);
    // Bucket rows: one per accused key and LSH band for each item, the amended item's replaced, none twice.
    const perItem = await sql<{ item_id: number; n: number }>`select item_id, count(*) as n from dup_buckets group by item_id order by item_id`.execute(reg.db);
    expect(perItem.rows.map((r) => Number(r.n))).toEqual([9, 9, 9, 9, 9]);
  });

  it('stores more candidate pairs at once than one statement can bind (4,500 pairs, 8 columns each)', async () => {
    // Fails with "too many SQL variables" on SQLite when pairs are inserted 5,000 rows a statement.
    const lines = ['来文编号,转办机关,收件日期,信访形式,来源,信访类别,被反映人,被反映人单位,内容摘要'];
    for (let i = 0; i < 4500; i++) {
      for (const [n, d] of [[2 * i + 1, '2016-03-01'], [2 * i + 2, '2016-04-01']] as const) {
        lines.push(`甘纪转〔2016〕${n}号,甘肃省纪委监委,${d},来信,上级转办,检举控告,张${i}号,榆中县城关镇第${i}村委会,反映村干部张${i}号在危房改造中优亲厚友`);
      }
    }
    const file = join(s.dir, 'pairs.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    await s.ok(['import', file, '--quiet']);
    const r = await reg.write((trx) => extendDupIndex(trx));
    expect(r).toMatchObject({ signed: 9000, pairs: 4500 });
    expect(await count('dup_candidates')).toBe(4500);
  }, 60_000);
});

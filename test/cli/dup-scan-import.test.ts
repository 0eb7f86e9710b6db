// Candidates at import (SPEC 5, 7; issue 10): importCandidates over the ids an import wrote — the
// same accused in the same folded unit, earlier in the registry or in the file, and the same
// reporter by keyed hash only when the import writes (never for a dry run).
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { dupFeatures, dupScore } from '../../src/domain/similarity.js';
import { AT, LARGE_IMPORT_ROWS, PACKED_WIDTH, type PackedValue, type Presence } from '../../src/store/bulk.js';
import { Registry } from '../../src/store/registry.js';
import { openVault } from '../../src/usecases/context.js';
import { ImportedRows, importCandidates } from '../../src/usecases/dupscan.js';
import { prepareImport } from '../../src/usecases/import-prepare.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,来源,信访类别,反映人,联系电话,被反映人,被反映人单位,内容摘要';

describe.each(testRegistries)('import candidates on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('finds repeats of earlier items and within the file, pointed at originals; reporter matches only when asked', async () => {
    const a = await registerOk(s, { received: '2016-02-01', 'accused-name': '张建国', 'accused-unit': '榆中县城关镇人民政府', summary: '反映张建国收受财物' });
    const b = await registerOk(s, { received: '2016-02-02', summary: '反映村里低保评定不公', 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    const voided = await registerOk(s, { received: '2016-02-03', 'accused-name': '赵六', 'accused-unit': '交通运输局', summary: '反映赵六公车私用' });
    await s.ok(['void', voided, '--reason', '登记错误']);
    const file = join(s.dir, 'forwarded.csv');
    writeFileSync(file, [
      HEADER,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-03-01,来信,上级转办,检举控告,,,张建国,城关镇人民政府,举报张建国收取钱物', // repeats a (unit without county)
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-03-02,来信,上级转办,检举控告,王小明,13812345678,李四,新集乡人民政府,反映李四吃拿卡要', // same reporter as b
      '甘纪转〔2016〕3号,甘肃省纪委监委,2016-03-03,来信,上级转办,检举控告,,,孙七,红古区教育局,反映孙七违规收费', // new case
      '兰纪转〔2016〕4号,兰州市纪委监委,2016-03-09,来访,上级转办,检举控告,,,孙七,兰州市红古区教育局,再次反映孙七违规收费', // repeats the row above
      '甘纪转〔2016〕5号,甘肃省纪委监委,2016-03-10,来信,上级转办,检举控告,,,张建国,永登县新集乡人民政府,反映张建国违规发放补贴', // same name, another county
      '甘纪转〔2016〕6号,甘肃省纪委监委,2016-03-11,来信,上级转办,检举控告,,,赵六,交通运输局,反映赵六公车私用', // only the void item
    ].join('\r\n') + '\r\n');
    await s.ok(['import', file, '--quiet']);
    const reg = await Registry.open(s.db, { create: false });
    try {
      const max = Number((await reg.db.selectFrom('items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m);
      const range = { firstId: max - 5, lastId: max };
      const written = await reg.write((trx) => importCandidates(trx, range, { byReporter: true }));
      expect(written.map((c) => [c.item, c.original])).toEqual([['2016-0004', a], ['2016-0005', b], ['2016-0007', '2016-0006']]);
      // Earlier items found through the indexes or in one pass over the earlier ids: the same list.
      for (const earlier of ['lookup', 'scan'] as const) {
        expect(await reg.write((trx) => importCandidates(trx, range, { byReporter: true, earlier }))).toEqual(written);
        expect(await reg.write((trx) => importCandidates(trx, range, { byReporter: false, earlier }))).toEqual(
          await reg.write((trx) => importCandidates(trx, range, { byReporter: false })));
      }
      expect(written[0]!.reasons).toEqual(['same-accused', 'same-unit']);
      expect(written[1]!.reasons).toEqual(['same-reporter']);
      // A dry run must not learn anything through reporter hashes (SPEC 5).
      const dry = await reg.write((trx) => importCandidates(trx, range, { byReporter: false }));
      expect(dry.map((c) => c.item)).toEqual(['2016-0004', '2016-0007']);
      expect(dry.flatMap((c) => c.reasons)).not.toContain('same-reporter');
      expect(await reg.write((trx) => importCandidates(trx, undefined, { byReporter: true }))).toEqual([]);
    } finally {
      await reg.close();
    }
  });

  // A large import used to count shared reporters only. Now it lists its candidates too: built here
  // as import does it, with the bulk writer in its large mode (the name and reporter indexes dropped
  // during the import and rebuilt at finish, SQLite's shared reporters kept in memory), it lists
  // exactly what the same file imported the ordinary way lists (issue 10).
  it('a large import lists the candidates a small import of the same file lists', async () => {
    const t = await cliSandbox(registry);
    try {
      const file = join(s.dir, 'forwarded.csv');
      writeFileSync(file, [HEADER, ...ROWS].join('\r\n') + '\r\n');
      const earlier: string[] = [];
      for (const box of [s, t]) {
        for (const flags of EARLIER) earlier.push(await registerOk(box, flags));
        await box.ok(['void', earlier.at(-1)!, '--reason', '登记错误']);
      }
      const small = JSON.parse(await s.ok(['import', file, '--json', '--quiet'])) as { duplicateCandidates: unknown[]; possibleDuplicates: number };
      expect(small.possibleDuplicates).toBe(3);

      const reg = await Registry.open(t.db, { create: false });
      try {
        const vault = await openVault(reg, t.env, () => {});
        const large = await reg.write(async (trx) => {
          const writer = await reg.bulkWriter(trx, vault, { at: new Date().toISOString(), operator: 'tester', via: 'import', file: 'forwarded.csv' }, { expectedRows: LARGE_IMPORT_ROWS });
          for await (const m of prepareImport(createReadStream(file), { encoding: 'auto', map: [], today: '2026-11-30' }, vault)) {
            if (m.type === 'batch') await writer.addBatch(m.packed);
          }
          await writer.finish();
          return importCandidates(trx, writer.range(), { byReporter: true });
        });
        expect(large).toEqual(small.duplicateCandidates);
      } finally {
        await reg.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});


// The candidates are found through 32-bit keys and rows read back by id (SPEC 9's memory): the
// list must still be exactly what the rule says (SPEC 7), checked here against every pair compared
// the plain way — names shared by many rows, several accused in one cell, units with and without
// their county or missing, reporters by phone, earlier items found by name or reporter only.
describe.each(testRegistries)('import candidates against every pair on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('lists what comparing each new row with every row before it lists', async () => {
    const NAMES = ['张建国', '李四', '王五', '赵六', '孙七'];
    const UNITS = ['榆中县城关镇人民政府', '城关镇人民政府', '永登县城关镇人民政府', '交通运输局', ''];
    const PHONES = ['13812345678', '13900001111', ''];
    for (let i = 0; i < 6; i++) {
      await registerOk(s, {
        received: `2016-01-0${i + 1}`, 'accused-name': NAMES[i % 5]!, 'accused-unit': UNITS[(i * 2) % 5] || '教育局',
        ...(i % 2 === 0 ? { 'reporter-name': '王小明', 'reporter-phone': PHONES[i % 2]! } : {}),
      });
    }
    const rows: string[] = [];
    let seed = 7;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 120; i++) {
      const name = next(6) === 0 ? `${NAMES[next(5)]}、${NAMES[next(5)]}` : NAMES[next(5)]!;
      const phone = PHONES[next(3)]!;
      rows.push(`甘纪转〔2016〕${i + 1}号,甘肃省纪委监委,2016-0${2 + next(3)}-1${next(10)},来信,上级转办,检举控告,${phone ? '王小明' : ''},${phone},${name},${UNITS[next(5)]},反映第${i}件问题`);
    }
    const file = join(s.dir, 'forwarded.csv');
    writeFileSync(file, [HEADER, ...rows].join('\r\n') + '\r\n');
    const imported = JSON.parse(await s.ok(['import', file, '--json', '--quiet'])) as { duplicateCandidates: unknown[] };

    const reg = await Registry.open(s.db, { create: false });
    try {
      const items = (await reg.db.selectFrom('items').select(['id', 'year', 'seq', 'received', 'accused_name', 'accused_unit', 'reporter_id_hash', 'reporter_phone_hash']).orderBy('id').execute())
        .map((r) => ({
          id: Number(r.id), code: `${r.year}-${String(r.seq).padStart(4, '0')}`, received: r.received, name: r.accused_name,
          reporters: [r.reporter_id_hash, r.reporter_phone_hash].filter((k) => k !== null).map(Number),
          f: dupFeatures({ accusedName: r.accused_name, accusedUnit: r.accused_unit, reporterIdHash: r.reporter_id_hash === null ? null : Number(r.reporter_id_hash), reporterPhoneHash: r.reporter_phone_hash === null ? null : Number(r.reporter_phone_hash) }),
        }));
      const fresh = items.filter((r) => r.id > 6);
      const range = { firstId: 7, lastId: items.at(-1)!.id };
      for (const byReporter of [true, false]) {
        // Earlier items count only through an accused name as written, or a reporter hash, of a new row.
        const names = new Set(fresh.map((r) => r.name).filter(Boolean));
        const keys = new Set(fresh.flatMap((r) => r.reporters));
        const pool = items.filter((r) => r.id > 6 || names.has(r.name) || (byReporter && r.reporters.some((k) => keys.has(k))));
        pool.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : a.id - b.id));
        const originalOf = new Map<number, string>();
        const expected: unknown[] = [];
        for (const [i, x] of pool.entries()) {
          if (x.id <= 6) continue;
          const fx = byReporter ? x.f : { ...x.f, reporterKeys: [] };
          const y = pool.slice(0, i).find((y) => {
            const { reasons } = dupScore(fx, byReporter ? y.f : { ...y.f, reporterKeys: [] });
            return reasons.includes('same-reporter') || (reasons.includes('same-accused') && reasons.includes('same-unit'));
          });
          if (!y) continue;
          const original = originalOf.get(y.id) ?? y.code;
          originalOf.set(x.id, original);
          const sc = dupScore(fx, byReporter ? y.f : { ...y.f, reporterKeys: [] });
          expected.push({ item: x.code, original, score: sc.score, reasons: sc.reasons });
        }
        expect(expected.length).toBeGreaterThan(byReporter ? 60 : 40);
        if (byReporter) expect(imported.duplicateCandidates).toEqual(expected);
        for (const earlier of [undefined, 'lookup', 'scan'] as const) {
          expect(await reg.write((trx) => importCandidates(trx, range, { byReporter, earlier }))).toEqual(expected);
        }
      }
    } finally {
      await reg.close();
    }
  });
});

// SPEC 9: a million-row import peaks under 300 MB. The rows an import keeps for its candidates are
// their 32-bit keys only: before, a Map of the accused names and units with their folded forms (and
// the batch strings they kept alive) took the import to 420-455 MB.
describe('the rows an import keeps for its candidates', () => {
  it('hold no strings: under 30 bytes a row with a name of its own each', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const ROWS = 200_000, BATCH = 5_000;
    gc();
    const before = process.memoryUsage();
    const kept = new ImportedRows(true, ROWS);
    for (let b = 0; b < ROWS / BATCH; b++) {
      const packed: PackedValue[] = new Array(BATCH * PACKED_WIDTH).fill(null);
      const presences: Presence[] = [];
      for (let k = 0; k < BATCH; k++) {
        const i = b * BATCH + k, at = k * PACKED_WIDTH;
        packed[at + AT.received] = '2016-03-01';
        packed[at + AT.accusedName] = `被反映人${i}号`;
        packed[at + AT.accusedUnit] = `榆中县第${i % 1000}号工作站`;
        packed[at + AT.phoneHash] = 1_000_000 + i;
        presences.push({ state: 'new', code: `2016-${String(i + 1).padStart(4, '0')}`, line: i + 2, forwardedBy: null, ref: null });
      }
      kept.addBatch(packed, presences);
    }
    gc();
    const after = process.memoryUsage();
    const perRow = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / ROWS;
    expect(kept.rows.n).toBe(ROWS);
    expect(perRow).toBeLessThan(30);
  });
});

const EARLIER: Record<string, string>[] = [
  { received: '2016-02-01', 'accused-name': '张建国', 'accused-unit': '榆中县城关镇人民政府', summary: '反映张建国收受财物' },
  { received: '2016-02-02', summary: '反映村里低保评定不公', 'reporter-name': '王小明', 'reporter-phone': '13812345678' },
  { received: '2016-02-03', 'accused-name': '赵六', 'accused-unit': '交通运输局', summary: '反映赵六公车私用' },
];
const ROWS = [
  '甘纪转〔2016〕1号,甘肃省纪委监委,2016-03-01,来信,上级转办,检举控告,,,张建国,城关镇人民政府,举报张建国收取钱物',
  '甘纪转〔2016〕2号,甘肃省纪委监委,2016-03-02,来信,上级转办,检举控告,王小明,13812345678,李四,新集乡人民政府,反映李四吃拿卡要',
  '甘纪转〔2016〕3号,甘肃省纪委监委,2016-03-03,来信,上级转办,检举控告,,,孙七,红古区教育局,反映孙七违规收费',
  '兰纪转〔2016〕4号,兰州市纪委监委,2016-03-09,来访,上级转办,检举控告,,,孙七,兰州市红古区教育局,再次反映孙七违规收费',
  '甘纪转〔2016〕5号,甘肃省纪委监委,2016-03-10,来信,上级转办,检举控告,,,张建国,永登县新集乡人民政府,反映张建国违规发放补贴',
  '甘纪转〔2016〕6号,甘肃省纪委监委,2016-03-11,来信,上级转办,检举控告,,,赵六,交通运输局,反映赵六公车私用',
];

// Candidates at import (SPEC 5, 7; issue 10): importCandidates over the ids an import wrote — the
// same accused in the same folded unit, earlier in the registry or in the file, and the same
// reporter by keyed hash only when the import writes (never for a dry run).
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LARGE_IMPORT_ROWS } from '../../src/store/bulk.js';
import { Registry } from '../../src/store/registry.js';
import { openVault } from '../../src/usecases/context.js';
import { importCandidates } from '../../src/usecases/dupscan.js';
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

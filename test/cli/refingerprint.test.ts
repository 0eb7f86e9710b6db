// Re-import finds what is already there (SPEC 7): registered and imported items share one content
// fingerprint (organ and reference folded, line endings and blanks normalised), and init gives
// items fingerprinted the earlier way the new one, once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { asEarlierVersion } from '../support/legacy.js';
import { rawSql } from '../support/raw.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,内容摘要,反映人,联系电话';
const ROW = '甘纪转〔2016〕12号,甘肃省纪委监委,2016-06-22,来信,"反映某乡干部\r\n违规发放 补贴",李四,13900000001';

describe.each(testRegistries)('content fingerprints on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const imp = async (name: string, text: string) => {
    const file = join(s.dir, name);
    writeFileSync(file, text);
    return JSON.parse(await s.ok(['import', file, '--json'])) as { imported: number; alreadyPresent: number; conflicts: number };
  };

  it('the same file re-saved with LF line endings and other spacing is already present, not a conflict', async () => {
    expect(await imp('a.csv', `${HEADER}\r\n${ROW}\r\n`)).toMatchObject({ imported: 1 });
    const resaved = `${HEADER}\n${ROW.replace('\r\n', '\n').replace('违规发放 补贴', '违规发放  补贴 ')}\n`;
    expect(await imp('b.csv', resaved)).toMatchObject({ imported: 0, alreadyPresent: 1, conflicts: 0 });
  });

  it('init gives items fingerprinted the earlier way their content fingerprint, once, so a re-import finds them', async () => {
    await imp('a.csv', `${HEADER}\r\n${ROW}\r\n`);
    // As an earlier version left it: another fingerprint, no scheme marker.
    await asEarlierVersion(s.db, s.env, async (trx) => {
      await trx.updateTable('items').set({ fingerprint: 12345 }).execute();
      await trx.deleteFrom('meta').where('key', '=', 'fingerprint.scheme').execute();
    });
    await s.ok(['init']);
    expect(await imp('again2.csv', `${HEADER}\r\n${ROW}\r\n`)).toMatchObject({ imported: 0, alreadyPresent: 1, conflicts: 0 });
    const log = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: { refingerprinted?: number } }[];
    expect(log.filter((e) => e.action === 'init').at(-1)!.details.refingerprinted).toBe(1);
    const v = await s.cli(['audit', 'verify']);
    expect(v.code, v.stderr).toBe(0);
  });

  it('a registered item and the same case imported later agree on content', async () => {
    await s.ok(['register', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', '甘纪转〔2016〕12号', '--channel', '来信',
      '--received', '2016-06-22', '--summary', '反映某乡干部\n违规发放 补贴', '--reporter-name', '李四', '--reporter-phone', '13900000001']);
    expect(await imp('a.csv', `${HEADER}\r\n${ROW}\r\n`)).toMatchObject({ imported: 0, alreadyPresent: 1, conflicts: 0 });
  });

  it('the same case with its reference written with other brackets, full-width digits or spaces is already present (SPEC 7)', async () => {
    expect(await imp('a.csv', `${HEADER}\r\n${ROW}\r\n`)).toMatchObject({ imported: 1 });
    for (const ref of ['甘纪转[2016]12号', '甘纪转（２０１６）１２号', '甘纪转 【2016】 12号']) {
      const variant = ROW.replace('甘纪转〔2016〕12号', ref);
      expect(await imp(`v${ref.length}.csv`, `${HEADER}\r\n${variant}\r\n`), ref).toMatchObject({ imported: 0, alreadyPresent: 1, conflicts: 0 });
    }
    // Stored as given.
    const items = JSON.parse(await s.ok(['list', '--json'])) as { ref: string }[];
    expect(items.map((i) => i.ref)).toEqual(['甘纪转〔2016〕12号']);
  });

  it('a registry from before the folded key gets it from init (migration 0006), and then finds bracket variants', async () => {
    await imp('a.csv', `${HEADER}\r\n${ROW}\r\n`);
    await rawSql(registry.engine, s.db, 'UPDATE items SET ref_key = NULL');
    await rawSql(registry.engine, s.db, "DELETE FROM kysely_migration WHERE name IN ('0006_identity_key', '0007_item_state')"); // and those after it
    expect((await s.cli(['list'])).code).toBe(2); // needs init
    await s.ok(['init']);
    const variant = ROW.replace('甘纪转〔2016〕12号', '甘纪转[2016]12号');
    expect(await imp('v.csv', `${HEADER}\r\n${variant}\r\n`)).toMatchObject({ imported: 0, alreadyPresent: 1 });
  });

  it('init re-keys reporter IDs by the current rules: a 15-digit ID matches its 18-digit form afterwards', async () => {
    // 110105491231002 is the 15-digit form of 11010519491231002X.
    await s.ok(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映问题甲', '--received', '2016-06-01', '--reporter-name', '王甲', '--reporter-id', '110105491231002']);
    await asEarlierVersion(s.db, s.env, async (trx) => {
      await trx.updateTable('items').set({ reporter_id_hash: 777 }).execute();
      await trx.deleteFrom('meta').where('key', '=', 'fingerprint.scheme').execute();
    });
    await s.ok(['init']);
    const after = JSON.parse(await s.ok(['list', '--reporter', '11010519491231002X', '--reason', '核查', '--json'])) as unknown[];
    expect(after.length).toBe(1);
  });
});

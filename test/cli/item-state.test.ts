// The state every report reads (item_state, store/item-state.ts; migration 0007) is kept by every
// writer: registering, importing, each decision (back-dated too), a void, a correction. After each
// kind of write it must equal what the items and events give, and a report must be the same as one
// that computes every state from the events. A row altered behind the program's back makes `audit
// verify` exit 5 naming the item; `init` recomputes it (audited). A registry from before the table
// is refused until `init` makes and fills it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemStateFaults } from '../../src/store/item-state.js';
import { Registry } from '../../src/store/registry.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';
import { rawSql } from '../support/raw.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,来源,信访类别,反映人,联系电话,被反映人,被反映人单位,内容摘要';

describe.each(testRegistries)('the kept item states on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const q = (text: string) => rawSql(registry.engine, s.db, text);

  const faults = async () => {
    const reg = await Registry.open(s.db, { create: false });
    try {
      return await itemStateFaults(reg.db, reg.dialect);
    } finally {
      await reg.close();
    }
  };

  /** Items registered and imported, decided (some back-dated, some after the half-year), voided and corrected. */
  async function history(): Promise<void> {
    await registerOk(s, { received: '2016-02-01', 'accused-name': '张建国', 'accused-unit': '城关镇人民政府', summary: '反映张建国收受财物', 'reporter-name': '王小明' });
    const file = join(s.dir, 'forwarded.csv');
    writeFileSync(file, [
      HEADER,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-03-01,来信,上级转办,检举控告,李华,13812345678,李四,新集乡人民政府,反映李四吃拿卡要',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-03-02,来信,上级转办,检举控告,,,孙七,红古区教育局,反映孙七违规收费',
      '甘纪转〔2016〕3号,甘肃省纪委监委,2016-03-03,来访,上级转办,检举控告,,,赵六,交通运输局,反映赵六公车私用',
      '甘纪转〔2016〕4号,甘肃省纪委监委,2016-05-03,来信,上级转办,检举控告,,,钱八,水务局,反映钱八违规发放补贴',
    ].join('\r\n') + '\r\n');
    await s.ok(['import', file, '--quiet']);
    expect(await faults()).toEqual({ count: 0, itemIds: [] });
    await s.ok(['dispose', '2016-0002', '--as', '初核', '--on', '2016-03-10']);
    await s.ok(['assign', '2016-0002', '--to', '第一监察室', '--on', '2016-03-11']);
    await s.ok(['conclude', '2016-0002', '--result', '部分属实', '--on', '2016-08-20']); // after the half-year
    await s.ok(['dup', 'mark', '2016-0004', '--of', '2016-0003', '--on', '2016-03-20']);
    await s.ok(['dispose', '2016-0003', '--as', '谈话函询', '--on', '2016-04-01']);
    await s.ok(['dispose', '2016-0003', '--as', '暂存', '--on', '2016-03-25']); // back-dated: the later date still wins
    await s.ok(['scope', 'out', '2016-0005', '--refer-to', '县法院', '--reason', '诉讼事项', '--on', '2016-05-10']);
    await s.ok(['void', '2016-0001', '--reason', '误登']);
    await s.ok(['amend', '2016-0002', '--channel', '来访', '--reason', '录错']);
    await s.ok(['amend', '2016-0005', '--received', '2016-05-04', '--reason', '收件日期录入错误']);
  }

  it('equals what the items and events give after every kind of write, and reports read the same as from the events', async () => {
    await history();
    expect(await faults()).toEqual({ count: 0, itemIds: [] });
    const rows = await q("SELECT i.code, s.status, s.disposal, s.settled, s.received, s.channel FROM item_state s JOIN items i ON i.id = s.item_id WHERE i.code IN ('2016-0002', '2016-0003', '2016-0005') ORDER BY i.code");
    expect(rows).toEqual([
      { code: '2016-0002', status: 'concluded', disposal: 'verify', settled: '2016-08-20', received: '2016-03-01', channel: 'visit' },
      { code: '2016-0003', status: 'disposed', disposal: 'inquire', settled: '2016-04-01', received: '2016-03-02', channel: 'letter' },
      { code: '2016-0005', status: 'out-of-scope', disposal: null, settled: '2016-05-10', received: '2016-05-04', channel: 'letter' },
    ]);
    // The half-year as of its end reads 2016-0002 (concluded 2016-08-20) from its events; as of the
    // year's end, from the kept row: the conclusion counts only in the second.
    const half = JSON.parse(await s.ok(['report', '--period', '2016-H1', '--json'])) as { groups: { superior: { concluded: number; disposals: Record<string, number>; duplicates: number; outOfScope: number } } };
    const year = JSON.parse(await s.ok(['report', '--period', '2016', '--json'])) as typeof half;
    expect(half.groups.superior).toMatchObject({ concluded: 0, duplicates: 1, outOfScope: 1, disposals: { verify: 1, inquire: 1 } });
    expect(year.groups.superior).toMatchObject({ concluded: 1, duplicates: 1, outOfScope: 1, disposals: { verify: 1, inquire: 1 } });
  });

  it('a kept state altered behind the program exits 5 naming the item; init recomputes it and says so in the log', async () => {
    await history();
    const before = await s.ok(['report', '--period', '2016', '--json']);
    await q("UPDATE item_state SET status = 'pending', disposal = NULL WHERE item_id = (SELECT id FROM items WHERE code = '2016-0002')");
    const r = await s.cli(['audit', 'verify']);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('报表所用的信访件状态与决定记录不符（1 件：2016-0002）');
    expect(r.stderr).toContain('xinfang init');
    // A row removed, and one added for no item, are found too.
    await q("DELETE FROM item_state WHERE item_id = (SELECT id FROM items WHERE code = '2016-0004')");
    await q("INSERT INTO item_state (item_id, received, source, channel, kind, real_name, status) VALUES (999, '2016-01-01', 'own', 'letter', 'accusation', 0, 'pending')");
    const r2 = await s.cli(['audit', 'verify', '--json']);
    expect(r2.code).toBe(5);
    expect(JSON.parse(r2.stdout).stateFaults).toEqual({ count: 3, itemCodes: ['2016-0002', '2016-0004', '#999'] });
    expect(await s.ok(['report', '--period', '2016', '--json'])).not.toBe(before);
    await s.ok(['init']);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    expect(await s.ok(['report', '--period', '2016', '--json'])).toBe(before);
    const log = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: Record<string, unknown> }[];
    expect(log.at(-1)).toMatchObject({ action: 'init', details: { statesRecomputed: 3 } });
    // Nothing to recompute: no entry.
    await s.ok(['init']);
    expect((JSON.parse(await s.ok(['audit', 'log', '--json'])) as unknown[]).length).toBe(log.length);
  });

  it('a kept row repeated behind the program (its primary key dropped) exits 5; init leaves one row an item', async () => {
    await history();
    const before = await s.ok(['report', '--period', '2016', '--json']);
    if (registry.engine === 'sqlite') {
      // SQLite cannot drop a primary key: the table is made again without it, as an attacker would.
      await q('CREATE TABLE s AS SELECT * FROM item_state');
      await q('DROP TABLE item_state');
      await q('CREATE TABLE item_state AS SELECT * FROM s WHERE 0');
      await q('INSERT INTO item_state SELECT * FROM s');
      await q('DROP TABLE s');
    } else {
      await q('ALTER TABLE item_state DROP CONSTRAINT item_state_pkey');
    }
    await q("INSERT INTO item_state SELECT * FROM item_state WHERE disposal = 'verify'");
    expect(await s.ok(['report', '--period', '2016', '--json'])).not.toBe(before); // counted twice
    const r = await s.cli(['audit', 'verify', '--json']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout).stateFaults).toEqual({ count: 1, itemCodes: ['2016-0002'] });
    await s.ok(['init']);
    expect(await q("SELECT count(*) AS n FROM item_state s JOIN items i ON i.id = s.item_id WHERE i.code = '2016-0002'")).toEqual([{ n: registry.engine === 'sqlite' ? 1 : '1' }]);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    expect(await s.ok(['report', '--period', '2016', '--json'])).toBe(before);
  });

  it('a registry from before the kept states is refused until init makes and fills them; its reports do not change', async () => {
    await history();
    const before = await s.ok(['report', '--period', '2016', '--json']);
    await q('DROP TABLE item_state');
    await q("DELETE FROM kysely_migration WHERE name = '0007_item_state'");
    const refused = await s.cli(['report', '--period', '2016']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('xinfang init');
    expect(await s.ok(['init'])).toContain('0007_item_state');
    expect(await faults()).toEqual({ count: 0, itemIds: [] });
    expect(await s.ok(['report', '--period', '2016', '--json'])).toBe(before);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
  });

  it('init with a wrong key refuses before it migrates anything', async () => {
    await history();
    await q('DROP TABLE item_state');
    await q("DELETE FROM kysely_migration WHERE name = '0007_item_state'");
    const wrong = await s.cli(['init'], { env: { XINFANG_KEY: Buffer.alloc(32, 7).toString('base64') } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('密钥不对');
    expect(await q("SELECT name FROM kysely_migration WHERE name = '0007_item_state'")).toEqual([]);
    expect((await s.cli(['list'])).code).toBe(2); // still needs init
    expect(await s.ok(['init'])).toContain('0007_item_state');
  });
});

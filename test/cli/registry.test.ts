// The registry commands in-process on every engine: init, register, confidentiality, list and show,
// registry problems, the audit log, long listings. What needs a real process (exit codes of the
// binary, pipes, clerks as separate processes) stays in test/e2e/registry.test.ts.
import { chmodSync, existsSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';
import { pgDumpText, rawSql } from '../support/raw.js';

const ITEM_KEYS = ['code', 'received', 'source', 'group', 'forwardedBy', 'ref', 'channel', 'kind', 'category', 'summary',
  'realName', 'reporterName', 'accusedName', 'accusedUnit', 'accusedRank', 'status', 'duplicateOf', 'disposal',
  'assignedTo', 'due', 'concluded', 'extra'];

describe.each(testRegistries)('registry on $engine', (registry) => {
  const onSqlite = registry.engine === 'sqlite';
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry, { init: false }); });
  afterEach(async () => { await s.cleanup(); });

  async function init(): Promise<void> {
    const r = await s.cli(['init']);
    expect(r.code, r.stderr).toBe(0);
  }
  const raw = (text: string, params?: unknown[]) => rawSql(s.engine, s.db, text, params);
  const listJson = async (args: string[] = []) => JSON.parse((await s.cli(['list', ...args, '--json'])).stdout);

  describe('init', () => {
    it('creates the registry, says so, and is idempotent', async () => {
      const r = await s.cli(['init']);
      expect(r.code, r.stderr).toBe(0);
      // A server registry is named without its password (test/cli/engines.test.ts).
      expect(r.stdout).toContain(onSqlite ? s.db : new URL(s.db).pathname.slice(1));
      expect(r.stdout).toContain('新建');
      const again = await s.cli(['init']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('已是最新');
    });

    if (onSqlite) {
      it('makes an owner-only key file beside an SQLite registry and keeps it on a second init', async () => {
        await init();
        const key = `${s.db}.key`;
        expect(statSync(key).mode & 0o777).toBe(0o600);
        const keyText = readFileSync(key, 'utf8');
        await init();
        expect(readFileSync(key, 'utf8')).toBe(keyText);
      });

      it('refuses to make a new key for a registry whose key file is gone', async () => {
        await init();
        await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
        writeFileSync(`${s.db}.key.bak`, readFileSync(`${s.db}.key`));
        chmodSync(`${s.db}.key`, 0o600);
        unlinkSync(`${s.db}.key`);
        const r = await s.cli(['init']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('找不到密钥文件');
        expect(existsSync(`${s.db}.key`)).toBe(false);
      });
    }
  });

  describe('register', () => {
    beforeEach(init);

    it('prints the new code alone, numbering within the year received', async () => {
      const a = await registerOk(s, { received: '2016-06-21' });
      const b = await registerOk(s, { received: '2016/6/22' });
      const c = await registerOk(s, { received: '2017年1月3日' });
      expect([a, b, c]).toEqual(['2016-0001', '2016-0002', '2017-0001']);
    });

    it('prints the item with --json, keys as the spec names them, reporter masked', async () => {
      const r = await s.cli(['register', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', '甘纪转〔2016〕12号',
        '--channel', '来信', '--summary', '反映张三违规发放补贴', '--received', '2016.6.21', '--reporter-name', '王小明',
        '--reporter-phone', '13812345678', '--reporter-id', '11010519491231002X', '--accused-name', '张三', '--accused-rank', '乡科级', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const item = JSON.parse(r.stdout);
      for (const k of ITEM_KEYS) expect(item).toHaveProperty(k);
      expect(item).toMatchObject({
        code: '2016-0001', received: '2016-06-21', source: 'superior-forwarded', group: 'superior', forwardedBy: '甘肃省纪委监委',
        ref: '甘纪转〔2016〕12号', channel: 'letter', kind: 'accusation', realName: true, reporterName: '王*',
        reporterPhone: '138****5678', reporterId: '110105********002X', status: 'pending', duplicateOf: null, extra: {},
      });
    });

    it('accepts full-width and alias input', async () => {
      const r = await s.cli(['register', '--source', 'ＯＷＮ', '--channel', ' 网络 ', '--kind', '申诉', '--summary', 'x', '--received', '２０１６-０６-０１', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ source: 'own', channel: 'online', kind: 'appeal', received: '2016-06-01' });
    });

    it('without a terminal, lists every missing field and writes nothing', async () => {
      const r = await s.cli(['register', '--source', '上级转办']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('缺少必填项：转办机关（--forwarded-by）、信访形式（--channel）、内容摘要（--summary）');
      expect(r.stdout).toBe('');
      expect(await listJson()).toEqual([]);
    });

    it.each([
      [['--received', '2016-02-30'], '日期不存在'],
      [['--received', '明天'], '不是日期'],
      [['--source', '天上掉的'], '无法识别的来源'],
      [['--channel', 'pigeon'], '无法识别的信访形式'],
      [['--kind', '表扬'], '无法识别的信访类别'],
      [['--summary', '   '], '缺少内容摘要'],
    ])('refuses %j with exit 2 and says why', async (flags, message) => {
      const base: Record<string, string> = { '--source': '本级受理', '--channel': '来信', '--summary': '反映问题', '--received': '2016-06-01' };
      for (let i = 0; i < flags.length; i += 2) base[flags[i]!] = flags[i + 1]!;
      const r = await s.cli(['register', ...Object.entries(base).flat()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(await listJson()).toEqual([]);
    });

    it('names the accepted values for an unknown code, in English with --lang en', async () => {
      const r = await s.cli(['register', '--lang', 'en', '--source', 'nowhere', '--channel', 'letter', '--summary', 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('source "nowhere"');
      expect(r.stderr).toContain('superior-forwarded');
    });

    it('warns about an ID number with a bad check digit but keeps it as given', async () => {
      const r = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--received', '2016-06-01',
        '--reporter-name', '王小明', '--reporter-id', '110105194912310021']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('校验位');
      const shown = await s.cli(['reveal', r.stdout.trim(), '--reason', '核对身份证号', '--json']);
      expect(JSON.parse(shown.stdout).reporterId).toBe('110105194912310021');
    });

    it('refuses a received date in the future', async () => {
      const r = await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--received', '2030-01-01']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('晚于今天');
    });

    it('warns of possible duplicates: same reporter phone', async () => {
      await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
      const r = await s.cli(['register', '--source', 'own', '--channel', 'visit', '--summary', '又来反映', '--received', '2016-07-01',
        '--reporter-name', '王小明', '--reporter-phone', '138 1234 5678']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('可能与以下信访件重复：2016-0001');
    });

    // Concurrent registrations in one process are meaningful on PostgreSQL only (each its own pool,
    // truly concurrent). On SQLite the driver is synchronous: a connection waiting for the write
    // lock blocks the one event loop, so the holder never finishes. SQLite's clerks are separate
    // processes, in test/e2e/registry.test.ts and test/e2e/concurrency.test.ts.
    if (!onSqlite) it('gives unique codes to registrations running at the same moment (each its own connection)', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', `同时登记 ${i}`, '--received', '2016-06-01'])));
      for (const r of results) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toContain('locked');
      }
      const codes = results.map((r) => r.stdout.trim()).sort();
      expect(new Set(codes).size).toBe(8);
      expect(codes[0]).toBe('2016-0001');
      expect(codes[7]).toBe('2016-0008');
      expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    });
  });

  describe('confidentiality', () => {
    beforeEach(init);

    const SECRETS = ['欧阳明月', '13912345678', '11010519491231002X', '张掖路88号', '1391234'];
    const registerSecrets = () => registerOk(s, { 'reporter-name': '欧阳明月', 'reporter-phone': '13912345678', 'reporter-id': '11010519491231002X', 'reporter-address': '甘肃省兰州市城关区张掖路88号' });

    if (onSqlite) {
      it('keeps no reporter name, phone, ID or address in plaintext in the registry files', async () => {
        await registerSecrets();
        await s.cli(['list']);
        const files = readdirSync(s.dir).filter((f) => f.startsWith('registry.db') && !f.endsWith('.key'));
        expect(files).toContain('registry.db');
        const bytes = Buffer.concat(files.map((f) => readFileSync(join(s.dir, f))));
        for (const secret of SECRETS) {
          expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
        }
      });
    } else {
      it('keeps no reporter name, phone, ID or address in plaintext in any table of the database', async () => {
        await registerSecrets();
        await s.cli(['list']);
        const text = await pgDumpText(s.db);
        expect(text).toContain('反映某局干部收受礼金'); // the dump does see the registry's rows
        for (const secret of SECRETS) {
          expect(text.includes(secret), secret).toBe(false);
          expect(text.includes(Buffer.from(secret).toString('hex')), `${secret} as bytea`).toBe(false);
        }
      });
    }

    it('masks in every format; reveal shows the identity and records who and why', async () => {
      const code = await registerOk(s, { 'reporter-name': '欧阳明月', 'reporter-phone': '13912345678' });
      for (const fmt of ['table', 'json', 'csv', 'md']) {
        const out = (await s.cli(['list', '--format', fmt])).stdout;
        if (fmt === 'json' || fmt === 'csv') expect(out).toContain('欧*');
        expect(out).not.toContain('欧阳明月');
        expect(out).not.toContain('13912345678');
      }
      expect((await s.cli(['show', code, '--json'])).stdout).toContain('"reporterName": "欧*"');
      expect((await s.cli(['show', code])).stdout).toContain('139****5678');
      expect((await s.cli(['reveal', code])).code).toBe(2);
      const r = await s.cli(['reveal', code, '--reason', '纪检组长批准核实', '--operator', '李书记']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('欧阳明月');
      expect(r.stdout).toContain('13912345678');
      const log = JSON.parse((await s.cli(['audit', 'log', code, '--json'])).stdout);
      expect(log.at(-1)).toMatchObject({ action: 'reveal', operator: '李书记', itemCode: code, details: { reason: '纪检组长批准核实' } });
    });

    it('finds an item by reporter phone without decrypting every row (an audited look-up)', async () => {
      await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
      await registerOk(s, { 'reporter-name': '赵六', 'reporter-phone': '13700000000' });
      const found = await listJson(['--reporter', '138-1234-5678', '--reason', '核查重复举报']);
      expect(found.map((i: { code: string }) => i.code)).toEqual(['2016-0001']);
    });

    it('says clearly when the key is wrong', async () => {
      await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
      const wrong = await s.cli(['list'], { env: { XINFANG_KEY: Buffer.alloc(32, 7).toString('base64') } });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('密钥不对');
    });

    if (onSqlite) {
      it('says clearly when the key file is missing', async () => {
        await registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
        renameSync(`${s.db}.key`, `${s.db}.key.moved`);
        const missing = await s.cli(['list']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('找不到密钥');
        expect(missing.stdout).toBe('');
      });

      it('works with the key given in XINFANG_KEY', async () => {
        const dbEnv = { XINFANG_KEY: 'correct horse battery staple 信访', XINFANG_DB: join(s.dir, 'env.db') };
        expect((await s.cli(['init'], { env: dbEnv })).code).toBe(0);
        expect(existsSync(join(s.dir, 'env.db.key'))).toBe(false);
        const code = (await s.cli(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-name', '孙七', '--reporter-phone', '13600000000'], { env: dbEnv })).stdout.trim();
        expect((await s.cli(['reveal', code, '--reason', 'test'], { env: dbEnv })).stdout).toContain('孙七');
        expect((await s.cli(['list'], { env: { ...dbEnv, XINFANG_KEY: 'wrong passphrase' } })).code).toBe(2);
      });
    }
  });

  describe('list and show', () => {
    beforeEach(init);

    async function seed(): Promise<void> {
      await registerOk(s, { received: '2016-01-05', source: '上级转办', 'forwarded-by': '甘肃省纪委监委', ref: '甘纪转〔2016〕1号', summary: '反映某镇干部优亲厚友，低保评定不公' });
      await registerOk(s, { received: '2016-03-10', source: '公检法移交', channel: '来访', summary: '涉嫌职务犯罪线索', 'accused-name': '张三', 'accused-unit': '某县交通运输局' });
      await registerOk(s, { received: '2016-07-01', summary: '反映村支书侵占集体资金, "数额较大"\n第二行' });
    }
    const codes = async (args: string[]) => (await listJson(args)).map((i: { code: string }) => i.code);

    it('filters by period, source, group, status, text, and limits rows', async () => {
      await seed();
      expect(await codes([])).toEqual(['2016-0001', '2016-0002', '2016-0003']);
      expect(await codes(['--period', '2016-H1'])).toEqual(['2016-0001', '2016-0002']);
      expect(await codes(['--period', '2016-Q1', '--group', 'local'])).toEqual(['2016-0002']);
      expect(await codes(['--source', '上级转办,judicial'])).toEqual(['2016-0001', '2016-0002']);
      expect(await codes(['--from', '2016/3/1', '--to', '2016年12月31日'])).toEqual(['2016-0002', '2016-0003']);
      expect(await codes(['--status', 'pending', '--limit', '2'])).toEqual(['2016-0001', '2016-0002']);
      expect(await codes(['--status', 'duplicate'])).toEqual([]);
      // No disposal commands exist yet: no item has a disposal, and a bad code is refused.
      expect(await codes(['--disposal', '初核'])).toEqual([]);
      expect((await s.cli(['list', '--disposal', 'burn'])).code).toBe(2);
      expect(await codes(['--search', '低保'])).toEqual(['2016-0001']);
      expect(await codes(['--accused', '张'])).toEqual(['2016-0002']);
      expect(await codes(['--unit', '交通'])).toEqual(['2016-0002']);
      const bad = await s.cli(['list', '--period', '2016-Q5']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('季度须为 Q1 至 Q4');
      expect((await s.cli(['list', '--status', 'lost'])).code).toBe(2);
      expect((await s.cli(['list', '--limit', '0'])).code).toBe(2);
    });

    it('derives state from decision events as of a date', async () => {
      await seed();
      expect((await s.cli(['dispose', '2016-0002', '--as', '初核', '--on', '2016-04-01'])).code).toBe(0);
      expect(await codes(['--disposal', '初核'])).toEqual(['2016-0002']);
      expect(await codes(['--status', 'disposed'])).toEqual(['2016-0002']);
      expect(await codes(['--status', 'disposed', '--as-of', '2016-03-31'])).toEqual([]);
      const shown = JSON.parse((await s.cli(['show', '2016-0002', '--json'])).stdout);
      expect(shown).toMatchObject({ status: 'disposed', disposal: 'verify' });
      expect((await s.cli(['show', '2016-0002'])).stdout).toContain('初步核实');
    });

    it('renders CSV with a BOM (or without), Markdown, and a plain table when piped', async () => {
      await seed();
      const csv = (await s.cli(['list', '--format', 'csv'])).stdout;
      expect(csv.startsWith('\uFEFFcode,received,source,group,')).toBe(true);
      expect(csv).toContain('"反映村支书侵占集体资金, ""数额较大""\n第二行"');
      expect(csv).toContain('2016-0001,2016-01-05,superior-forwarded,superior,甘肃省纪委监委');
      expect((await s.cli(['list', '--format', 'csv', '--no-bom'])).stdout.startsWith('code,')).toBe(true);
      const md = (await s.cli(['list', '--format', 'md'])).stdout;
      expect(md.split('\n')[0]).toBe('| 编号 | 收件日期 | 来源 | 信访形式 | 被反映人 | 被反映人单位 | 问题类别 | 内容摘要 | 状态 |');
      const table = (await s.cli(['list'])).stdout.split('\n');
      expect(table[0]).toMatch(/^编号\s+收件日期\s+来源/);
      expect(table).toHaveLength(5); // header, three rows (the embedded newline folded), final newline
      expect(table[0]).not.toContain('\u001b[');
      const en = (await s.cli(['list', '--lang', 'en'])).stdout;
      expect(en).toContain('forwarded by superior');
    });

    it('writes --output atomically, inferring the format from the extension', async () => {
      await seed();
      const out = join(s.dir, 'items.csv');
      const r = await s.cli(['list', '--output', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(readFileSync(out, 'utf8').startsWith('\uFEFFcode,')).toBe(true);
      await s.cli(['list', '--output', join(s.dir, 'items.json')]);
      expect(JSON.parse(readFileSync(join(s.dir, 'items.json'), 'utf8'))).toHaveLength(3);
      expect((await s.cli(['list', '--output', join(s.dir, 'items.weird')])).code).toBe(2);
    });

    it('shows one item with its history; an unknown code exits 3', async () => {
      await seed();
      const r = await s.cli(['show', '2016-2']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('涉嫌职务犯罪线索');
      expect(r.stdout).toContain('公检法移交');
      expect(r.stdout).toContain('登记');
      const j = JSON.parse((await s.cli(['show', '2016-0002', '--json'])).stdout);
      expect(j.code).toBe('2016-0002');
      expect(j.history[0]).toMatchObject({ action: 'register', operator: 'tester', on: '2016-03-10' });
      const missing = await s.cli(['show', '2016-0099']);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain('没有编号为 2016-0099 的信访件');
      expect((await s.cli(['show', 'abc'])).code).toBe(2);
    });
  });

  describe('registry problems', () => {
    if (onSqlite) {
      it('refuses a missing registry with a hint to run init', async () => {
        const r = await s.cli(['list']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('登记库不存在');
        expect(r.stderr).toContain('xinfang init');
        expect(existsSync(s.db)).toBe(false);
      });

      it('says which folder it cannot create', async () => {
        writeFileSync(join(s.dir, 'file'), 'x');
        const r = await s.cli(['--db', join(s.dir, 'file', 'sub', 'r.db'), 'init']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`无法创建登记库所在的文件夹 ${join(s.dir, 'file', 'sub')}`);
      });

      it('refuses a file that is not SQLite, without a stack trace', async () => {
        writeFileSync(s.db, 'this is a spreadsheet, not a registry\n'.repeat(100));
        const r = await s.cli(['list']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('不是 xinfang 登记库');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }

    it('refuses a registry behind the migrations until init upgrades it', async () => {
      await init();
      await raw('DELETE FROM kysely_migration');
      const r = await s.cli(['list']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('需要升级');
      expect((await s.cli(['init'])).code).toBe(0);
      expect((await s.cli(['list'])).code).toBe(0);
    });

    it('exits 2 for bad flags, with the message in the chosen language', async () => {
      await init();
      const r = await s.cli(['list', '--bogus']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('未知选项 --bogus');
      expect((await s.cli(['frobnicate'])).code).toBe(2);
      expect((await s.cli(['--lang', 'fr', 'list'])).code).toBe(2);
    });
  });

  describe('audit log', () => {
    beforeEach(init);

    // The guards against changing the log: two triggers on SQLite, one on PostgreSQL (migration 0001).
    const dropGuard = (what: 'update' | 'delete') => raw(onSqlite ? `DROP TRIGGER audit_no_${what}` : 'DROP TRIGGER IF EXISTS audit_no_change ON audit');

    it('verifies an intact chain and names the first altered entry', async () => {
      await registerOk(s);
      await registerOk(s);
      await registerOk(s);
      const ok = await s.cli(['audit', 'verify']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('共 4 条');
      await expect(raw("UPDATE audit SET operator = 'mallory' WHERE seq = 3")).rejects.toThrow(/append-only/);
      await expect(raw('DELETE FROM audit WHERE seq = 3')).rejects.toThrow(/append-only/);
      // Behind the program's back: drop the guard, then alter entry 3.
      await dropGuard('update');
      await raw("UPDATE audit SET operator = 'mallory' WHERE seq = 3");
      const bad = await s.cli(['audit', 'verify']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('第 3 条记录被改动过');
    });

    it('notices a removed entry, in the middle or at the end', async () => {
      await registerOk(s);
      await registerOk(s);
      await registerOk(s);
      await dropGuard('delete');
      await raw('DELETE FROM audit WHERE seq = 4');
      const end = await s.cli(['audit', 'verify', '--lang', 'en']);
      expect(end.code).not.toBe(0);
      expect(end.stderr).toContain('newest entries were removed');
      await raw('DELETE FROM audit WHERE seq = 2');
      const mid = await s.cli(['audit', 'verify']);
      expect(mid.code).not.toBe(0);
      expect(mid.stderr).toContain('缺少第 2 条记录');
    });

    it('lists entries in every format', async () => {
      const code = await registerOk(s);
      const log = JSON.parse((await s.cli(['audit', 'log', '--json'])).stdout);
      expect(log.map((e: { action: string }) => e.action)).toEqual(['init', 'register']);
      expect(log[1]).toMatchObject({ seq: 2, itemCode: code, operator: 'tester' });
      expect((await s.cli(['audit', 'log', '--format', 'csv'])).stdout).toContain('seq,at,operator,osUser,action');
      expect((await s.cli(['audit', 'log', '2016-0009'])).code).toBe(3);
    });
  });

  if (onSqlite) {
    describe('registry location', () => {
      it('defaults to xinfang.db in the XDG data directory, and XINFANG_DB or --db override it', async () => {
        const env = { XINFANG_DB: '' };
        const r = await s.cli(['init'], { env });
        expect(r.code, r.stderr).toBe(0);
        const expected = join(s.dir, '.local', 'share', 'xinfang', 'xinfang.db');
        expect(r.stdout).toContain(expected);
        expect(existsSync(expected)).toBe(true);
        const xdg = await s.cli(['init'], { env: { ...env, XDG_DATA_HOME: join(s.dir, 'xdg') } });
        expect(xdg.stdout).toContain(join(s.dir, 'xdg', 'xinfang', 'xinfang.db'));
        const flag = await s.cli(['--db', join(s.dir, 'other.db'), 'init']);
        expect(flag.stdout).toContain(join(s.dir, 'other.db'));
      });
    });
  }

  describe('long listings', () => {
    it('lists more than a page of items, in received order, with limits and status filters across pages', async () => {
      await init();
      const header = '来文编号,转办机关,收件日期,内容摘要';
      const lines = [header];
      // Received dates out of file order, so that the listing's order is the registry's, not the file's.
      for (let i = 0; i < 4500; i++) lines.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-${String((i % 12) + 1).padStart(2, '0')}-01,反映问题${i}`);
      const file = join(s.dir, 'many.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      expect((await s.cli(['import', file])).code).toBe(0);
      const all = await listJson() as { code: string; received: string }[];
      expect(all).toHaveLength(4500);
      expect(new Set(all.map((i) => i.code)).size).toBe(4500);
      const keys = all.map((i) => `${i.received} ${i.code.slice(0, 4)} ${i.code.slice(5).padStart(6, '0')}`);
      expect(keys).toEqual([...keys].sort());
      const limited = await listJson(['--limit', '2345']);
      expect(limited).toEqual(all.slice(0, 2345));
      const pending = await listJson(['--status', 'pending', '--limit', '3001']);
      expect(pending).toEqual(all.slice(0, 3001));
      expect((await s.cli(['list', '--format', 'csv'])).stdout.split('\r\n')).toHaveLength(4502);
      const table = (await s.cli(['list'])).stdout.split('\n');
      expect(table).toHaveLength(4502);
    });
  });
});

import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerOk, sandbox, type Sandbox } from './cli.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

function init(): void {
  const r = s.run(['init']);
  expect(r.code, r.stderr).toBe(0);
}

const ITEM_KEYS = ['code', 'received', 'source', 'group', 'forwardedBy', 'ref', 'channel', 'kind', 'category', 'summary',
  'realName', 'reporterName', 'accusedName', 'accusedUnit', 'accusedRank', 'status', 'duplicateOf', 'disposal',
  'assignedTo', 'due', 'concluded', 'extra'];

describe('init', () => {
  it('creates the registry and an owner-only key file, and is idempotent', () => {
    const r = s.run(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(s.db);
    expect(r.stdout).toContain('新建');
    const key = `${s.db}.key`;
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(key, 'utf8');
    const again = s.run(['init']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('已是最新');
    expect(readFileSync(key, 'utf8')).toBe(keyText);
  });

  it('refuses to make a new key for a registry whose key file is gone', () => {
    init();
    registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    writeFileSync(`${s.db}.key.bak`, readFileSync(`${s.db}.key`));
    chmodSync(`${s.db}.key`, 0o600);
    const { unlinkSync } = require('node:fs') as typeof import('node:fs');
    unlinkSync(`${s.db}.key`);
    const r = s.run(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到密钥文件');
    expect(existsSync(`${s.db}.key`)).toBe(false);
  });
});

describe('register', () => {
  beforeEach(init);

  it('prints the new code alone, numbering within the year received', () => {
    const a = registerOk(s, { received: '2016-06-21' });
    const b = registerOk(s, { received: '2016/6/22' });
    const c = registerOk(s, { received: '2017年1月3日' });
    expect([a, b, c]).toEqual(['2016-0001', '2016-0002', '2017-0001']);
  });

  it('prints the item with --json, keys as the spec names them, reporter masked', () => {
    const r = s.run(['register', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', '甘纪转〔2016〕12号',
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

  it('accepts full-width and alias input', () => {
    const r = s.run(['register', '--source', 'ＯＷＮ', '--channel', ' 网络 ', '--kind', '申诉', '--summary', 'x', '--received', '２０１６-０６-０１', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'own', channel: 'online', kind: 'appeal', received: '2016-06-01' });
  });

  it('without a terminal, lists every missing field and writes nothing', () => {
    const r = s.run(['register', '--source', '上级转办']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('缺少转办机关');
    expect(r.stderr).toContain('缺少信访形式');
    expect(r.stderr).toContain('缺少内容摘要');
    expect(r.stdout).toBe('');
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toEqual([]);
  });

  it.each([
    [['--received', '2016-02-30'], '日期不存在'],
    [['--received', '明天'], '不是日期'],
    [['--source', '天上掉的'], '无法识别的来源'],
    [['--channel', 'pigeon'], '无法识别的信访形式'],
    [['--kind', '表扬'], '无法识别的信访类别'],
    [['--summary', '   '], '缺少内容摘要'],
  ])('refuses %j with exit 2 and says why', (flags, message) => {
    const base: Record<string, string> = { '--source': '本级受理', '--channel': '来信', '--summary': '反映问题', '--received': '2016-06-01' };
    for (let i = 0; i < flags.length; i += 2) base[flags[i]!] = flags[i + 1]!;
    const r = s.run(['register', ...Object.entries(base).flat()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toEqual([]);
  });

  it('names the accepted values for an unknown code, in English with --lang en', () => {
    const r = s.run(['register', '--lang', 'en', '--source', 'nowhere', '--channel', 'letter', '--summary', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('source "nowhere"');
    expect(r.stderr).toContain('superior-forwarded');
  });

  it('warns about an ID number with a bad check digit but keeps it as given', () => {
    const r = s.run(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--received', '2016-06-01',
      '--reporter-name', '王小明', '--reporter-id', '110105194912310021']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('校验位');
    const shown = s.run(['reveal', r.stdout.trim(), '--reason', '核对身份证号', '--json']);
    expect(JSON.parse(shown.stdout).reporterId).toBe('110105194912310021');
  });

  it('refuses a received date in the future', () => {
    const r = s.run(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--received', '2999-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('晚于今天');
  });

  it('warns of possible duplicates: same reporter phone', () => {
    registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    const r = s.run(['register', '--source', 'own', '--channel', 'visit', '--summary', '又来反映', '--received', '2016-07-01',
      '--reporter-name', '王小明', '--reporter-phone', '138 1234 5678']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('可能与以下信访件重复：2016-0001');
  });

  it('gives unique codes to clerks registering at the same moment', async () => {
    const runs = Array.from({ length: 8 }, (_, i) =>
      s.runAsync(['register', '--source', 'own', '--channel', 'letter', '--summary', `同时登记 ${i}`, '--received', '2016-06-01']));
    const results = await Promise.all(runs);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('locked');
    }
    const codes = results.map((r) => r.stdout.trim()).sort();
    expect(new Set(codes).size).toBe(8);
    expect(codes[0]).toBe('2016-0001');
    expect(codes[7]).toBe('2016-0008');
    expect(s.run(['audit', 'verify']).code).toBe(0);
  });
});

describe('confidentiality', () => {
  beforeEach(init);

  it('keeps no reporter name, phone, ID or address in plaintext in the registry files', () => {
    registerOk(s, { 'reporter-name': '欧阳明月', 'reporter-phone': '13912345678', 'reporter-id': '11010519491231002X', 'reporter-address': '甘肃省兰州市城关区张掖路88号' });
    s.run(['list']);
    const files = readdirSync(s.dir).filter((f) => f.startsWith('registry.db') && !f.endsWith('.key'));
    expect(files).toContain('registry.db');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(s.dir, f))));
    for (const secret of ['欧阳明月', '13912345678', '11010519491231002X', '张掖路88号', '1391234']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });

  it('masks in every format; reveal shows the identity and records who and why', () => {
    const code = registerOk(s, { 'reporter-name': '欧阳明月', 'reporter-phone': '13912345678' });
    for (const fmt of ['table', 'json', 'csv', 'md']) {
      const out = s.run(['list', '--format', fmt]).stdout;
      if (fmt === 'json' || fmt === 'csv') expect(out).toContain('欧*');
      expect(out).not.toContain('欧阳明月');
      expect(out).not.toContain('13912345678');
    }
    expect(s.run(['show', code, '--json']).stdout).toContain('"reporterName": "欧*"');
    expect(s.run(['show', code]).stdout).toContain('139****5678');
    expect(s.run(['reveal', code]).code).toBe(2);
    const r = s.run(['reveal', code, '--reason', '纪检组长批准核实', '--operator', '李书记']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('欧阳明月');
    expect(r.stdout).toContain('13912345678');
    const log = JSON.parse(s.run(['audit', 'log', code, '--json']).stdout);
    expect(log.at(-1)).toMatchObject({ action: 'reveal', operator: '李书记', itemCode: code, details: { reason: '纪检组长批准核实' } });
  });

  it('finds an item by reporter phone without decrypting every row', () => {
    registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    registerOk(s, { 'reporter-name': '赵六', 'reporter-phone': '13700000000' });
    const found = JSON.parse(s.run(['list', '--search', '138-1234-5678', '--json']).stdout);
    expect(found.map((i: { code: string }) => i.code)).toEqual(['2016-0001']);
  });

  it('says clearly when the key file is missing or the key is wrong', () => {
    registerOk(s, { 'reporter-name': '王小明', 'reporter-phone': '13812345678' });
    const wrong = s.run(['list'], { env: { XINFANG_KEY: Buffer.alloc(32, 7).toString('base64') } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('密钥不对');
    const { renameSync } = require('node:fs') as typeof import('node:fs');
    renameSync(`${s.db}.key`, `${s.db}.key.moved`);
    const missing = s.run(['list']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到密钥');
    expect(missing.stdout).toBe('');
  });

  it('works with the key given in XINFANG_KEY', () => {
    const dbEnv = { XINFANG_KEY: 'correct horse battery staple 信访', XINFANG_DB: join(s.dir, 'env.db') };
    expect(s.run(['init'], { env: dbEnv }).code).toBe(0);
    expect(existsSync(join(s.dir, 'env.db.key'))).toBe(false);
    const code = s.run(['register', '--source', 'own', '--channel', 'letter', '--summary', 'x', '--reporter-name', '孙七', '--reporter-phone', '13600000000'], { env: dbEnv }).stdout.trim();
    expect(s.run(['reveal', code, '--reason', 'test'], { env: dbEnv }).stdout).toContain('孙七');
    expect(s.run(['list'], { env: { ...dbEnv, XINFANG_KEY: 'wrong passphrase' } }).code).toBe(2);
  });
});

describe('list and show', () => {
  beforeEach(init);

  function seed(): void {
    registerOk(s, { received: '2016-01-05', source: '上级转办', 'forwarded-by': '甘肃省纪委监委', ref: '甘纪转〔2016〕1号', summary: '反映某镇干部优亲厚友，低保评定不公' });
    registerOk(s, { received: '2016-03-10', source: '公检法移交', channel: '来访', summary: '涉嫌职务犯罪线索', 'accused-name': '张三', 'accused-unit': '某县交通运输局' });
    registerOk(s, { received: '2016-07-01', summary: '反映村支书侵占集体资金, "数额较大"\n第二行' });
  }

  it('filters by period, source, group, status, text, and limits rows', () => {
    seed();
    const codes = (args: string[]) => JSON.parse(s.run(['list', ...args, '--json']).stdout).map((i: { code: string }) => i.code);
    expect(codes([])).toEqual(['2016-0001', '2016-0002', '2016-0003']);
    expect(codes(['--period', '2016-H1'])).toEqual(['2016-0001', '2016-0002']);
    expect(codes(['--period', '2016-Q1', '--group', 'local'])).toEqual(['2016-0002']);
    expect(codes(['--source', '上级转办,judicial'])).toEqual(['2016-0001', '2016-0002']);
    expect(codes(['--from', '2016/3/1', '--to', '2016年12月31日'])).toEqual(['2016-0002', '2016-0003']);
    expect(codes(['--status', 'pending', '--limit', '2'])).toEqual(['2016-0001', '2016-0002']);
    expect(codes(['--status', 'duplicate'])).toEqual([]);
    // No disposal commands exist yet: no item has a disposal, and a bad code is refused.
    expect(codes(['--disposal', '初核'])).toEqual([]);
    expect(s.run(['list', '--disposal', 'burn']).code).toBe(2);
    expect(codes(['--search', '低保'])).toEqual(['2016-0001']);
    expect(codes(['--accused', '张'])).toEqual(['2016-0002']);
    expect(codes(['--unit', '交通'])).toEqual(['2016-0002']);
    const bad = s.run(['list', '--period', '2016-Q5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不是期间');
    expect(s.run(['list', '--status', 'lost']).code).toBe(2);
    expect(s.run(['list', '--limit', '0']).code).toBe(2);
  });

  it('derives state from decision events as of a date (events written directly until the decision commands exist)', () => {
    seed();
    const raw = new Database(s.db);
    raw.prepare("INSERT INTO events (id, item_id, kind, on_date, at, operator, value) VALUES (1, 2, 'dispose', '2016-04-01', '2016-04-01T00:00:00Z', 'x', 'verify')").run();
    raw.close();
    const codes = (args: string[]) => JSON.parse(s.run(['list', ...args, '--json']).stdout).map((i: { code: string }) => i.code);
    expect(codes(['--disposal', '初核'])).toEqual(['2016-0002']);
    expect(codes(['--status', 'disposed'])).toEqual(['2016-0002']);
    expect(codes(['--status', 'disposed', '--as-of', '2016-03-31'])).toEqual([]);
    const shown = JSON.parse(s.run(['show', '2016-0002', '--json']).stdout);
    expect(shown).toMatchObject({ status: 'disposed', disposal: 'verify' });
    expect(s.run(['show', '2016-0002']).stdout).toContain('初步核实');
  });

  it('renders CSV with a BOM (or without), Markdown, and a plain table when piped', () => {
    seed();
    const csv = s.run(['list', '--format', 'csv']).stdout;
    expect(csv.startsWith('\uFEFFcode,received,source,group,')).toBe(true);
    expect(csv).toContain('"反映村支书侵占集体资金, ""数额较大""\n第二行"');
    expect(csv).toContain('2016-0001,2016-01-05,superior-forwarded,superior,甘肃省纪委监委');
    expect(s.run(['list', '--format', 'csv', '--no-bom']).stdout.startsWith('code,')).toBe(true);
    const md = s.run(['list', '--format', 'md']).stdout;
    expect(md.split('\n')[0]).toBe('| 编号 | 收件日期 | 来源 | 信访形式 | 被反映人 | 被反映人单位 | 问题类别 | 内容摘要 | 状态 |');
    const table = s.run(['list']).stdout.split('\n');
    expect(table[0]).toMatch(/^编号\s+收件日期\s+来源/);
    expect(table).toHaveLength(5); // header, three rows (the embedded newline folded), final newline
    expect(table[0]).not.toContain('\u001b[');
    const en = s.run(['list', '--lang', 'en']).stdout;
    expect(en).toContain('forwarded by superior');
  });

  it('writes --output atomically, inferring the format from the extension', () => {
    seed();
    const out = join(s.dir, 'items.csv');
    const r = s.run(['list', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFcode,')).toBe(true);
    s.run(['list', '--output', join(s.dir, 'items.json')]);
    expect(JSON.parse(readFileSync(join(s.dir, 'items.json'), 'utf8'))).toHaveLength(3);
    expect(s.run(['list', '--output', join(s.dir, 'items.weird')]).code).toBe(2);
  });

  it('shows one item with its history; an unknown code exits 3', () => {
    seed();
    const r = s.run(['show', '2016-2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('涉嫌职务犯罪线索');
    expect(r.stdout).toContain('公检法移交');
    expect(r.stdout).toContain('登记');
    const j = JSON.parse(s.run(['show', '2016-0002', '--json']).stdout);
    expect(j.code).toBe('2016-0002');
    expect(j.history[0]).toMatchObject({ action: 'register', operator: 'tester', on: '2016-03-10' });
    const missing = s.run(['show', '2016-0099']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('没有编号为 2016-0099 的信访件');
    expect(s.run(['show', 'abc']).code).toBe(2);
  });
});

describe('registry problems', () => {
  it('refuses a missing registry with a hint to run init', () => {
    const r = s.run(['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('登记库不存在');
    expect(r.stderr).toContain('xinfang init');
    expect(existsSync(s.db)).toBe(false);
  });

  it('says which folder it cannot create', () => {
    writeFileSync(join(s.dir, 'file'), 'x');
    const r = s.run(['--db', join(s.dir, 'file', 'sub', 'r.db'), 'init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`无法创建登记库所在的文件夹 ${join(s.dir, 'file', 'sub')}`);
  });

  it('refuses a file that is not SQLite, without a stack trace', () => {
    writeFileSync(s.db, 'this is a spreadsheet, not a registry\n'.repeat(100));
    const r = s.run(['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是 xinfang 登记库');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a registry behind the migrations until init upgrades it', () => {
    init();
    const raw = new Database(s.db);
    raw.prepare('DELETE FROM kysely_migration').run();
    raw.close();
    const r = s.run(['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('需要升级');
    expect(s.run(['init']).code).toBe(0);
    expect(s.run(['list']).code).toBe(0);
  });

  it('exits 2 for bad flags, with the message in the chosen language', () => {
    init();
    const r = s.run(['list', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知选项 --bogus');
    expect(s.run(['frobnicate']).code).toBe(2);
    expect(s.run(['--lang', 'fr', 'list']).code).toBe(2);
  });
});

describe('audit log', () => {
  beforeEach(init);

  it('verifies an intact chain and names the first altered entry', () => {
    registerOk(s, {});
    registerOk(s, {});
    registerOk(s, {});
    const ok = s.run(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('共 4 条');
    const raw = new Database(s.db);
    expect(() => raw.prepare("UPDATE audit SET operator = 'mallory' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit WHERE seq = 3').run()).toThrow(/append-only/);
    // Behind the program's back: drop the guard, then alter entry 3.
    raw.exec('DROP TRIGGER audit_no_update');
    raw.prepare("UPDATE audit SET operator = 'mallory' WHERE seq = 3").run();
    raw.close();
    const bad = s.run(['audit', 'verify']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('第 3 条记录被改动过');
  });

  it('notices a removed entry, in the middle or at the end', () => {
    registerOk(s, {});
    registerOk(s, {});
    registerOk(s, {});
    const raw = new Database(s.db);
    raw.exec('DROP TRIGGER audit_no_delete');
    raw.prepare('DELETE FROM audit WHERE seq = 4').run();
    raw.close();
    const end = s.run(['audit', 'verify', '--lang', 'en']);
    expect(end.code).not.toBe(0);
    expect(end.stderr).toContain('newest entries were removed');
    const raw2 = new Database(s.db);
    raw2.prepare('DELETE FROM audit WHERE seq = 2').run();
    raw2.close();
    const mid = s.run(['audit', 'verify']);
    expect(mid.code).not.toBe(0);
    expect(mid.stderr).toContain('缺少第 2 条记录');
  });

  it('lists entries in every format', () => {
    const code = registerOk(s, {});
    const log = JSON.parse(s.run(['audit', 'log', '--json']).stdout);
    expect(log.map((e: { action: string }) => e.action)).toEqual(['init', 'register']);
    expect(log[1]).toMatchObject({ seq: 2, itemCode: code, operator: 'tester' });
    expect(s.run(['audit', 'log', '--format', 'csv']).stdout).toContain('seq,at,operator,action');
    expect(s.run(['audit', 'log', '2016-0009']).code).toBe(3);
  });
});

describe('registry location', () => {
  it('defaults to xinfang.db in the XDG data directory, and XINFANG_DB or --db override it', () => {
    const env = { XINFANG_DB: '' };
    const r = s.run(['init'], { env });
    expect(r.code, r.stderr).toBe(0);
    const expected = join(s.dir, '.local', 'share', 'xinfang', 'xinfang.db');
    expect(r.stdout).toContain(expected);
    expect(existsSync(expected)).toBe(true);
    const xdg = s.run(['init'], { env: { ...env, XDG_DATA_HOME: join(s.dir, 'xdg') } });
    expect(xdg.stdout).toContain(join(s.dir, 'xdg', 'xinfang', 'xinfang.db'));
    const flag = s.run(['--db', join(s.dir, 'other.db'), 'init']);
    expect(flag.stdout).toContain(join(s.dir, 'other.db'));
  });
});

describe('long listings', () => {
  it('lists more than a page of items, in received order, with limits and status filters across pages', () => {
    init();
    const header = '来文编号,转办机关,收件日期,内容摘要';
    const lines = [header];
    // Received dates out of file order, so that the listing's order is the registry's, not the file's.
    for (let i = 0; i < 4500; i++) lines.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-${String((i % 12) + 1).padStart(2, '0')}-01,反映问题${i}`);
    const file = join(s.dir, 'many.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    expect(s.run(['import', file]).code).toBe(0);
    const all = JSON.parse(s.run(['list', '--json']).stdout) as { code: string; received: string }[];
    expect(all).toHaveLength(4500);
    expect(new Set(all.map((i) => i.code)).size).toBe(4500);
    const keys = all.map((i) => `${i.received} ${i.code.slice(0, 4)} ${i.code.slice(5).padStart(6, '0')}`);
    expect(keys).toEqual([...keys].sort());
    const limited = JSON.parse(s.run(['list', '--json', '--limit', '2345']).stdout);
    expect(limited).toEqual(all.slice(0, 2345));
    const pending = JSON.parse(s.run(['list', '--json', '--status', 'pending', '--limit', '3001']).stdout);
    expect(pending).toEqual(all.slice(0, 3001));
    expect(s.run(['list', '--format', 'csv']).stdout.split('\r\n')).toHaveLength(4502);
    const table = s.run(['list']).stdout.split('\n');
    expect(table).toHaveLength(4502);
  });
});

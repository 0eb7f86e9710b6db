// What differs between the engines, seen from the command line: opening (bad locations and
// connections are one clear line, exit 2, within seconds), keys of server registries, backups, and
// moving an SQLite registry to PostgreSQL.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, runCli, testRegistries, type CliSandbox } from '../support/cli.js';
import { PG_URL, TEST_PG_KEY } from '../support/engines.js';
import { rawSql } from '../support/raw.js';

const sqlite = testRegistries.find((r) => r.engine === 'sqlite')!;
const postgres = testRegistries.find((r) => r.engine === 'postgres');

const REGISTER = ['register', '--source', '上级转办', '--forwarded-by', '甘肃省纪委监委', '--ref', '甘纪转〔2016〕12号', '--channel', '来信',
  '--summary', '反映某局干部收受礼金', '--received', '2016-06-21', '--reporter-name', '王小明', '--reporter-phone', '13812345678'];

describe('SQLite locations', () => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(sqlite, { init: false }); });
  afterEach(async () => { await s.cleanup(); });

  it('a folder given as --db is one clear line, exit 2', async () => {
    const r = await s.cli(['--db', s.dir, 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('是文件夹');
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('backup (SQLite)', () => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(sqlite); });
  afterEach(async () => { await s.cleanup(); });

  it('copies a consistent, owner-only registry that opens with the same key, and never overwrites', async () => {
    await s.ok(REGISTER);
    const dest = join(s.dir, 'backup.db');
    const r = await s.cli(['backup', dest]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(dest);
    expect(statSync(dest).mode & 0o077).toBe(0);
    const copy = await s.cli(['--db', dest, 'list', '--json'], { env: { XINFANG_KEY_FILE: `${s.db}.key` } });
    expect(copy.code, copy.stderr).toBe(0);
    expect((JSON.parse(copy.stdout) as { code: string }[]).map((i) => i.code)).toEqual(['2016-0001']);
    const verify = await s.cli(['--db', dest, 'audit', 'verify'], { env: { XINFANG_KEY_FILE: `${s.db}.key` } });
    expect(verify.code, verify.stderr).toBe(0);
    const again = await s.cli(['backup', dest]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
  });
});

describe.runIf(postgres)('PostgreSQL registries', () => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(postgres!, { init: false }); });
  afterEach(async () => { await s.cleanup(); });

  const started = () => Date.now();

  it('bad connections are one clear line, exit 2, within seconds', async () => {
    const u = new URL(PG_URL!);
    const cases: [string, string][] = [
      [`postgres://${u.username}:${u.password}@127.0.0.1:1/xinfang`, '连不上'],
      [`postgres://${u.username}:wrong-password@${u.host}/postgres`, '用户名或密码不对'],
      [`postgres://${u.username}:${u.password}@${u.host}/no_such_registry_db`, '没有这个数据库'],
      [`postgres://${u.username}:${u.password}@${u.host}`, '没有写数据库名'],
      ['postgres://user:pa ss@[bad/x', '写法不对'],
      [s.db, '不是 xinfang 登记库'],
    ];
    for (const [url, expected] of cases) {
      const t0 = started();
      const r = await s.cli(['--db', url, 'list']);
      expect(r.code, `${url}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr).not.toContain('wrong-password');
      expect(Date.now() - t0).toBeLessThan(8000);
    }
  });

  it('init needs the key from XINFANG_KEY or XINFANG_KEY_FILE, creates a key file there once, and refuses a second key', async () => {
    const noKey = await s.cli(['init'], { env: { XINFANG_KEY: '' } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('XINFANG_KEY_FILE');
    const keyFile = join(s.dir, 'keys', 'registry.key');
    mkdirSync(join(s.dir, 'keys'));
    const made = await s.cli(['init'], { env: { XINFANG_KEY: '', XINFANG_KEY_FILE: keyFile } });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).not.toContain(`:${new URL(PG_URL!).password}@`);
    expect(made.stdout).toContain('新建');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const env = { XINFANG_KEY: '', XINFANG_KEY_FILE: keyFile };
    await s.ok(REGISTER, { env });
    // Another key for the same registry is refused, by init and by every command.
    const other = await s.cli(['init'], { env: { XINFANG_KEY: TEST_PG_KEY } });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('密钥不对');
    const list = await s.cli(['list'], { env: { XINFANG_KEY: TEST_PG_KEY } });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('密钥不对');
    const again = await s.cli(['init'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('已是最新');
  });

  it('backup prints the pg_dump command without the password', async () => {
    await s.ok(['init']);
    const r = await s.cli(['backup', '/tmp/x.dump']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PGPASSWORD=… pg_dump --format=custom --no-owner --file='\/tmp\/x.dump' 'postgres:\/\//);
    const password = new URL(PG_URL!).password;
    if (password) expect(r.stdout).not.toContain(`:${password}@`);
  });

  it('migrate-to copies an SQLite registry: the same listings, the same reporters, a verified chain', async () => {
    const local = await cliSandbox(sqlite);
    try {
      await local.ok(REGISTER);
      await local.ok(['register', '--source', '本级受理', '--channel', '来访', '--summary', '反映\t村干部\n优亲厚友', '--received', '2017-01-03', '--anonymous']);
      const csv = join(local.dir, 'cases.csv');
      writeFileSync(csv, '来文编号,转办机关,收件日期,内容摘要,反映人,联系电话\n甘纪转〔2016〕13号,甘肃省纪委监委,2016-06-22,反映某乡违规发放补贴,李四,13900000001\n');
      await local.ok(['import', csv]);
      await local.ok(['reveal', '2016-0001', '--reason', '核实身份']);
      const keyFile = `${local.db}.key`;
      const r = await local.cli(['migrate-to', s.db]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('审计链校验通过');
      const env = { XINFANG_KEY: '', XINFANG_KEY_FILE: keyFile };
      for (const args of [['list', '--json'], ['list', '--format', 'csv'], ['list'], ['show', '2016-0002', '--json']]) {
        const before = await local.ok(args);
        const after = await s.ok(args, { env });
        expect(after).toBe(before);
      }
      const revealed = JSON.parse(await s.ok(['reveal', '2016-0002', '--reason', '迁移后核对', '--json'], { env })) as { reporterPhone: string };
      expect(revealed.reporterPhone).toBe('13900000001');
      const verify = await s.cli(['audit', 'verify'], { env });
      expect(verify.code, verify.stderr).toBe(0);
      // A second migration into the same (now full) database is refused.
      const again = await local.cli(['migrate-to', s.db]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('不是空的');
    } finally {
      await local.cleanup();
    }
  });

  it('migrate-to refuses a registry that does not verify (exit 5), leaving the target empty (found by a review)', async () => {
    const local = await cliSandbox(sqlite);
    try {
      await local.ok(REGISTER);
      await rawSql('sqlite', local.db, "UPDATE items SET summary = '改过的摘要'");
      const r = await local.cli(['migrate-to', s.db]);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toContain('不予迁移');
      expect(await rawSql('postgres', s.db, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([{ n: 0 }]);
    } finally {
      await local.cleanup();
    }
  });
});

describe('runCli without a registry', () => {
  it('a registry that does not exist is a clear line and a hint', async () => {
    const r = await runCli(['--db', '/nonexistent/x.db', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('登记库不存在');
    expect(existsSync('/nonexistent/x.db')).toBe(false);
  });
});

describe('SQLite registry files (SPEC 5)', () => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(sqlite, { init: false }); });
  afterEach(async () => { await s.cleanup(); });

  it('are created owner-only with their -wal and -shm, and init narrows an existing registry opened to others', async () => {
    const { chmodSync } = await import('node:fs');
    await s.ok(['init']);
    await s.ok(REGISTER);
    for (const f of [s.db, `${s.db}-wal`, `${s.db}-shm`]) {
      if (existsSync(f)) expect(statSync(f).mode & 0o077, f).toBe(0);
    }
    chmodSync(s.db, 0o644);
    await s.ok(['init']);
    expect(statSync(s.db).mode & 0o077).toBe(0);
  });

  it('secure_delete is on, so deleted reporter data does not linger in free pages', async () => {
    await s.ok(['init']);
    // A separate connection reports its own setting; the program's own connection sets it at open.
    const { SqliteEngine } = await import('../../src/store/engine/sqlite.js');
    const engine = await SqliteEngine.open(s.db, { create: false });
    expect(engine.handle.pragma('secure_delete', { simple: true })).toBe(1);
    await engine.close();
  });
});

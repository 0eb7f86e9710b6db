// Issue 8 items 8 and 10 at the command line (SPEC 5): a weak passphrase is refused for a new
// registry, a registry made under the old KDF cost keeps opening, and a key file others can
// read (or that is not the user's) is refused with the fix named.
import { scryptSync } from 'node:crypto';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Vault } from '../../src/store/vault.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { rawSql } from '../support/raw.js';

const sqlite = testRegistries.find((r) => r.engine === 'sqlite')!;
const GOOD = 'correct horse battery staple 信访';
const register = ['register', '--received', '2016-06-21', '--source', '本级受理', '--channel', '来信', '--summary', '反映某事', '--reporter-name', '王小明', '--reporter-phone', '13812345678'];

describe('the master key at the command line', () => {
  let s: CliSandbox;
  afterEach(async () => { await s.cleanup(); });

  describe('passphrases (item 8)', () => {
    beforeEach(async () => { s = await cliSandbox(sqlite, { init: false }); });

    it.each(['1', '12345678', 'password'])('refuses to create a registry under the passphrase %j', async (weak) => {
      const r = await s.cli(['init'], { env: { XINFANG_KEY: weak } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('XINFANG_KEY');
      expect(r.stderr).toContain('openssl rand -base64 32');
      const again = await s.cli(register, { env: { XINFANG_KEY: weak } });
      expect(again.code).toBe(2);
    });

    it('a registry made under a strong passphrase records the KDF cost and reopens', async () => {
      expect((await s.cli(['init'], { env: { XINFANG_KEY: GOOD } })).code).toBe(0);
      const code = await s.ok(register, { env: { XINFANG_KEY: GOOD } });
      const salt = new Database(s.db, { readonly: true }).prepare("SELECT value FROM meta WHERE key = 'key.salt'").pluck().get() as string;
      expect(salt).toMatch(/^scrypt:N=131072,r=8,p=1:/);
      expect(await s.ok(['reveal', code, '--reason', '核实'], { env: { XINFANG_KEY: GOOD } })).toContain('13812345678');
    });

    it('a registry whose salt predates the recorded cost (N=2^15) keeps opening, even under a weak passphrase', async () => {
      for (const pass of [GOOD, 'weak']) {
        await s.cleanup();
        s = await cliSandbox(sqlite, { init: false });
        expect((await s.cli(['init'], { env: { XINFANG_KEY: GOOD } })).code).toBe(0);
        // Rewrite the key as an older registry held it: a bare base64 salt and scrypt at N=2^15.
        const old = Buffer.alloc(16, 1);
        const check = new Vault(scryptSync(pass, old, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })).legacyKeyCheck();
        const db = new Database(s.db);
        db.prepare("UPDATE meta SET value = ? WHERE key = 'key.salt'").run(old.toString('base64'));
        db.prepare("UPDATE meta SET value = ? WHERE key = 'key.check'").run(check);
        db.close();
        // Such a registry is upgraded by init before anything else (its key check is of version 1).
        expect((await s.cli(['list'], { env: { XINFANG_KEY: pass } })).stderr).toContain('xinfang init');
        expect((await s.cli(['init'], { env: { XINFANG_KEY: pass } })).code).toBe(0);
        const code = await s.ok(register, { env: { XINFANG_KEY: pass } });
        const shown = await s.cli(['reveal', code, '--reason', '核实'], { env: { XINFANG_KEY: pass } });
        expect(shown.stdout).toContain('13812345678');
        if (pass === 'weak') expect(shown.stderr).toContain('口令太弱');
        else expect(shown.stderr).not.toContain('口令');
      }
    });
  });

  describe('key file (item 10)', () => {
    beforeEach(async () => { s = await cliSandbox(sqlite); });

    it.each([0o644, 0o640, 0o660])('refuses a key file with mode %o, naming it and the chmod 600 fix', async (mode) => {
      const keyFile = `${s.db}.key`;
      chmodSync(keyFile, mode);
      const r = await s.cli(register);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(keyFile);
      expect(r.stderr).toContain(`chmod 600 ${keyFile}`);
      chmodSync(keyFile, 0o600);
      expect((await s.cli(register)).code).toBe(0);
    });

    it('refuses a key file that belongs to another user', async () => {
      if (process.getuid?.() !== 0) return; // only root can give a file away; keyFileProblem's unit test covers the rule
      const { chownSync } = await import('node:fs');
      chownSync(`${s.db}.key`, 1, 1);
      const r = await s.cli(register);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('不属于当前用户');
      expect(r.stderr).toContain(join(s.dir, 'registry.db.key'));
    });
  });
});

// A clerk's trial: a refused init had created the registry already, so that a later init said
// （已是最新） and list asked for a key file that never existed. init checks the key first.
describe.each(testRegistries)('a refused init leaves nothing behind on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry, { init: false }); });
  afterEach(async () => { await s.cleanup(); });

  /** What init would have made: the SQLite file or its key file; the tables of a PostgreSQL database. */
  const leftBehind = async (): Promise<string[]> => {
    if (registry.engine === 'sqlite') return [s.db, `${s.db}.key`].filter((p) => existsSync(p));
    const rows = await rawSql('postgres', s.db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    return rows.map((r) => String(r.table_name));
  };

  it('a weak XINFANG_KEY is refused before the registry is created; a good key then creates it', async () => {
    const r = await s.cli(['init'], { env: { XINFANG_KEY: 'password1234' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('常见密码');
    expect(await leftBehind()).toEqual([]);
    const list = await s.cli(['list'], { env: { XINFANG_KEY: 'password1234' } });
    expect(list.stderr).not.toContain('密钥文件');
    const made = await s.cli(['init'], { env: { XINFANG_KEY: 'correct horse battery staple 信访' } });
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('（新建）');
  });

  it('without a key, a command names where the key comes from, never an empty file path', async () => {
    await s.ok(['init']);
    if (registry.engine === 'sqlite') {
      const { renameSync } = await import('node:fs');
      renameSync(`${s.db}.key`, `${s.db}.key.away`);
    }
    const r = await s.cli(['list'], { env: { XINFANG_KEY: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/没有密钥文件\s*(\n|$)/);
    if (registry.engine === 'postgres') expect(r.stderr).toContain('XINFANG_KEY_FILE');
    else expect(r.stderr).toContain(`${s.db}.key`);
  });

  it('a key file that cannot be made is refused before the registry is created', async () => {
    const keyFile = join(s.dir, 'no', 'such', 'folder', 'registry.key');
    const r = await s.cli(['init'], { env: { XINFANG_KEY: '', XINFANG_KEY_FILE: keyFile } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(keyFile);
    expect(await leftBehind()).toEqual([]);
  });

  it('a key file others can read is refused before the registry is created', async () => {
    const keyFile = join(s.dir, 'open.key');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(keyFile, Buffer.alloc(32, 7).toString('base64') + '\n', { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const r = await s.cli(['init'], { env: { XINFANG_KEY: '', XINFANG_KEY_FILE: keyFile } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`chmod 600 ${keyFile}`);
    expect(await leftBehind()).toEqual([]);
  });
});

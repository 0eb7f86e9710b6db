// The keyed audit chain (issue 8 item 3; SPEC 5): someone who can write the registry but lacks the
// key cannot remove an entry, change an operator and re-chain; verify prints SEQ:HASH and exits 5;
// --expect catches truncation with the head rewritten; logs of earlier versions are re-keyed by init.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { legacyEntryHash, GENESIS_HASH, type AuditFields } from '../../src/domain/audit.js';
import { Registry } from '../../src/store/registry.js';
import { openVault } from '../../src/usecases/context.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { rawSql, type Row } from '../support/raw.js';

const REGISTER = ['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映某局干部收受礼金', '--received', '2016-06-21',
  '--reporter-name', '王小明', '--reporter-phone', '13812345678'];

function fieldsOf(r: Row): AuditFields {
  return {
    seq: Number(r.seq), at: String(r.at), operator: String(r.operator), osUser: (r.os_user as string | null) ?? null,
    action: String(r.action), itemCode: (r.item_code as string | null) ?? null, effective: (r.effective as string | null) ?? null, details: String(r.details),
  };
}

describe.each(testRegistries)('keyed audit chain on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const q = (text: string, params: unknown[] = []) => rawSql(registry.engine, s.db, registry.engine === 'sqlite' ? text : text.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()), params);
  /** The key check as registries before version 2 kept it (made with the key, as such a registry has it). */
  const asEarlierKeyCheck = async () => {
    const reg = await Registry.open(s.db, { create: false });
    try {
      const vault = await openVault(reg, s.env, () => undefined);
      await q("UPDATE meta SET value = ? WHERE key = 'key.check'", [vault.legacyKeyCheck()]);
    } finally {
      await reg.close();
    }
  };
  const unguard = async () => {
    if (registry.engine === 'sqlite') {
      await q('DROP TRIGGER audit_no_update');
      await q('DROP TRIGGER audit_no_delete');
    } else {
      await q('ALTER TABLE audit DISABLE TRIGGER audit_no_change');
    }
  };

  it('verify prints the head SEQ:HASH on its last line and records the OS user beside the operator', async () => {
    await s.ok(REGISTER);
    const r = await s.cli(['audit', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^2:[0-9a-f]{64}$/);
    const rows = await q('SELECT operator, os_user FROM audit ORDER BY seq');
    expect(rows.every((x) => x.operator === 'tester' && typeof x.os_user === 'string' && x.os_user !== '')).toBe(true);
    expect((await s.cli(['audit', 'verify', '--expect', last])).code).toBe(0);
  });

  it('a reveal entry deleted and the chain recomputed without the key (plain SHA-256, or HMAC under a guess) exits 5', async () => {
    await s.ok(REGISTER);
    await s.ok(['reveal', '2016-0001', '--reason', '核实']);
    await s.ok(REGISTER);
    await unguard();
    await q("DELETE FROM audit WHERE action = 'reveal'");
    const rows = await q('SELECT * FROM audit ORDER BY seq');
    let prev = GENESIS_HASH;
    for (const [i, r] of rows.entries()) {
      const f = { ...fieldsOf(r), seq: i + 1, operator: r.action === 'register' ? 'someone-else' : String(r.operator) };
      const hash = legacyEntryHash(f, prev);
      await q('UPDATE audit SET seq = ?, operator = ?, prev_hash = ?, hash = ? WHERE seq = ?', [f.seq, f.operator, prev, hash, Number(r.seq)]);
      prev = hash;
    }
    await q("UPDATE meta SET value = ? WHERE key = 'audit.head'", [JSON.stringify({ seq: rows.length, hash: prev })]);
    const r = await s.cli(['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('第 1 条记录被改动过');
  });

  it('the newest entries removed and the kept head rewritten pass alone, and fail against --expect', async () => {
    await s.ok(REGISTER);
    const kept = (await s.ok(['audit', 'verify'])).split('\n').at(-1)!;
    await s.ok(['reveal', '2016-0001', '--reason', '核实']);
    const later = (await s.ok(['audit', 'verify'])).split('\n').at(-1)!;
    await unguard();
    const [seq] = later.split(':');
    await q('DELETE FROM audit WHERE seq = ?', [Number(seq)]);
    await q("UPDATE meta SET value = ? WHERE key = 'audit.head'", [JSON.stringify({ seq: Number(kept.split(':')[0]), hash: kept.split(':')[1] })]);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
    const r = await s.cli(['audit', 'verify', '--expect', later]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('另外保存的链头');
    expect((await s.cli(['audit', 'verify', '--expect', '12'])).code).toBe(2);
  });

  it('a registry with items whose key check was removed is refused, and init will not set a new key for it', async () => {
    await s.ok(REGISTER);
    await q("DELETE FROM meta WHERE key = 'key.check'");
    const list = await s.cli(['list'], { env: { XINFANG_KEY: 'b'.repeat(64) } });
    expect(list.code).toBe(5);
    expect(list.stderr).toContain('没有密钥校验值');
    const init = await s.cli(['init'], { env: { XINFANG_KEY: 'b'.repeat(64) } });
    expect(init.code).toBe(5);
    expect((await q("SELECT value FROM meta WHERE key = 'key.check'")).length).toBe(0);
  });

  it('a log of the earlier unkeyed chain is checked and re-keyed by init, once, and the upgrade is in the log', async () => {
    await s.ok(REGISTER);
    await s.ok(['reveal', '2016-0001', '--reason', '核实']);
    // Make it look as an earlier version left it: unkeyed SHA-256 links, no OS user, no scheme marker.
    await unguard();
    const rows = await q('SELECT * FROM audit ORDER BY seq');
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = legacyEntryHash({ ...fieldsOf(r), osUser: null }, prev);
      await q('UPDATE audit SET os_user = NULL, prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, Number(r.seq)]);
      prev = hash;
    }
    await q("UPDATE meta SET value = ? WHERE key = 'audit.head'", [JSON.stringify({ seq: rows.length, hash: prev })]);
    await q("DELETE FROM meta WHERE key = 'audit.scheme'");
    await asEarlierKeyCheck();
    // Such a registry is upgraded by init before anything else; init checks the chain as it stands.
    const before = await s.cli(['audit', 'verify']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('xinfang init');
    const init = await s.cli(['init']);
    expect(init.code, init.stderr).toBe(0);
    const log = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: { entries?: number } }[];
    expect(log.map((e) => e.action)).toContain('audit-rekey');
    expect(log.find((e) => e.action === 'audit-rekey')!.details.entries).toBe(rows.length);
    const after = await s.cli(['audit', 'verify']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toContain('xinfang init');
    // The append-only guard is back after the upgrade.
    await expect(q("UPDATE audit SET operator = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    // A second init changes nothing more.
    const n = (await q('SELECT count(*) AS n FROM audit'))[0]!.n;
    await s.ok(['init']);
    expect((await q('SELECT count(*) AS n FROM audit'))[0]!.n).toEqual(n);
  });

  it('an unkeyed log that does not verify is not upgraded: init exits 5 and changes nothing', async () => {
    await s.ok(REGISTER);
    await unguard();
    await q("UPDATE audit SET operator = 'mallory' WHERE seq = 1");
    await q("DELETE FROM meta WHERE key = 'audit.scheme'");
    await asEarlierKeyCheck();
    const init = await s.cli(['init']);
    expect(init.code).toBe(5);
    expect((await q("SELECT value FROM meta WHERE key = 'audit.scheme'")).length).toBe(0);
  });

  /** Re-chains the whole log with plain SHA-256 after `tamper`, as someone without the key can. */
  async function rechainUnkeyed(tamper: () => Promise<void>): Promise<void> {
    await unguard();
    await tamper();
    const rows = await q('SELECT * FROM audit ORDER BY seq');
    let prev = GENESIS_HASH;
    for (const [i, r] of rows.entries()) {
      const details = JSON.parse(String(r.details)) as Record<string, unknown>;
      delete details.wrote;
      delete details.rowDigests;
      const f = { ...fieldsOf(r), seq: i + 1, osUser: null, details: JSON.stringify(details) };
      const hash = legacyEntryHash(f, prev);
      await q('UPDATE audit SET seq = ?, os_user = NULL, details = ?, prev_hash = ?, hash = ? WHERE seq = ?', [f.seq, f.details, prev, hash, Number(r.seq)]);
      prev = hash;
    }
    await q("UPDATE meta SET value = ? WHERE key = 'audit.head'", [JSON.stringify({ seq: rows.length, hash: prev })]);
    await q("DELETE FROM meta WHERE key IN ('audit.scheme', 'rows.scheme')");
  }

  it('an upgraded registry cannot be downgraded to the unkeyed chain: the key check says it is keyed (found by a review)', async () => {
    await s.ok(REGISTER);
    await s.ok(['reveal', '2016-0001', '--reason', '核实']);
    await rechainUnkeyed(async () => {
      await q("DELETE FROM audit WHERE action = 'reveal'");
      await q("UPDATE items SET summary = '反映某局干部正常履职'");
    });
    const r = await s.cli(['audit', 'verify']);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('第 1 条记录被改动过');
    // init re-keys nothing on an upgraded registry: it restores the notes, and the chain still fails.
    expect((await s.cli(['init'])).code).toBe(0);
    expect((await s.cli(['audit', 'verify'])).code).toBe(5);
    expect((await q("SELECT count(*) AS n FROM audit WHERE action = 'audit-rekey'"))[0]!.n).toEqual(registry.engine === 'sqlite' ? 0 : '0');
  });

  it('the whole log deleted, with its head: verify exits 5 and init adopts nothing (found by a review)', async () => {
    await s.ok(REGISTER);
    await unguard();
    await q('DELETE FROM audit');
    await q("DELETE FROM meta WHERE key IN ('audit.head', 'rows.scheme')");
    await q("UPDATE items SET accused_name = '无名'");
    expect((await s.cli(['audit', 'verify'])).code).toBe(5);
    expect((await s.cli(['init'])).code).toBe(0);
    const r = await s.cli(['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('日志末尾的记录被删除');
    expect((await q('SELECT count(*) AS n FROM audit'))[0]!.n).toEqual(registry.engine === 'sqlite' ? 0 : '0');
  });
});

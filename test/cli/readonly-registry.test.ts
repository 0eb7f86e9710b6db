// A registry the clerk may read but not write (issue 12): a writing command says so in one Chinese
// line naming the registry and the cause (exit 2, never SQLite's English text); with the file
// read-only, read-only commands still work.
import { chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

/**
 * Takes write permission away from a file or folder (and gives it back). Permissions do not stop
 * root, so as root the immutable attribute does (chattr +i, on ext4/xfs/btrfs); as a user, chmod.
 */
function writable(path: string, yes: boolean, folder: boolean): void {
  if (process.getuid?.() === 0) execFileSync('chattr', [yes ? '-i' : '+i', path]);
  else chmodSync(path, yes ? (folder ? 0o700 : 0o600) : (folder ? 0o500 : 0o400));
}

const sqlite = testRegistries.find((r) => r.engine === 'sqlite')!;

describe('a read-only SQLite registry', () => {
  let s: CliSandbox;
  let locked: [string, boolean][] = [];
  const lock = (path: string, folder: boolean) => { writable(path, false, folder); locked.push([path, folder]); };
  beforeEach(async () => {
    s = await cliSandbox(sqlite);
    await registerOk(s);
  });
  afterEach(async () => {
    for (const [p, folder] of locked.reverse()) writable(p, true, folder);
    locked = [];
    await s.cleanup();
  });

  const register = () => s.cli(['register', '--source', '本级受理', '--channel', '来信', '--summary', '反映问题', '--received', '2016-06-02']);
  function oneClearLine(r: { code: number; stderr: string }): void {
    expect(r.code).toBe(2);
    const first = r.stderr.trim().split('\n')[0]!;
    expect(first).toContain(s.db);
    expect(first).toMatch(/只读|没有权限|不可写/);
    expect(r.stderr).not.toMatch(/readonly database|unable to open|SQLITE|EACCES|EPERM|\bat .*\.[jt]s/);
  }

  it('the file read-only: register is one Chinese line naming it, exit 2; list and show still work', async () => {
    lock(s.db, false);
    oneClearLine(await register());
    const list = await s.cli(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { code: string }[]).map((i) => i.code)).toEqual(['2016-0001']);
    const show = await s.cli(['show', '2016-0001']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('反映某局干部收受礼金');
  });

  it('its folder read-only: register is one Chinese line naming the registry, exit 2; list, show and report still work', async () => {
    lock(s.dir, true);
    oneClearLine(await register());
    const list = await s.cli(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { code: string }[]).map((i) => i.code)).toEqual(['2016-0001']);
    const show = await s.cli(['show', '2016-0001']);
    expect(show.code, show.stderr).toBe(0);
    const report = await s.cli(['report', '--period', '2016', '--json']);
    expect(report.code, report.stderr).toBe(0);
    expect((await s.cli(['audit', 'verify'])).code).toBe(0);
  });
});

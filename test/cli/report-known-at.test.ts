// report --as-known-at on the clerk's clock: the heading shows the bound as the clerk typed it in
// local time (not UTC with .999), the JSON keeps the ISO instant, and a bound after now is
// refused like an --as-of after today (SPEC 6.1). And --format against --output's extension: a
// format the file name contradicts is refused (SPEC 6).

import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

process.env.TZ = 'Asia/Shanghai';
const now = () => new Date('2026-12-02T10:00:00+08:00');

describe.each(testRegistries)('report --as-known-at on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('shows the bound in local time in table, Markdown and HTML headings; JSON keeps the ISO instant', async () => {
    await registerOk(s, { received: '2026-11-10' }, [], { now });
    const args = ['report', '--period', '2026-11', '--as-known-at', '2026-12-01 00:30'];
    for (const format of ['table', 'md', 'html']) {
      const out = await s.ok([...args, '--format', format], { now });
      expect(out).toContain('仅计 2026-12-01 00:30 前已记录的决定');
      expect(out).not.toContain('16:30');
      expect(out).not.toContain('.999Z');
    }
    const en = await s.ok([...args, '--format', 'md'], { now, env: { XINFANG_LANG: 'en' } });
    expect(en).toContain('Counting decisions recorded by 2026-12-01 00:30');
    const json = JSON.parse(await s.ok([...args, '--json'], { now }));
    expect(json.period.knownAt).toBe('2026-11-30T16:30:00.999Z');
    // seconds shown only when given; a date alone is the end of that day
    expect(await s.ok(['report', '--period', '2026-11', '--as-known-at', '2026-12-01 00:30:15'], { now })).toContain('仅计 2026-12-01 00:30:15 前');
    expect(await s.ok(['report', '--period', '2026-11', '--as-known-at', '2026-11-30'], { now })).toContain('仅计 2026-11-30 23:59:59 前');
  });

  it('refuses an --as-known-at after now (exit 2, naming the value and now); today as a date is accepted', async () => {
    const future = await s.cli(['report', '--period', '2026-11', '--as-known-at', '2026-12-02 10:30'], { now });
    expect(future.code).toBe(2);
    expect(future.stdout).toBe('');
    expect(future.stderr).toContain('2026-12-02 10:30');
    expect(future.stderr).toContain('2026-12-02 10:00');
    expect(future.stderr.split('\n')[0]).toMatch(/^错误：.*之后/);
    const tomorrow = await s.cli(['report', '--period', '2026-11', '--as-known-at', '2026-12-03'], { now });
    expect(tomorrow.code).toBe(2);
    expect(tomorrow.stderr).toContain('2026-12-03');
    const file = join(s.dir, 'r.json');
    expect((await s.cli(['report', '--period', '2026-11', '--as-known-at', '2026-12-02', '-o', file], { now })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).period.knownAt).toBe('2026-12-02T15:59:59.999Z');
    expect((await s.cli(['report', '--period', '2026-11', '--as-known-at', '2026-12-02 09:59'], { now })).code).toBe(0);
  });
});

describe.each(testRegistries)('report --format against --output\'s extension on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('refuses a format the file name contradicts (exit 2, naming both, nothing written); agreeing ones are written', async () => {
    const csv = join(s.dir, 'r.csv');
    const r = await s.cli(['report', '--period', '2026-11', '--format', 'json', '-o', csv], { now });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^错误：--format json .*r\.csv/);
    expect(r.stderr).toContain('.csv');
    expect(existsSync(csv)).toBe(false);
    const j = await s.cli(['report', '--period', '2026-11', '--json', '-o', csv], { now });
    expect(j.code).toBe(2);
    expect(j.stderr).toContain('--json');
    expect(existsSync(csv)).toBe(false);
    // agreeing: the flag and the extension say the same; .txt takes the table too; no flag: the extension
    await s.ok(['report', '--period', '2026-11', '--format', 'csv', '-o', csv], { now });
    expect(readFileSync(csv, 'utf8')).toContain('knownAt');
    await s.ok(['report', '--period', '2026-11', '--format', 'table', '-o', join(s.dir, 'r.txt')], { now });
    await s.ok(['report', '--period', '2026-11', '-o', join(s.dir, 'r.json')], { now });
    expect(JSON.parse(readFileSync(join(s.dir, 'r.json'), 'utf8')).period.from).toBe('2026-11-01');
  });
});

// report --as-known-at on the clerk's clock: the heading shows the bound as the clerk typed it, in
// local time to the second (not the UTC instant), and the JSON keeps the ISO instant (SPEC 6.1).
// And --format against --output's extension: a format the file name contradicts is refused (SPEC 6).

import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

process.env.TZ = 'Asia/Shanghai';
const now = () => new Date('2026-12-02T10:00:00+08:00');

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

describe.each(testRegistries)('report --as-known-at heading on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('shows the bound on the clerk\'s clock as typed; JSON keeps the instant', async () => {
    await registerOk(s, { received: '2016-06-01' }, [], { now });
    const md = await s.ok(['report', '--period', '2016-06', '--as-known-at', '2016-07-05 09:30', '--format', 'md'], { now });
    expect(md).toContain('仅计 2016-07-05 09:30:00 前已记录的决定');
    const day = await s.ok(['report', '--period', '2016-06', '--as-known-at', '2016-07-05', '--format', 'md'], { now });
    expect(day).toContain('仅计 2016-07-05 23:59:59 前已记录的决定');
    const json = JSON.parse(await s.ok(['report', '--period', '2016-06', '--as-known-at', '2016-07-05 09:30', '--json'], { now })) as { period: { knownAt: string } };
    expect(json.period.knownAt).toBe('2016-07-05T01:30:00.999Z');
  });
});

// xinfang config in-process on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('config on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('lists every key with its value and default; JSON for scripts', async () => {
    const list = JSON.parse(await s.ok(['config', '--json'])) as { key: string; value: unknown; default: unknown; set: boolean }[];
    expect(list).toEqual([
      { key: 'deadline.accept', value: 5, default: 5, set: false },
      { key: 'deadline.notify', value: 15, default: 15, set: false },
      { key: 'deadline.handle', value: 60, default: 60, set: false },
      { key: 'deadline.extension', value: 30, default: 30, set: false },
      { key: 'deadline.reply', value: 15, default: 15, set: false },
      { key: 'period.monthStartDay', value: 1, default: 1, set: false },
      { key: 'office.name', value: '', default: '', set: false },
    ]);
    const table = await s.ok(['config']);
    expect(table).toContain('deadline.accept');
    expect(table).toContain('个工作日');
    expect(table).toContain('（未设置）');
    const csv = await s.ok(['config', '--format', 'csv', '--no-bom']);
    expect(csv.split(/\r?\n/)[0]).toBe('key,value,default,unit,meaning');
  });

  it('set stores a checked value, audited; get prints it alone', async () => {
    const r = await s.cli(['config', 'set', 'period.monthStartDay', '21']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('已设置 period.monthStartDay：1 → 21');
    expect(await s.ok(['config', 'get', 'period.monthStartDay'])).toBe('21');
    expect(JSON.parse(await s.ok(['config', 'get', 'period.monthstartday', '--json']))).toEqual({ key: 'period.monthStartDay', value: 21, default: 1, set: true });
    const audit = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string; details: unknown }[];
    expect(audit.filter((e) => e.action === 'config')).toMatchObject([{ details: { key: 'period.monthStartDay', from: 1, to: 21 } }]);
  });

  it('setting the same value again changes nothing and writes no audit entry', async () => {
    await s.ok(['config', 'set', 'deadline.accept', '7']);
    const again = await s.cli(['config', 'set', 'deadline.accept', '7']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('deadline.accept 已是 7，未改动');
    const audit = JSON.parse(await s.ok(['audit', 'log', '--json'])) as { action: string }[];
    expect(audit.filter((e) => e.action === 'config')).toHaveLength(1);
  });

  it('the office name is text', async () => {
    await s.ok(['config', 'set', 'office.name', '某市纪委监委信访室']);
    expect(await s.ok(['config', 'get', 'office.name'])).toBe('某市纪委监委信访室');
    expect(JSON.parse(await s.ok(['--lang', 'en', 'config', 'set', 'office.name', 'X', '--json']))).toEqual({ key: 'office.name', from: '某市纪委监委信访室', to: 'X', changed: true });
  });

  it('refuses an unknown key and a bad value with exit 2, changing nothing', async () => {
    const unknown = await s.cli(['config', 'set', 'deadline.triage', '5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有设置项“deadline.triage”（可用：deadline.accept、deadline.notify、');
    const bad = await s.cli(['config', 'set', 'period.monthStartDay', '31']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('period.monthStartDay “31”：应为 1 至 28 之间的整数');
    const en = await s.cli(['--lang', 'en', 'config', 'get', 'nosuch']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('no setting "nosuch"');
    expect(await s.ok(['config', 'get', 'period.monthStartDay'])).toBe('1');
  });

  it('help has examples in both languages', async () => {
    expect((await s.cli(['config', '--help'])).stdout).toContain('xinfang config set period.monthStartDay 21');
    expect((await s.cli(['--lang', 'en', 'config', '--help'])).stdout).toContain('business months start on the 21st');
  });
});

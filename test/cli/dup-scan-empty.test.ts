// dup scan with nothing to propose: on the terminal, the message alone (no empty table header
// above "没有待认定的疑似重复件"); JSON still prints its empty list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, registerOk, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('dup scan with no candidates on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('prints only the message, no table header; --json prints []', async () => {
    await registerOk(s, { summary: '反映某局干部收受礼金', received: '2016-06-01' });
    for (const tty of [false, true]) {
      const r = await s.cli(['dup', 'scan'], { tty: { stdout: tty } });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('没有待认定的疑似重复件');
      expect(r.stderr).not.toContain('原件');
    }
    const json = await s.cli(['dup', 'scan', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).not.toContain('没有待认定');
  });
});

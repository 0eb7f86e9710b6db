// The deadline rules a registry gives its commands: the office's settings and calendar years,
// with the Monday–Friday fall-back reported once (SPEC 4). Through a real context on every engine.
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFactory } from '../../src/cli/factory.js';
import { loadDeadlineRules } from '../../src/usecases/calendar.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

describe.each(testRegistries)('deadline rules on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  const open = () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const f = makeFactory(
      { stdout: new PassThrough(), stderr, stdin: Readable.from([]), stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false },
      s.env, () => new Date('2027-03-01T10:00:00+08:00'), 'zh', () => ({}),
    );
    return { f, stderr: () => err };
  };

  it('lengths from config, the office’s 2027 from calendar add, fall-back warned once', async () => {
    await s.ok(['config', 'set', 'deadline.accept', '3']);
    const { f, stderr } = open();
    try {
      const rules = await loadDeadlineRules(await f.context());
      expect(rules.lengths).toEqual({ accept: 3, notify: 15, handle: 60, extension: 30, reply: 15 });
      expect(rules.calendar.addWorkdays('2016-09-29', 5)).toBe('2016-10-11');
      // 2027 uncovered: Friday 2027-01-01 counts as a working day
      expect(rules.calendar.addWorkdays('2026-12-31', 1)).toBe('2027-01-01');
      rules.warnFallback();
      rules.warnFallback();
      await new Promise((r) => setImmediate(r));
      expect(stderr().match(/2027 年没有节假日安排数据/g)).toHaveLength(1);
    } finally {
      await f.close();
    }
    await s.ok(['calendar', 'add', '--holiday', '2027-01-01..2027-01-03']);
    const again = open();
    try {
      const rules = await loadDeadlineRules(await again.f.context());
      expect(rules.calendar.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
      rules.warnFallback();
      await new Promise((r) => setImmediate(r));
      expect(again.stderr()).toBe('');
    } finally {
      await again.f.close();
    }
  });
});

// The built binary as a clerk's shell runs it: what needs a real process. Everything else about
// these commands runs in-process on every engine in test/cli/registry.test.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, registerOk, sandbox, type Sandbox } from './cli.js';

let s: Sandbox;
beforeEach(() => {
  s = sandbox();
});
afterEach(() => s.cleanup());

describe('the binary on a real registry file', () => {
  it('init, register, list and show end to end, with the process exit codes of SPEC 6', () => {
    const init = s.run(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(s.db);
    expect(statSync(s.db).isFile()).toBe(true);
    expect(statSync(`${s.db}.key`).mode & 0o777).toBe(0o600);
    const code = registerOk(s, { received: '2016-06-21', 'reporter-name': '欧阳明月', 'reporter-phone': '13912345678' });
    expect(code).toBe('2016-0001');
    const list = s.run(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ code: '2016-0001', received: '2016-06-21', reporterName: '欧*' }]);
    const table = s.run(['list']).stdout;
    expect(table).toMatch(/^编号\s+收件日期\s+来源/);
    expect(table).not.toContain('\u001b['); // stdout is a pipe here, not a terminal
    const show = s.run(['show', code]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('反映某局干部收受礼金');
    expect(show.stdout).toContain('139****5678');
    expect(readFileSync(s.db).includes(Buffer.from('欧阳明月'))).toBe(false);
    // Exit codes of the process itself: not found 3, usage 2 (no stack trace), success 0.
    const missing = s.run(['show', '2016-0099']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('没有编号为 2016-0099 的信访件');
    const bad = s.run(['list', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(s.run(['audit', 'verify']).code).toBe(0);
  });

  it('a missing registry is one line and a hint, exit 2, from the binary too', () => {
    const r = s.run(['list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('登记库不存在');
    expect(r.stderr).toContain('xinfang init');
  });

  it('gives unique codes to clerks registering at the same moment, each a process of its own', async () => {
    expect(s.run(['init']).code).toBe(0);
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

  it('`xinfang list | head` stops quietly: exit 0, no EPIPE message', () => {
    expect(s.run(['init']).code).toBe(0);
    const lines = ['来文编号,转办机关,收件日期,内容摘要'];
    for (let i = 0; i < 4500; i++) lines.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-05-01,反映问题${i}`);
    const file = join(s.dir, 'many.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    expect(s.run(['import', file]).code).toBe(0);
    for (const format of ['table', 'csv', 'json']) {
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" list --format ${format} | head -n 2`], {
        cwd: s.dir, env: s.env, encoding: 'utf8',
      });
      expect(r.status, `${format}: ${r.stderr}`).toBe(0); // pipefail: the status is xinfang's
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')).toHaveLength(3);
    }
  });
});

// Several clerks at once, each a real process with its own connection: codes stay unique and
// gap-free per year and the audit log one unbroken chain, on every engine (SPEC 8).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testRegistries } from '../support/engines.js';
import { BIN } from './cli.js';

function xinfang(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

const MAIN = new URL('../../dist/src/cli/main.js', import.meta.url).href;

/**
 * One clerk: a process of its own that registers `n` items one after another, each through the
 * command line's run() with its own connection (as `n` invocations would, without n node start-ups).
 */
function clerk(name: string, n: number, env: NodeJS.ProcessEnv): Promise<string[]> {
  const script = `
    import { run } from ${JSON.stringify(MAIN)};
    import { PassThrough } from 'node:stream';
    const codes = [];
    for (let i = 0; i < ${n}; i++) {
      const out = new PassThrough(); let text = ''; out.on('data', (c) => (text += c));
      const io = { stdout: out, stderr: process.stderr, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false };
      const code = await run(['register', '--operator', ${JSON.stringify(name)}, '--source', '本级受理', '--channel', '来信',
        '--summary', ${JSON.stringify(name)} + ' 的第 ' + i + ' 件', '--received', i % 2 === 0 ? '2016-06-01' : '2017-01-05'], { io, env: process.env });
      if (code !== 0) process.exit(code);
      codes.push(text.trim());
    }
    console.log(JSON.stringify(codes));`;
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (code) => (code === 0 ? res(JSON.parse(stdout) as string[]) : rej(new Error(`clerk ${name} exited ${code}: ${stderr}`))));
  });
}

describe.each(testRegistries)('several clerks at once on $engine', (registry) => {
  let dir: string;
  let db: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-conc-'));
    db = await registry.create(dir);
    env = { PATH: process.env.PATH, HOME: dir, XINFANG_DB: db, TZ: 'Asia/Shanghai', ...registry.env };
    const r = await xinfang(['init'], env);
    expect(r.code, r.stderr).toBe(0);
  });
  afterEach(async () => {
    await registry.drop(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('4 processes × 25 registrations, with an import running beside them: unique gap-free codes, one verified chain', async () => {
    const rows = ['来文编号,转办机关,收件日期,内容摘要'];
    for (let i = 1; i <= 400; i++) rows.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-06-${String(1 + (i % 28)).padStart(2, '0')},反映问题 ${i}`);
    const csv = join(dir, 'cases.csv');
    writeFileSync(csv, rows.join('\n') + '\n');
    const [a, b, c, d, imported] = await Promise.all([
      clerk('甲', 25, env), clerk('乙', 25, env), clerk('丙', 25, env), clerk('丁', 25, env),
      xinfang(['import', csv, '--json'], env),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).imported).toBe(400);
    const registered = [...a!, ...b!, ...c!, ...d!];
    expect(new Set(registered).size).toBe(100);
    const list = await xinfang(['list', '--json'], env);
    const codes = (JSON.parse(list.stdout) as { code: string }[]).map((i) => i.code);
    expect(codes.length).toBe(500);
    for (const year of ['2016', '2017']) {
      const seqs = codes.filter((c) => c.startsWith(year)).map((c) => Number(c.slice(5))).sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // gap-free from 1
    }
    expect(codes.filter((c) => c.startsWith('2016')).length).toBe(400 + 4 * 13);
    const verify = await xinfang(['audit', 'verify'], env);
    expect(verify.code, verify.stderr + verify.stdout).toBe(0);
  });
});

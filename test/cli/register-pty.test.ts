// The built binary under a real pseudo-terminal (issue 12): Ctrl-C at a prompt exits 130 with
// nothing written; `code=$(xinfang register)` still asks (prompts on stderr) and captures only the
// code; Ctrl-C during an import's progress bar gives the terminal back its cursor and line wrap.
// Needs the build (`npx tsc -p tsconfig.build.json`), as the e2e tests do.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const BIN = fileURLToPath(new URL('../../bin/xinfang.js', import.meta.url));
const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));

interface PtyResult { code: number; screen: string; stdout: string; pending: number }

function underPty(args: string[], env: NodeJS.ProcessEnv, steps: [string, string][], o: { stdoutPipe?: boolean; timeout?: number } = {}): PtyResult {
  const spec = {
    argv: [process.execPath, BIN, ...args],
    env: { PATH: process.env.PATH, TERM: 'xterm', COLUMNS: '100', LINES: '40', ...env },
    steps, stdout_pipe: o.stdoutPipe === true, timeout: o.timeout ?? 20,
  };
  const r = spawnSync('python3', [DRIVER], { input: JSON.stringify(spec), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PtyResult;
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe.each(testRegistries)('under a pseudo-terminal on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('Ctrl-C at the first question: 已取消，未登记, exit 130, nothing written', async () => {
    const r = underPty(['register'], s.env, [['收件日期', '\x03']]);
    expect(r.pending).toBe(0);
    expect(r.code).toBe(130);
    expect(plain(r.screen)).toContain('已取消，未登记');
    expect(r.screen).not.toContain('意外错误');
    expect(JSON.parse(await s.ok(['list', '--json']))).toEqual([]);
  });

  it('code=$(xinfang register) asks on the terminal and captures only the code', async () => {
    const r = underPty(
      ['register', '--received', '2016-06-20', '--kind', '检举控告', '--source', 'own', '--channel', 'letter', '--anonymous', '--accused-name', '张某', '--accused-unit', '某局',
        '--accused-post', '科长', '--accused-rank', '乡科级', '--category', '违反廉洁纪律'],
      s.env, [['内容摘要', '反映张某收受礼金\r'], ['确认登记', '是\r']], { stdoutPipe: true },
    );
    expect(r.pending).toBe(0);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2016-0001\n');
    expect(plain(r.screen)).toContain('内容摘要');
    expect(plain(r.screen)).not.toContain('2016-0001'); // the code went to the pipe, not the terminal
    const [item] = JSON.parse(await s.ok(['list', '--json'])) as { summary: string }[];
    expect(item!.summary).toBe('反映张某收受礼金');
  });

  it('Ctrl-C during an import progress bar restores the cursor and line wrap, exit 130, nothing imported', async () => {
    const file = join(s.dir, 'big.csv');
    const rows = ['来文编号,转办机关,收件日期,信访形式,被反映人,被反映人单位,内容摘要'];
    for (let i = 0; i < 300_000; i++) rows.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-06-03,来信,张${i},某县某局${i % 97},反映某县某局干部第${i}号问题，内容较长较长较长较长较长较长较长较长`);
    writeFileSync(file, rows.join('\n') + '\n');
    const r = underPty(['import', file], s.env, [['导入 [', '\x03']], { timeout: 60 });
    expect(r.pending).toBe(0);
    expect(r.code).toBe(130);
    const hid = r.screen.lastIndexOf('\x1b[?25l');
    expect(hid).toBeGreaterThanOrEqual(0); // the bar hid the cursor...
    expect(r.screen.indexOf('\x1b[?25h', hid)).toBeGreaterThan(hid); // ...and it is shown again
    const wrapOff = r.screen.lastIndexOf('\x1b[?7l');
    expect(r.screen.indexOf('\x1b[?7h', wrapOff)).toBeGreaterThan(wrapOff);
    expect(plain(r.screen)).toContain('已取消，未导入');
    expect(JSON.parse(await s.ok(['list', '--json', '--limit', '1']))).toEqual([]);
  }, 120_000);
});

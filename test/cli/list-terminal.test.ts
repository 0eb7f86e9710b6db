// list at a terminal over a month of 4,100 items (issue 12: 18 s of blank screen before): the first
// rows are written before the listing has been read to its end, page by page, and the whole table
// takes time of the same order as the piped output.
import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { displayWidth } from '../../src/cli/render/table.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

const ROWS = 4100;

/** Runs `list` with stdout as a terminal or a pipe; records each chunk written and when. */
async function timedList(s: CliSandbox, tty: boolean): Promise<{ chunks: string[]; firstAt: number; total: number }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  const t0 = performance.now();
  let firstAt = 0;
  out.on('data', (c: Buffer) => {
    if (chunks.length === 0) firstAt = performance.now() - t0;
    chunks.push(c.toString('utf8'));
  });
  err.resume();
  const code = await run(['list', '--period', '2016-06'], {
    io: { stdout: out, stderr: err, stdin: new PassThrough(), stdoutIsTTY: tty, stderrIsTTY: false, stdinIsTTY: false },
    env: { ...s.env, COLUMNS: '100', NO_COLOR: '1' },
  });
  expect(code).toBe(0);
  return { chunks, firstAt, total: performance.now() - t0 };
}

describe.each(testRegistries)('list of a 4,100-item month at a terminal on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => {
    s = await cliSandbox(registry);
    const lines = ['来文编号,转办机关,收件日期,信访形式,被反映人,被反映人单位,问题类别,内容摘要'];
    for (let i = 0; i < ROWS; i++) {
      lines.push(`甘纪转〔2016〕${i}号,甘肃省纪委监委,2016-06-${String(1 + (i % 30)).padStart(2, '0')},来信,张${i},某县住房和城乡建设局第${i % 50}科室,违反中央八项规定精神,反映某县某局干部第${i}号问题：长期违规收受管理服务对象礼金礼品，并在工程项目中为亲属谋取利益`);
    }
    writeFileSync(join(s.dir, 'june.csv'), lines.join('\n') + '\n');
    await s.ok(['import', join(s.dir, 'june.csv')]);
  }, 120_000);
  afterEach(async () => { await s.cleanup(); });

  it('shows the first rows at once, page by page, within the terminal, in time of the order of the piped output', async () => {
    const piped = await timedList(s, false);
    const term = await timedList(s, true);
    const text = term.chunks.join('');
    // Written page by page: the header and first rows come in the first chunk, long before the end.
    expect(term.chunks.length).toBeGreaterThan(1);
    expect(term.chunks[0]).toMatch(/^编号\s+收件日期/);
    expect(term.chunks[0]).toContain('2016-0001');
    expect(text).toContain(`2016-${String(ROWS).padStart(4, '0')}`);
    // The first rows come as soon as a pipe's would (SPEC 9), not after the last page.
    expect(term.firstAt).toBeLessThan(Math.max(1500, piped.firstAt * 4));
    expect(term.firstAt).toBeLessThan(term.total);
    for (const line of text.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    expect(term.total).toBeLessThan(Math.max(3000, piped.total * 5));
  }, 120_000);
});

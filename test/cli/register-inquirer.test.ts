// register through @inquirer's real prompts, typed into in-memory streams (issue 12): answers
// reach the registry, Ctrl-C, Ctrl-D and the end of input cancel with exit 130 and nothing written.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { plainText, runAtTerminal } from './register-support.js';

const now = () => new Date('2016-06-21T10:00:00+08:00');

/** Flags for everything but the summary: the interview asks for the summary, then to confirm. */
const ALL_BUT_SUMMARY = ['register', '--received', '2016-06-20', '--source', 'own', '--channel', 'letter', '--kind', 'accusation', '--anonymous',
  '--accused-name', '张某', '--accused-unit', '某局', '--accused-post', '科长', '--accused-rank', '乡科级', '--category', '违反廉洁纪律'];

/** Types `keys` each time the prompt text `when` first appears on the (pretend) terminal; null ends the input. */
function keyboard(stdin: PassThrough, script: [when: string, keys: string | null][]) {
  let at = 0;
  return (soFar: string) => {
    const screen = plainText(soFar);
    while (script.length > 0) {
      const [when, keys] = script[0]!;
      const found = screen.indexOf(when, at);
      if (found < 0) return;
      at = found + when.length;
      script.shift();
      setTimeout(() => (keys === null ? stdin.end() : stdin.write(keys)), 5);
    }
  };
}

describe.each(testRegistries)('register with @inquirer prompts on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });
  const items = async () => JSON.parse(await s.ok(['list', '--json'])) as Record<string, unknown>[];

  it('takes typed answers, rejects a blank summary, and registers after 是', async () => {
    const stdin = new PassThrough();
    const r = await runAtTerminal(ALL_BUT_SUMMARY, {
      env: s.env, now, stdin,
      onStderr: keyboard(stdin, [['内容摘要', '\r'], ['必填', '反映张某收受礼金\r'], ['确认登记', '是\r']]),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2016-0001\n');
    expect(plainText(r.stderr)).toContain('违反廉洁纪律');
    expect((await items())[0]).toMatchObject({ summary: '反映张某收受礼金', accusedRank: '乡科级', realName: false });
  });

  it.each([['Ctrl-C', '\x03'], ['Ctrl-D', '\x04']])('%s at a prompt: 已取消，未登记, exit 130, nothing written', async (_name, key) => {
    const stdin = new PassThrough();
    const r = await runAtTerminal(['register'], { env: s.env, now, stdin, onStderr: keyboard(stdin, [['收件日期', key]]) });
    expect(r.code).toBe(130);
    expect(plainText(r.stderr).trim().split('\n').at(-1)).toBe('已取消，未登记');
    expect(r.stderr).not.toContain('意外错误');
    expect(r.stdout).toBe('');
    expect(await items()).toEqual([]);
  });

  it('the end of input at a prompt cancels too', async () => {
    const stdin = new PassThrough();
    const r = await runAtTerminal(ALL_BUT_SUMMARY, { env: s.env, now, stdin, onStderr: keyboard(stdin, [['内容摘要', null]]) });
    expect(r.code).toBe(130);
    expect(plainText(r.stderr).trim().split('\n').at(-1)).toBe('已取消，未登记');
    expect(await items()).toEqual([]);
  });

  it('Enter on the optional 职级 and 问题类别 lists records nothing: they start on （不填）', async () => {
    const stdin = new PassThrough();
    const withoutRankAndCategory = ALL_BUT_SUMMARY.slice(0, ALL_BUT_SUMMARY.indexOf('--accused-rank'));
    const r = await runAtTerminal(withoutRankAndCategory, {
      env: s.env, now, stdin,
      onStderr: keyboard(stdin, [['职级', '\r'], ['问题类别', '\r'], ['内容摘要', '反映张某收受礼金\r'], ['确认登记', '是\r']]),
    });
    expect(r.code).toBe(0);
    expect((await items())[0]).toMatchObject({ accusedRank: null, category: null, summary: '反映张某收受礼金' });
  });
});

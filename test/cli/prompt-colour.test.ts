// Prompts are plain under NO_COLOR or TERM=dumb (SPEC 6, issue 12): @inquirer's themes colour the
// question, the answer, the default, errors and the help line unless the prompter gives plain ones.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';
import { plainText, runAtTerminal } from './register-support.js';

const now = () => new Date('2016-06-21T10:00:00+08:00');
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/;

/** Types `keys` each time the prompt text `when` next appears on the (pretend) terminal. */
function keyboard(stdin: PassThrough, script: [when: string, keys: string][]) {
  let at = 0;
  return (soFar: string) => {
    const screen = plainText(soFar);
    while (script.length > 0) {
      const [when, keys] = script[0]!;
      const found = screen.indexOf(when, at);
      if (found < 0) return;
      at = found + when.length;
      script.shift();
      setTimeout(() => stdin.write(keys), 5);
    }
  };
}

describe.each(testRegistries)('prompt colour on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  /** A text prompt with its default and a refused answer; a choice list moved down once, with its help line. */
  async function screens(env: NodeJS.ProcessEnv): Promise<string[]> {
    const typed = new PassThrough();
    const a = await runAtTerminal(['register'], { env, now, stdin: typed, onStderr: keyboard(typed, [['收件日期', '2016-13-40\r'], ['> ', '\x03']]) });
    const chose = new PassThrough();
    const b = await runAtTerminal(['register', '--received', '2016-06-20'], { env, now, stdin: chose, onStderr: keyboard(chose, [['来源', '\x1b[B'], ['❯', '\x03']]) });
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(130);
      expect(plainText(r.stderr)).toContain('已取消，未登记');
    }
    expect(plainText(a.stderr)).toContain('> '); // the refused date's message was shown
    expect(plainText(b.stderr)).toContain('本级受理');
    return [a.stderr, b.stderr];
  }

  it.each([['NO_COLOR=1', { NO_COLOR: '1' }], ['TERM=dumb', { TERM: 'dumb' }]])('%s: no colour or bold in the prompts', async (_name, extra) => {
    for (const screen of await screens({ ...s.env, ...extra })) expect(screen).not.toMatch(SGR);
  });
});

// Driving `xinfang register` at a (pretend) terminal in-process: a scripted Prompter that answers
// each question in turn (running the command's own validation on every answer, as a clerk retyping
// would), and a keyboard that types into @inquirer's real prompts through in-memory streams.

import { PassThrough } from 'node:stream';
import { run } from '../../src/cli/main.js';
import type { IOStreams } from '../../src/cli/factory.js';
import { cancelled } from '../../src/domain/errors.js';
import type { Choice, Prompter } from '../../src/cli/prompter.js';
import type { CliResult } from '../support/cli.js';

/** One scripted answer: text (input), a choice's value (select), yes/no (confirm), or Ctrl-C. */
export type Answer = string | boolean | { cancel: true };
export const CTRL_C: Answer = { cancel: true };

export interface Asked { kind: 'input' | 'select' | 'confirm'; message: string; choices?: readonly Choice[]; default?: string | boolean }

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  /** Validation messages shown for rejected answers. */
  readonly rejected: string[] = [];
  constructor(private readonly answers: Answer[]) {}

  private next(a: Asked): Answer {
    this.asked.push(a);
    if (this.answers.length === 0) throw new Error(`no scripted answer for ${a.kind} “${a.message}”`);
    const answer = this.answers.shift()!;
    if (typeof answer === 'object') throw cancelled();
    return answer;
  }

  async input(message: string, opts?: { default?: string; validate?: (v: string) => true | string }): Promise<string> {
    for (;;) {
      const a = this.next({ kind: 'input', message, default: opts?.default });
      if (typeof a !== 'string') throw new Error(`expected text for “${message}”, got ${String(a)}`);
      const value = a === '' && opts?.default !== undefined ? opts.default : a;
      const ok = opts?.validate ? opts.validate(value) : true;
      if (ok === true) return value;
      this.rejected.push(ok);
    }
  }

  async select(message: string, choices: readonly Choice[], opts?: { default?: string }): Promise<string> {
    const a = this.next({ kind: 'select', message, choices, default: opts?.default });
    if (typeof a !== 'string') throw new Error(`expected a choice for “${message}”`);
    if (!choices.some((c) => c.value === a)) throw new Error(`“${a}” is not among the choices of “${message}”: ${choices.map((c) => c.value).join(', ')}`);
    return a;
  }

  async confirm(message: string): Promise<boolean> {
    const a = this.next({ kind: 'confirm', message });
    if (typeof a !== 'boolean') throw new Error(`expected yes/no for “${message}”`);
    return a;
  }

  get remaining(): number {
    return this.answers.length;
  }
}

export interface TerminalRun {
  env: NodeJS.ProcessEnv;
  /** Which ends are terminals (default: stdin and stderr, stdout captured as in `code=$(...)`). */
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  prompter?: Prompter;
  stdin?: NodeJS.ReadableStream;
  now?: () => Date;
  /** Called with everything written to stderr so far, each time something is written. */
  onStderr?: (soFar: string) => void;
}

/** Runs `xinfang ARGV` in-process with the given terminals and prompter. */
export async function runAtTerminal(argv: readonly string[], o: TerminalRun): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
  err.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    o.onStderr?.(stderr);
  });
  const stdin = o.stdin ?? new PassThrough();
  const tty = { stdin: true, stdout: false, stderr: true, ...o.tty };
  const io: IOStreams = { stdout: out, stderr: err, stdin, stdoutIsTTY: tty.stdout, stderrIsTTY: tty.stderr, stdinIsTTY: tty.stdin };
  const code = await run(argv, { io, env: o.env, now: o.now, prompter: o.prompter });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}

/** Text on a terminal without its escape sequences. */
export function plainText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

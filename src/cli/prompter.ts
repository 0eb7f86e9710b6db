// Questions to a clerk at a terminal. Only used when Factory.canPrompt() says stdin and stderr are
// terminals (SPEC 6: prompts go to stderr, so `code=$(xinfang register)` still asks).
//
// Every way of stopping at a prompt — Ctrl-C, Ctrl-D, the end of standard input — becomes one
// `cancelled` error (exit 130, nothing written). @inquirer/prompts 7 rejects with ExitPromptError on
// Ctrl-C; on Ctrl-D it only closes its readline and would wait for process exit, so an AbortSignal
// aborted on Ctrl-D or on stdin's 'end' makes it reject while we can still clean up (NOTES.md).

import { Writable } from 'node:stream';
import { cancelled } from '../domain/errors.js';
import type { Factory } from './factory.js';
import { t2 } from './i18n.js';

export interface Choice { value: string; name: string }

/** A validator returns true, or the message to show under the answer. */
export type Validate = (answer: string) => true | string;

export interface Prompter {
  /** Free text; `default` is taken on a bare Enter. */
  input(message: string, opts?: { default?: string; validate?: Validate }): Promise<string>;
  /** One of the choices (their `value`). */
  select(message: string, choices: readonly Choice[], opts?: { default?: string }): Promise<string>;
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
}

/** Prompters given by tests (a scripted fake), keyed by the factory of one run. */
const injected = new WeakMap<object, Prompter>();

/** Used by `run()` when its options carry a prompter: the tests' scripted fake. */
export function injectPrompter(f: Factory, p: Prompter): void {
  injected.set(f, p);
}

/** The prompter of this run: an injected one, else @inquirer/prompts on the factory's stdin and stderr. */
export function prompterFor(f: Factory): Prompter {
  return injected.get(f) ?? inquirerPrompter(f);
}

const STOPPED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

export function inquirerPrompter(f: Factory): Prompter {
  const input = f.io.stdin as NodeJS.ReadableStream;
  const theme = promptTheme(f);
  /** Runs one prompt with an AbortSignal aborted by Ctrl-D or the end of input; stopping becomes `cancelled`. */
  async function ask<T>(prompt: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onKey = (_s: string | undefined, key: { ctrl?: boolean; name?: string } | undefined) => {
      if (key?.ctrl && key.name === 'd') controller.abort();
    };
    const onEnd = () => controller.abort();
    input.on('keypress', onKey);
    input.on('end', onEnd);
    input.on('close', onEnd);
    // @inquirer pipes into its output and ends it after each prompt: give it a stream of its own
    // that writes through to stderr and leaves stderr open.
    const output = new Writable({
      write: (chunk: Buffer, _enc, done) => { f.io.stderr.write(chunk); done(); },
    });
    Object.assign(output, { columns: (f.io.stderr as { columns?: number }).columns, isTTY: true });
    try {
      return await prompt({ input, output, signal: controller.signal });
    } catch (e) {
      if (e instanceof Error && STOPPED.has(e.name)) throw cancelled();
      throw e;
    } finally {
      input.removeListener('keypress', onKey);
      input.removeListener('end', onEnd);
      input.removeListener('close', onEnd);
    }
  }
  return {
    async input(message, opts) {
      const { input: inputPrompt } = await import('@inquirer/prompts');
      return ask((ctx) => inputPrompt({ message, default: opts?.default, validate: opts?.validate, theme }, ctx));
    },
    async select(message, choices, opts) {
      const { select } = await import('@inquirer/prompts');
      return ask((ctx) => select({
        message, default: opts?.default, theme, pageSize: 12,
        choices: choices.map((c) => ({ value: c.value, name: c.name })),
      }, ctx));
    },
    async confirm(message, opts) {
      // @inquirer's confirm reads only y/n; a clerk types 是 or 否 as well.
      const { input: inputPrompt } = await import('@inquirer/prompts');
      const yesByDefault = opts?.default ?? true;
      const answer = await ask((ctx) => inputPrompt({
        message: `${message} ${yesByDefault ? t2(f, '（是/否，默认是）', '(Y/n)') : t2(f, '（是/否，默认否）', '(y/N)')}`, theme,
        validate: (s) => (yesNo(s) !== undefined || s.trim() === '' ? true : t2(f, '请回答“是”或“否”', 'answer yes or no')),
      }, ctx));
      return yesNo(answer) ?? yesByDefault;
    },
  };
}

/**
 * The prompts' theme: key hints in the clerk's language, and no colour or bold when the environment
 * asks for none (NO_COLOR set, or TERM=dumb: SPEC 6 and no-color.org). @inquirer colours through
 * yoctocolors, which looks only at the real process environment and not at the stream prompts are
 * written to, so every styled part is replaced here by its plain form.
 */
export function promptTheme(f: Pick<Factory, 'env' | 'lang'>) {
  const keysHelpTip = (k: [string, string][]) =>
    k.map(([key, action]) => `${key} ${f.lang === 'zh' ? (HELP_ZH[action] ?? action) : action}`).join(' • ');
  if (f.env.NO_COLOR === undefined && f.env.TERM !== 'dumb') return { style: { keysHelpTip } };
  const same = (text: string) => text;
  return {
    prefix: { idle: '?', done: '✔' },
    spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
    style: {
      answer: same, message: same, help: same, highlight: same, description: same,
      error: (text: string) => `> ${text}`,
      defaultAnswer: (text: string) => `(${text})`,
      key: (text: string) => `<${text}>`,
      disabled: (text: string) => `- ${text}`,
      keysHelpTip,
    },
  };
}

/** 是/否, y/n, yes/no (and full-width forms); undefined for anything else. */
export function yesNo(answer: string): boolean | undefined {
  const a = answer.normalize('NFKC').trim().toLowerCase();
  if (['是', '是的', '好', '确认', '确定', 'y', 'yes'].includes(a)) return true;
  if (['否', '不', '不是', '取消', 'n', 'no'].includes(a)) return false;
  return undefined;
}

const HELP_ZH: Record<string, string> = { navigate: '选择', select: '确定' };

// What every decision command shares (SPEC 6: `--on DATE`, `--note TEXT`, `--json`): the item
// code argument, the options, help examples, and the one way a decision is recorded and shown.

import type { Command } from 'commander';
import { say, usageError } from '../../domain/errors.js';
import { nonEmpty } from '../../domain/text.js';
import { vocab } from '../../domain/vocabulary.js';
import type { DecisionRequest, DecisionResult } from '../../usecases/decide.js';
import type { Factory } from '../factory.js';
import { t2 } from '../i18n.js';
import { dateOption } from '../options.js';

export interface DecisionFlags {
  on?: string;
  note?: string;
  json?: boolean;
}

/** Example lines, Chinese and English, shown after the options. */
export type Examples = readonly (readonly [string, string])[];

export function examplesHelp(f: Factory, examples: Examples): string {
  return `\n${t2(f, '示例：', 'Examples:')}\n` + examples.map(([zh, en]) => '  ' + t2(f, zh, en)).join('\n') + '\n';
}

/**
 * A decision subcommand of `parent`: `NAME <code> [--on DATE] [--note TEXT] [--json]` and the
 * help examples. `noteRequired` for commands whose note is the decision itself (supervise).
 */
export function decisionCommand(parent: Command, f: Factory, name: string, what: [string, string], examples: Examples, o: { noteRequired?: boolean } = {}): Command {
  const cmd = parent.command(name)
    .description(t2(f, ...what))
    .argument('<code>', t2(f, '信访件编号，如 2016-0012', 'item code, e.g. 2016-0012'))
    .option('--on <date>', t2(f, '生效日期（默认今天；不早于收件日期，不晚于今天）', 'effective date (default today; not before receipt, not in the future)'));
  if (o.noteRequired) cmd.requiredOption('--note <text>', t2(f, '督办情况（必填）', 'what was done (required)'));
  else cmd.option('--note <text>', t2(f, '说明', 'note'));
  return cmd
    .option('--json', t2(f, '以 JSON 输出事件与信访件', 'print the event and the item as JSON'))
    .addHelpText('after', examplesHelp(f, examples));
}

/** A required text option, trimmed; blank is a usage error naming the flag. */
export function requiredText(flag: string, value: string | undefined): string {
  const v = nonEmpty(value);
  if (v === undefined) throw usageError(say(`${flag} 不能为空`, `${flag} cannot be blank`));
  return v;
}

/** Records `request` on `code` and prints the result (stdout: one line, or JSON). */
export async function runDecision(f: Factory, code: string, flags: DecisionFlags, request: DecisionRequest): Promise<void> {
  const on = flags.on !== undefined ? dateOption('--on', flags.on) : undefined;
  const ctx = await f.context();
  const { decide } = await import('../../usecases/decide.js');
  await printDecision(f, await decide(ctx, code, request, { on, note: nonEmpty(flags.note) }), flags.json);
}

/** `2016-0003 处置：初步核实（2016-06-21 起）→ 已处置`, or `{ "event": ..., "item": ... }` with --json. */
export async function printDecision(f: Factory, r: DecisionResult, json?: boolean): Promise<void> {
  if (json) {
    f.io.stdout.write(JSON.stringify({ event: r.event, item: r.item }, null, 2) + '\n');
    return;
  }
  const status = vocab.status.label(r.item.status, f.lang);
  const { eventLine } = await import('../render/events.js');
  f.io.stdout.write(`${r.item.code} ${eventLine(r.event, f.lang)}${t2(f, `（${r.event.on} 起）`, ` (from ${r.event.on})`)} → ${status}\n`);
}

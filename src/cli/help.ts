// Help in the clerk's language (SPEC 1, 6): headings in Chinese (用法/选项/命令), columns aligned
// by display width (a Chinese character is two columns), Chinese descriptions wrapped by width,
// examples under every command, `help audit log` for a subcommand, and "你是不是要" suggestions.

import { Command } from 'commander';
import { say, usageError } from '../domain/errors.js';
import type { Factory } from './factory.js';
import { examplesText } from './examples.js';
import { t2 } from './i18n.js';
import { displayWidth, terminalWidth, wrapText } from './render/table.js';

const TITLES_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const ANSI = /\x1b\[[0-9;]*m/g;

/** Configures help on the program and every subcommand; attaches each command's examples. */
export function configureLocalHelp(program: Command, f: Factory): void {
  const zh = f.lang === 'zh';
  const visit = (cmd: Command, path: string) => {
    cmd.configureHelp({
      styleTitle: (s: string) => (zh ? TITLES_ZH[s] ?? s : s),
      styleUsage: (s: string) => (zh ? s.replace('[options]', '[选项]').replace('[command]', '[命令]') : s),
      displayWidth: (s: string) => displayWidth(s.replace(ANSI, '')),
      // Commander wraps at spaces only; Chinese has none, so wrap by display width.
      boxWrap: (s: string, width: number) => (width < 40 ? s : wrapText(s, width).join('\n')),
      showGlobalOptions: cmd !== program,
    });
    cmd.configureOutput({
      getOutHelpWidth: () => (f.io.stdoutIsTTY ? terminalWidth(f.io.stdout, f.env) : 80),
      getErrHelpWidth: () => (f.io.stderrIsTTY ? terminalWidth(f.io.stderr, f.env) : 80),
    });
    // A group's own `help [command]` (commander's), described in the clerk's language; the
    // program has ours (defineHelpCommand), which takes a path.
    if (cmd !== program && cmd.commands.length > 0) {
      cmd.helpCommand(zh ? 'help [命令]' : 'help [command]', t2(f, '显示子命令的帮助', 'show help for a subcommand'));
    }
    const text = examplesText(path, f.lang);
    if (text) cmd.addHelpText('after', text);
    for (const sub of cmd.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
}

/**
 * `help [command...]`: the help of a command or a subcommand (`help audit log`). An unknown name
 * prints the usage on stderr and is a usage error (exit 2), with a suggestion.
 */
export function defineHelpCommand(program: Command, f: Factory): void {
  program
    .command('help')
    .description(t2(f, '显示命令的帮助，如 xinfang help audit log', 'show help for a command, e.g. xinfang help audit log'))
    .argument('[command...]', t2(f, '命令（可含子命令）', 'command (and subcommand)'))
    .action((names: string[]) => {
      let cmd: Command = program;
      for (const name of names) {
        const sub = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!sub) {
          cmd.outputHelp({ error: true });
          const known = cmd.commands.map((c) => c.name());
          const close = similar(name, known);
          const where = cmd === program ? '' : ` ${cmd.name()}`;
          throw usageError(
            say(`没有这个命令：“${[...names.slice(0, names.indexOf(name)), name].join(' ')}”`, `no such command: "${[...names.slice(0, names.indexOf(name)), name].join(' ')}"`),
            close.length > 0
              ? say(`你是不是要：xinfang help${where} ${close.join('、')}？`, `did you mean: xinfang help${where} ${close.join(', ')}?`)
              : say(`可用的命令：${known.join('、')}`, `commands: ${known.join(', ')}`),
          );
        }
        cmd = sub;
      }
      cmd.outputHelp();
    });
}

/**
 * Commander's "(Did you mean X?)" in the chosen language, or undefined when the message has none.
 */
export function withSuggestion(message: string, lang: 'zh' | 'en'): string | undefined {
  const m = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  if (!m) return undefined;
  const names = m[1]!.split(/,\s*/);
  return lang === 'zh' ? `你是不是要：${names.join('、')}？` : `(Did you mean ${names.join(', ')}?)`;
}

/** Names within edit distance 40% of the typed one's length (commander's rule), closest first. */
export function similar(word: string, candidates: readonly string[]): string[] {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(word, c) }))
    .filter(({ c, d }) => d <= Math.max(1, Math.floor(Math.max(word.length, c.length) * 0.4)) && d < c.length);
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).map((s) => s.c);
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

// The command line: global options, one module per command, and the one place where errors
// become messages and exit codes (SPEC 6). Command modules load their use cases lazily, so that
// `--help` and `--version` never load the database driver.

import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { XinfangError, say, type Bilingual } from '../domain/errors.js';
import { storeFault } from '../store/errors.js';
import { visibleText } from '../domain/text.js';
import type { Lang } from '../domain/vocabulary.js';
import { makeFactory, type Factory, type GlobalOptions, type IOStreams } from './factory.js';
import { t2 } from './i18n.js';
import { configureLocalHelp, defineHelpCommand, withSuggestion } from './help.js';
import { injectPrompter, type Prompter } from './prompter.js';
import { defineInit } from './commands/init.js';
import { defineRegister } from './commands/register.js';
import { defineImport } from './commands/import.js';
import { defineList } from './commands/list.js';
import { defineShow } from './commands/show.js';
import { defineReveal } from './commands/reveal.js';
import { defineAudit } from './commands/audit.js';
import { defineCalendar } from './commands/calendar.js';
import { defineConfig } from './commands/config.js';
import { defineBackup, defineMigrateTo } from './commands/backup.js';
import { defineDup } from './commands/dup.js';
import { defineScope } from './commands/scope.js';
import { defineInstruct } from './commands/instruct.js';
import { defineAssign } from './commands/assign.js';
import { defineDispose } from './commands/dispose.js';
import { defineConclude } from './commands/conclude.js';
import { defineNotify } from './commands/notify.js';
import { defineSupervise } from './commands/supervise.js';
import { defineCorrections } from './commands/correct.js';
import { defineActivity } from './commands/activity.js';
import { defineReport } from './commands/report.js';
import { defineOverdue } from './commands/overdue.js';
import { defineExport } from './commands/export.js';

export function version(): string {
  // dist/src/cli/main.js when built, src/cli/main.ts when tests run the source in-process.
  const built = new URL('../../../package.json', import.meta.url);
  const source = new URL('../../package.json', import.meta.url);
  const read = (u: URL) => JSON.parse(readFileSync(u, 'utf8')) as { name?: string; version: string };
  try {
    const pkg = read(built);
    if (pkg.name === 'xinfang') return pkg.version;
  } catch { /* running from source */ }
  return read(source).version;
}

/** --lang is needed before commander runs, to write help text in the clerk's language. */
export function languageFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Lang | { invalid: string } {
  let value: string | undefined = env.XINFANG_LANG;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') value = argv[i + 1];
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
  }
  if (value === undefined || value === '') return 'zh';
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'cn' || v === '中文') return 'zh';
  if (v === 'en' || v === 'english') return 'en';
  return { invalid: value };
}

export function buildProgram(f: Factory): Command {
  const program = new Command('xinfang');
  program
    .description(t2(f, '信访件登记、处置跟踪与统计（纪委监委信访室）', 'petition registry, disposal tracking and statistics for a discipline-inspection petition office'))
    .version(version(), '-V, --version', t2(f, '显示版本', 'show the version'))
    .helpOption('-h, --help', t2(f, '显示帮助', 'show help'))
    .helpCommand(false) // ours takes a path: `help audit log` (help.ts)
    // Either engine (SPEC 6; store/registry.ts tells them apart; the default is factory.ts defaultDbLocation).
    // Short enough for one line of an 80-column help screen (the help wraps long lines inside words).
    .option('--db <path>', t2(f, 'SQLite 文件或 postgres:// 地址（默认 $XINFANG_DB）',
      'SQLite file or postgres:// URL (default $XINFANG_DB)'))
    .option('--operator <name>', t2(f, '经办人（默认 $XINFANG_OPERATOR，否则系统用户名）', 'operator (default $XINFANG_OPERATOR, else the OS user name)'))
    .addOption(new Option('--lang <lang>', t2(f, '界面语言：zh|en', 'language: zh|en')))
    .option('--no-input', t2(f, '从不交互提问', 'never prompt'))
    .option('-q, --quiet', t2(f, '不输出提示信息', 'no informational messages'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => f.io.stdout.write(s),
      writeErr: (s) => f.io.stderr.write(s),
      outputError: () => undefined, // printed by handleError, in the clerk's language
    });
  defineInit(program, f);
  defineRegister(program, f);
  defineImport(program, f);
  defineList(program, f);
  defineShow(program, f);
  defineReveal(program, f);
  defineAudit(program, f);
  defineCalendar(program, f);
  defineConfig(program, f);
  defineBackup(program, f);
  defineMigrateTo(program, f);
  defineDup(program, f);
  defineScope(program, f);
  defineInstruct(program, f);
  defineAssign(program, f);
  defineDispose(program, f);
  defineConclude(program, f);
  defineNotify(program, f);
  defineSupervise(program, f);
  defineCorrections(program, f);
  defineActivity(program, f);
  defineReport(program, f);
  defineOverdue(program, f);
  defineExport(program, f);
  program.commands.forEach(applyExitOverride);
  defineHelpCommand(program, f);
  configureLocalHelp(program, f);
  return program;
}

function applyExitOverride(cmd: Command): void {
  cmd.exitOverride();
  cmd.configureOutput({ outputError: () => undefined });
  cmd.commands.forEach(applyExitOverride);
}

const COMMANDER_ZH: Record<string, (m: string) => string> = {
  'commander.unknownOption': (m) => `未知选项 ${quoted(m)}`,
  'commander.unknownCommand': (m) => `未知命令 ${quoted(m)}`,
  'commander.missingArgument': (m) => `缺少参数 ${quoted(m)}`,
  'commander.optionMissingArgument': (m) => `选项 ${quoted(m)} 缺少取值`,
  'commander.missingMandatoryOptionValue': (m) => `缺少必需的选项 ${quoted(m)}`,
  'commander.excessArguments': () => '参数过多',
  'commander.invalidArgument': (m) => m.replace(/^error:\s*/, ''),
  'commander.conflictingOption': (m) => m.replace(/^error:\s*/, ''),
};

function quoted(m: string): string {
  return /'([^']+)'/.exec(m)?.[1] ?? '';
}

export function handleError(f: Pick<Factory, 'lang' | 'io' | 'env'>, e: unknown): number {
  // Messages echo values from outside (a CSV cell, a flag's value): never raw escapes (SPEC 5).
  const err = (line: string) => f.io.stderr.write(visibleText(line, { newlines: true }) + '\n');
  const label = f.lang === 'zh' ? '错误：' : 'error: ';
  const hintLabel = f.lang === 'zh' ? '提示：' : 'hint: ';
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    // No command (a bare `xinfang`, or `xinfang audit`): the usage went to stderr; that is a usage error.
    // A group's `help mark` (`xinfang dup help mark`) printed the help asked for: exit 0.
    if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
    const zh = COMMANDER_ZH[e.code];
    const [first] = e.message.split('\n');
    const text = f.lang === 'zh' && zh ? zh(first!) : first!.replace(/^error:\s*/, '');
    err(label + text);
    const suggestion = withSuggestion(e.message, f.lang);
    if (suggestion) err(suggestion);
    err(hintLabel + (f.lang === 'zh' ? '用 --help 查看用法' : 'see --help for usage'));
    return 2;
  }
  if (e instanceof XinfangError && e.kind === 'cancelled') {
    err(e.text[f.lang]); // one line, not an error: the clerk chose to stop (exit 130)
    return e.exitCode;
  }
  if (e instanceof XinfangError) {
    err(label + e.text[f.lang]);
    for (const d of e.details) err('  ' + d[f.lang]);
    if (e.hint) err(hintLabel + e.hint[f.lang]);
    if (f.env.XINFANG_DEBUG === '1' && e.stack) err(e.stack);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  // Recognised by the drivers' error codes (store/errors.ts), on either engine.
  const busy = storeFault(e) === 'busy';
  const text: Bilingual = busy
    ? say('登记库正被其他人长时间占用，请稍后再试', 'the registry has been busy for too long; try again shortly')
    : say(`意外错误：${message}`, `unexpected failure: ${message}`);
  err(label + text[f.lang]);
  if (f.env.XINFANG_DEBUG === '1' && e instanceof Error && e.stack) err(e.stack);
  else if (!busy) err(hintLabel + (f.lang === 'zh' ? '设置 XINFANG_DEBUG=1 可查看详细信息' : 'set XINFANG_DEBUG=1 for details'));
  return 1;
}

export interface RunOptions {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Questions answered by a script instead of a terminal (tests). */
  prompter?: Prompter;
}

/** Runs the command line; returns the exit code. */
export async function run(argv: readonly string[], o: RunOptions): Promise<number> {
  const lang = languageFrom(argv, o.env);
  let globals: GlobalOptions = {};
  const f = makeFactory(o.io, o.env, o.now ?? (() => new Date()), typeof lang === 'string' ? lang : 'zh', () => globals);
  if (typeof lang !== 'string') {
    o.io.stderr.write(`错误：--lang “${lang.invalid}” 无法识别（可用：zh、en）\n`);
    return 2;
  }
  if (o.prompter) injectPrompter(f, o.prompter);
  const program = buildProgram(f);
  program.hook('preAction', (_root, action) => {
    globals = action.optsWithGlobals<GlobalOptions>();
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return handleError(f, e);
  } finally {
    await f.close().catch(() => undefined);
  }
}

export async function main(): Promise<void> {
  const io: IOStreams = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // `xinfang list | head` is fine
  });
  process.exitCode = await run(process.argv.slice(2), { io, env: process.env });
}

// The factory of what commands need, built lazily (after gh's cmdutil.Factory): streams and
// whether they are terminals, the environment, the clock, global options, the registry.
// Tests build one with in-memory streams; the binary builds one from the process.

import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { say, usageError, type Bilingual } from '../domain/errors.js';
import { hasInvisible, isBlank, visibleText } from '../domain/text.js';
import type { Lang } from '../domain/vocabulary.js';
import type { UseCaseContext } from '../usecases/context.js';

export interface IOStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
}

export interface GlobalOptions {
  db?: string;
  operator?: string;
  lang?: string;
  input?: boolean; // commander's --no-input
  quiet?: boolean;
}

export interface Factory {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  lang: Lang;
  /** The chosen language's text. */
  t: (b: Bilingual) => string;
  globals: () => GlobalOptions;
  /** May we ask the clerk questions? Only when stdin and stderr are terminals and --no-input is absent. */
  canPrompt: () => boolean;
  color: () => boolean;
  dbLocation: () => string;
  operator: () => string;
  /** Messages and warnings (stderr); suppressed by --quiet except errors. */
  info: (b: Bilingual | string) => void;
  warn: (b: Bilingual | string) => void;
  /** Opens the registry (checked) and builds the use-case context; closed by the runner. */
  context: () => Promise<UseCaseContext>;
  close: () => Promise<void>;
}

export function defaultDbLocation(env: NodeJS.ProcessEnv): string {
  if (env.XINFANG_DB && env.XINFANG_DB.trim() !== '') return env.XINFANG_DB;
  const home = env.HOME ?? homedir();
  let dataDir: string;
  if (process.platform === 'win32') dataDir = join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'xinfang');
  else if (process.platform === 'darwin') dataDir = join(home, 'Library', 'Application Support', 'xinfang');
  else dataDir = join(env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share'), 'xinfang');
  return join(dataDir, 'xinfang.db');
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The operator recorded in the audit log (SPEC 5): `--operator`, trimmed, refused when it reads as
 * blank (only spaces, format characters such as U+200B, Hangul fillers, the blank braille pattern:
 * domain/text.ts isBlank) or holds control or invisible characters (exit 2); else XINFANG_OPERATOR
 * when it does not read as blank (the same checks); else the OS user name, which the log records
 * beside the declared operator in any case.
 */
export function chooseOperator(given: string | undefined, fromEnv: string | undefined, os: () => string): string {
  const visible = (name: string, where: string) => {
    if (/[\x00-\x1f\x7f-\x9f]/.test(name)) {
      throw usageError(say(`${where} “${visibleText(name)}” 含有控制字符`, `${where} "${visibleText(name)}" contains control characters`));
    }
    if (hasInvisible(name)) {
      const shown = name.replace(/[^\x20-\x7e\u4e00-\u9fff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      throw usageError(say(`${where} “${shown}” 含有不可见字符：请只写经办人姓名`, `${where} "${shown}" contains invisible characters: give the operator's name only`));
    }
    return name;
  };
  if (given !== undefined) {
    const name = given.trim();
    if (isBlank(name)) {
      throw usageError(say('--operator 不能为空（空格或不可见字符也算空）：请写经办人姓名', '--operator cannot be blank (spaces or invisible characters count as blank): give the operator\'s name'));
    }
    return visible(name, '--operator');
  }
  const envName = fromEnv?.trim();
  return envName && !isBlank(envName) ? visible(envName, 'XINFANG_OPERATOR') : os();
}

export function makeFactory(io: IOStreams, env: NodeJS.ProcessEnv, now: () => Date, lang: Lang, globals: () => GlobalOptions): Factory {
  const t = (b: Bilingual) => b[lang];
  const text = (b: Bilingual | string) => (typeof b === 'string' ? b : t(b));
  let opened: UseCaseContext | undefined;
  const f: Factory = {
    io, env, now, lang, t, globals,
    canPrompt: () => globals().input !== false && io.stdinIsTTY && io.stderrIsTTY, // prompts go to stderr: `code=$(xinfang register)` asks
    color: () => io.stdoutIsTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb',
    dbLocation: () => globals().db ?? defaultDbLocation(env),
    operator: () => chooseOperator(globals().operator, env.XINFANG_OPERATOR, osUser),
    info: (b) => { if (!globals().quiet) io.stderr.write(text(b) + '\n'); },
    warn: (b) => { io.stderr.write((lang === 'zh' ? '警告：' : 'warning: ') + text(b) + '\n'); },
    context: async () => {
      if (opened) return opened;
      const { openContext } = await import('./open.js');
      opened = await openContext(f);
      return opened;
    },
    close: async () => {
      if (opened) await opened.registry.close();
      opened = undefined;
    },
  };
  return f;
}

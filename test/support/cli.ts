// Runs the command line in-process, as the gh CLI's tests do: `run()` with in-memory stdin,
// stdout and stderr, a TTY switch, an injected clock and environment. Most command tests use
// this; a smaller set in test/e2e runs the built binary.

import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { IOStreams } from '../../src/cli/factory.js';
import { testRegistries, type TestRegistry } from './engines.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Standard input: text, bytes, or a stream (e.g. one a prompter test writes keys into). */
  stdin?: string | Buffer | NodeJS.ReadableStream;
  /** Which ends are terminals; none by default, as in a script. */
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  now?: () => Date;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `xinfang ARGV` in this process; resolves with the exit code and what was written. */
export async function runCli(argv: readonly string[], o: CliOptions = {}): Promise<CliResult> {
  const out = collector();
  const err = collector();
  const stdin = o.stdin === undefined || typeof o.stdin === 'string' || Buffer.isBuffer(o.stdin)
    ? Readable.from(o.stdin === undefined ? [] : [Buffer.from(o.stdin)])
    : o.stdin;
  const io: IOStreams = {
    stdout: out.stream, stderr: err.stream, stdin,
    stdoutIsTTY: o.tty?.stdout ?? false, stderrIsTTY: o.tty?.stderr ?? false, stdinIsTTY: o.tty?.stdin ?? false,
  };
  const code = await run(argv, { io, env: o.env ?? {}, now: o.now });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text() };
}

/**
 * A clerk's environment over a fresh registry of one engine: `cli(args)` runs in-process with
 * XINFANG_DB pointing at it (a temporary SQLite file, or a new PostgreSQL database).
 */
export interface CliSandbox {
  engine: TestRegistry['engine'];
  /** A scratch folder for files the test writes or reads. */
  dir: string;
  /** The registry location: a file path or a postgres:// URL. */
  db: string;
  env: NodeJS.ProcessEnv;
  cli: (args: readonly string[], o?: CliOptions) => Promise<CliResult>;
  /** `cli` that must succeed; returns trimmed stdout. */
  ok: (args: readonly string[], o?: CliOptions) => Promise<string>;
  cleanup: () => Promise<void>;
}

export async function cliSandbox(registry: TestRegistry, opts: { init?: boolean } = {}): Promise<CliSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-cli-'));
  const db = await registry.create(dir);
  const env: NodeJS.ProcessEnv = {
    HOME: dir, XINFANG_DB: db, XINFANG_OPERATOR: 'tester', TZ: process.env.TZ ?? 'Asia/Shanghai',
    ...registry.env,
  };
  const cli: CliSandbox['cli'] = (args, o = {}) => runCli(args, { ...o, env: { ...env, ...o.env } });
  const ok: CliSandbox['ok'] = async (args, o) => {
    const r = await cli(args, o);
    if (r.code !== 0) throw new Error(`xinfang ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const sb: CliSandbox = {
    engine: registry.engine, dir, db, env, cli, ok,
    cleanup: async () => {
      await registry.drop(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.init !== false) {
    try {
      await ok(['init']);
    } catch (e) {
      await sb.cleanup();
      throw e;
    }
  }
  return sb;
}

export { testRegistries };

/**
 * Registers an item with a clerk's usual facts (本级受理, 来信, a summary, received 2016-06-01),
 * each overridable by `flags` (`{ 'reporter-name': '王小明' }` → `--reporter-name 王小明`), then
 * `extra` arguments. Resolves with the new code (e.g. '2016-0001'); rejects with the exit code and
 * stderr if the command fails.
 */
export async function registerOk(s: CliSandbox, flags: Record<string, string> = {}, extra: readonly string[] = [], o?: CliOptions): Promise<string> {
  const args = ['register'];
  const all = { source: '本级受理', channel: '来信', summary: '反映某局干部收受礼金', received: '2016-06-01', ...flags };
  for (const [k, v] of Object.entries(all)) args.push(`--${k}`, v);
  return s.ok([...args, ...extra], o);
}

/**
 * A check that a decision command was refused (SPEC 3): exit 4, every part in the message, nothing
 * on stdout, and neither an event nor an audit entry written. `run`/`ok` as the test calls the
 * command line (with its clock). Resolves with the message.
 */
export function refusalCheck(run: (args: string[]) => Promise<CliResult>, ok: (args: string[]) => Promise<string>) {
  const events = async (code: string) => (JSON.parse(await ok(['show', code, '--json'])) as { events: unknown[] }).events.length;
  const auditCount = async () => (JSON.parse(await ok(['audit', 'log', '--json'])) as unknown[]).length;
  return async function refusedWith(args: string[], code: string, ...parts: string[]): Promise<string> {
    const before = { events: await events(code), audit: await auditCount() };
    const r = await run(args);
    expect(r.code, r.stderr).toBe(4);
    for (const p of parts) expect(r.stderr).toContain(p);
    expect(r.stdout).toBe('');
    expect({ events: await events(code), audit: await auditCount() }).toEqual(before);
    return r.stderr;
  };
}

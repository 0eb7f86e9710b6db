// Runs the built `xinfang` binary as a clerk's shell would: real process, real registry file,
// stdin not a terminal, CI-like environment.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestRegistry } from '../support/engines.js';

export const BIN = fileURLToPath(new URL('../../bin/xinfang.js', import.meta.url));

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  db: string;
  env: NodeJS.ProcessEnv;
  run: (args: string[], opts?: { input?: string | Buffer; env?: NodeJS.ProcessEnv }) => Result;
  runAsync: (args: string[], opts?: { env?: NodeJS.ProcessEnv }) => Promise<Result>;
  cleanup: () => void;
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-e2e-'));
  return sandboxAt(dir, join(dir, 'registry.db'), {});
}

/**
 * A sandbox over a fresh registry of one engine (test/support/engines.ts): a temporary SQLite
 * file, or a new PostgreSQL database with the test key in XINFANG_KEY. Not initialised.
 * `cleanupAsync` drops the database and removes the scratch folder.
 */
export async function engineSandbox(registry: TestRegistry): Promise<Sandbox & { cleanupAsync: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-e2e-'));
  const db = await registry.create(dir);
  const sb = sandboxAt(dir, db, registry.env);
  return {
    ...sb,
    cleanupAsync: async () => {
      await registry.drop(db);
      sb.cleanup();
    },
  };
}

function sandboxAt(dir: string, db: string, extraEnv: NodeJS.ProcessEnv): Sandbox {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XINFANG_DB: db,
    XINFANG_OPERATOR: 'tester',
    TZ: 'Asia/Shanghai',
    ...extraEnv,
  };
  const run: Sandbox['run'] = (args, opts = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...env, ...opts.env },
      input: opts.input ?? '',
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const runAsync: Sandbox['runAsync'] = (args, opts = {}) =>
    new Promise((res) => {
      const p = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
    });
  return { dir, db, env, run, runAsync, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers an item with sensible defaults; returns its code. */
export function registerOk(s: Sandbox, flags: Record<string, string>, extra: string[] = []): string {
  const args = ['register'];
  const all = { source: '本级受理', channel: '来信', summary: '反映某局干部收受礼金', received: '2016-06-01', ...flags };
  for (const [k, v] of Object.entries(all)) args.push(`--${k}`, v);
  const r = s.run([...args, ...extra]);
  if (r.code !== 0) throw new Error(`register failed (${r.code}): ${r.stderr}`);
  return r.stdout.trim();
}

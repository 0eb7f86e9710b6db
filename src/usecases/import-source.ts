// Where prepared rows come from: this thread for small inputs, standard input and spreadsheets, a
// worker thread for large CSV files (the parsing and hashing then run beside the inserts, on the
// other core).

import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { XinfangError, internalError, say } from '../domain/errors.js';
import type { Vault } from '../store/vault.js';
import { prepareImport, prepareRecords, type PrepareMessage, type PrepareOptions } from './import-prepare.js';
import type { WorkerInput, WorkerMessage } from './import-worker.js';

/** Below this size a worker's start-up costs more than it saves. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * What to import: a file (CSV, or an .xlsx spreadsheet when `format` says so, read from its
 * `sheet` or the first), or a stream of CSV (standard input).
 */
export type ImportInput =
  | { kind: 'file'; path: string; size: number; format?: 'csv' | 'xlsx'; sheet?: string }
  | { kind: 'stream'; stream: NodeJS.ReadableStream };

export function preparedMessages(input: ImportInput, o: PrepareOptions, vault: Vault): AsyncGenerator<PrepareMessage> {
  if (input.kind === 'stream') return prepareImport(input.stream, o, vault);
  if (input.format === 'xlsx') return fromSpreadsheet(input.path, input.size, input.sheet, o, vault);
  if (input.size < WORKER_MIN_BYTES) return fromFile(input.path, o, vault);
  return fromWorker({ path: input.path, options: o, key: vault.keyMaterial() });
}

/**
 * A CSV file read in this thread, opened only once --map is known good: a usage error must not
 * leave an open file behind in a process that runs many commands (test/cli/import.test.ts).
 */
async function* fromFile(path: string, o: PrepareOptions, vault: Vault): AsyncGenerator<PrepareMessage> {
  const { parseMapping } = await import('../domain/columns.js');
  const { problems } = parseMapping(o.map);
  if (problems.length > 0) throw new XinfangError('usage', problems[0]!, undefined, problems.slice(1));
  yield* prepareImport(createReadStream(path, { highWaterMark: 1 << 20 }), o, vault);
}

async function* fromSpreadsheet(path: string, size: number, sheet: string | undefined, o: PrepareOptions, vault: Vault): AsyncGenerator<PrepareMessage> {
  const { parseMapping } = await import('../domain/columns.js');
  const { problems } = parseMapping(o.map);
  if (problems.length > 0) throw new XinfangError('usage', problems[0]!, undefined, problems.slice(1));
  const { openXlsx } = await import('./import-xlsx.js');
  yield* prepareRecords(await openXlsx(path, size, sheet), o, vault);
}

async function* fromWorker(data: WorkerInput): AsyncGenerator<PrepareMessage> {
  // A small young generation: the worker's garbage is short-lived, and the import's peak memory
  // counts. At a million rows 16 to 32 MB ran alike (within noise); each 8 MB more added ~8 MB at the peak.
  const worker = new Worker(new URL('./import-worker.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let exited: number | undefined;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    queue.push({ type: 'crash', message: e.message, stack: e.stack });
    wake?.();
  });
  worker.on('exit', (code) => {
    exited = code;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (exited !== undefined) throw internalError(say(`导入线程意外退出（${exited}）`, `the import worker exited unexpectedly (${exited})`));
        await new Promise<void>((res) => (wake = res));
      }
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'error') throw new XinfangError(m.kind, m.text, m.hint, m.details);
      if (m.type === 'crash') throw Object.assign(new Error(m.message), { stack: m.stack });
      if (m.message.type === 'batch') worker.postMessage('more');
      yield m.message;
    }
  } finally {
    await worker.terminate();
  }
}

// Worker thread of a large import: runs prepareImport on the file and posts its batches to the
// main thread, which inserts them. At most IN_FLIGHT batches wait unacknowledged, so that memory
// stays flat however far the parser runs ahead of the inserts.

import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { XinfangError } from '../domain/errors.js';
import { Vault } from '../store/vault.js';
import { prepareImport, type PrepareOptions } from './import-prepare.js';

export interface WorkerInput {
  path: string;
  options: PrepareOptions;
  key: Uint8Array;
}

export type WorkerMessage =
  | { type: 'message'; message: import('./import-prepare.js').PrepareMessage }
  | { type: 'done' }
  | { type: 'error'; kind: XinfangError['kind']; text: XinfangError['text']; hint?: XinfangError['hint']; details: XinfangError['details'] }
  | { type: 'crash'; message: string; stack?: string };

export const IN_FLIGHT = 2;

async function run(): Promise<void> {
  const port = parentPort!;
  const input = workerData as WorkerInput;
  let credit = IN_FLIGHT;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    wake?.();
  });
  const post = (m: WorkerMessage) => port.postMessage(m);
  try {
    const vault = new Vault(Buffer.from(input.key));
    const stream = createReadStream(input.path, { highWaterMark: 1 << 20 });
    for await (const message of prepareImport(stream, input.options, vault)) {
      while (credit === 0) await new Promise<void>((res) => (wake = res));
      wake = undefined;
      if (message.type === 'batch') credit--;
      post({ type: 'message', message });
    }
    post({ type: 'done' });
  } catch (e) {
    if (e instanceof XinfangError) post({ type: 'error', kind: e.kind, text: e.text, hint: e.hint, details: e.details });
    else post({ type: 'crash', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack });
  } finally {
    port.close();
  }
}

await run();

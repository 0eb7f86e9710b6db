#!/usr/bin/env node
// Throughput of the streaming CSV reader alone (SPEC 7): records/s, MB/s and peak RSS.
//
//   npx tsc -p tsconfig.build.json
//   node bench/generate.mjs --rows 1000000 --out /tmp/gen-utf8.csv
//   node bench/csv-read.mjs /tmp/gen-utf8.csv [--encoding auto|utf-8|gb18030] [--chunk BYTES] [--runs N] [--decode-only]
//
// Each run is a fresh child process, so that peak RSS is per run; prints each run and the median.
// --decode-only times reading and TextDecoder alone (no CSV parsing): the floor for the reader.

import { spawnSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  options: {
    encoding: { type: 'string', default: 'auto' },
    chunk: { type: 'string', default: String(64 * 1024) },
    runs: { type: 'string', default: '3' },
    child: { type: 'boolean', default: false },
    'decode-only': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: node bench/csv-read.mjs FILE [--encoding auto|utf-8|gb18030] [--chunk BYTES] [--runs N] [--decode-only]\n');
  process.exit(2);
}

if (args.child) {
  const { openCsv } = await import(new URL('../dist/src/csv/reader.js', import.meta.url).href);
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
  const t0 = performance.now();
  if (args['decode-only']) {
    const decoder = new TextDecoder(args.encoding === 'auto' ? 'utf-8' : args.encoding);
    let bytes = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: Number(args.chunk) })) {
      bytes += chunk.length;
      decoder.decode(chunk, { stream: true });
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, records: 0, bytes, encoding: decoder.encoding, peakRss: peak }) + '\n');
    process.exit(0);
  }
  const reader = await openCsv(createReadStream(file, { highWaterMark: Number(args.chunk) }), { encoding: args.encoding });
  let records = 0;
  let fields = 0;
  for await (const batch of reader.batches()) {
    records += batch.length;
    for (const r of batch) fields += r.fields.length;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.stdout.write(JSON.stringify({ ms, records, fields, bytes: reader.bytesRead(), encoding: reader.encoding, delimiter: reader.delimiter, peakRss: peak }) + '\n');
  process.exit(0);
}

const runs = [];
for (let i = 0; i < Number(args.runs); i++) {
  const childArgs = [fileURLToPath(import.meta.url), file, '--child', '--encoding', args.encoding, '--chunk', args.chunk];
  if (args['decode-only']) childArgs.push('--decode-only');
  const child = spawnSync(process.execPath, childArgs, { encoding: 'utf8' });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  const r = JSON.parse(child.stdout);
  runs.push(r);
  process.stdout.write(`run ${i + 1}: ${fmt(r)}\n`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = { ...runs[0], ms: median(runs.map((r) => r.ms)), peakRss: median(runs.map((r) => r.peakRss)) };
process.stdout.write(`median: ${fmt(med)}  (${(statSync(file).size / 1e6).toFixed(1)} MB, ${med.encoding}, chunk ${args.chunk} B)\n`);

function fmt(r) {
  const s = r.ms / 1000;
  const records = args['decode-only'] ? 'decoded only' : `${r.records} records`;
  const rate = args['decode-only'] ? '' : `${Math.round(r.records / s).toLocaleString('en')} records/s, `;
  return `${records} in ${s.toFixed(2)} s, ${rate}${(r.bytes / 1e6 / s).toFixed(0)} MB/s, peak RSS ${(r.peakRss / 1e6).toFixed(0)} MB`;
}

// Where the import's time floor lies (issue "Import forwarded cases", SPEC 9): the two halves of
// `xinfang import` timed apart on the same generated file, next to the sqlite3 shell's `.import`.
//
// - prepare: decode, parse, validate, fingerprint and hash every row (one thread, no registry);
// - registry writes: the same rows, prepared beforehand and held serialised in memory (as they
//   come from the worker thread), through the import's
//   bulk writer into a fresh registry: the inserts, the deferred index builds and the commit (WAL,
//   synchronous=FULL), each timed.
//
// The import runs the halves on two threads at once, so its time is at least the larger of the two
// and the index builds and the commit, which come after the last row.
//
// `--journal delete` is a what-if, not what xinfang does: the same writes with a rollback journal
// instead of WAL (each page written once rather than to the WAL and again at the checkpoint).
//
//   node bench/floor.mjs [--rows 1000000] [--runs 3] [--dir /tmp/xinfang-bench] [--journal wal|delete]

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';

const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { prepareImport } = await import(dist('usecases/import-prepare.js'));
const { Registry } = await import(dist('store/registry.js'));
const { Vault } = await import(dist('store/vault.js'));

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, dir: { type: 'string', default: '/tmp/xinfang-bench' }, journal: { type: 'string', default: 'wal' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = values.dir;
mkdirSync(dir, { recursive: true });
const file = join(dir, `forwarded-${rows}-utf8.csv`);
if (!existsSync(file)) execFileSync(process.execPath, [fileURLToPath(new URL('./generate.mjs', import.meta.url)), '--rows', String(rows), '--out', file, '--quiet']);

const vault = new Vault(randomBytes(32));
const secs = (t0) => (performance.now() - t0) / 1000;

async function prepare(keep) {
  const t0 = performance.now();
  const batches = [];
  for await (const m of prepareImport(createReadStream(file, { highWaterMark: 1 << 20 }), { encoding: 'auto', map: [], today: '2026-01-01' }, vault)) {
    // Kept serialised, off the heap: a million rows as live strings would slow every collection.
    if (m.type === 'batch' && keep) batches.push(serialize(m.packed));
  }
  return { secs: secs(t0), batches };
}

async function write(batches) {
  const db = join(dir, 'floor.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const registry = await Registry.open(db, { create: true });
  await registry.migrate();
  if (values.journal !== 'wal') registry.engineForStore.handle.pragma(`journal_mode = ${values.journal}`);
  const t = {};
  const t0 = performance.now();
  await registry.write(async (trx) => {
    const w = await registry.bulkWriter(trx, vault, { at: new Date().toISOString(), operator: 'bench', via: 'import' }, { expectedRows: rows });
    for (const b of batches) await w.addBatch(deserialize(b));
    t.inserts = secs(t0);
    const t1 = performance.now();
    await w.finish();
    t.indexes = secs(t1);
    await w.countSharedReporters();
  });
  t.commit = secs(t0) - t.inserts - t.indexes;
  await registry.close();
  t.total = secs(t0);
  return t;
}

function sqliteImport() {
  const db = join(dir, 'sqlite3.db');
  rmSync(db, { force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e', 'sqlite3', db, `.import --csv ${file} forwarded`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stderr.trim().split('\n').at(-1));
}

const { batches } = await prepare(true);
const res = { sqlite: [], prepare: [], inserts: [], indexes: [], commit: [], writes: [] };
for (let i = 0; i < runs; i++) {
  res.sqlite.push(sqliteImport());
  res.prepare.push((await prepare(false)).secs);
  const w = await write(batches);
  res.inserts.push(w.inserts);
  res.indexes.push(w.indexes);
  res.commit.push(w.commit);
  res.writes.push(w.total);
  console.error(`run ${i + 1}: sqlite3 ${res.sqlite[i].toFixed(2)} s, prepare ${res.prepare[i].toFixed(2)} s, writes ${w.total.toFixed(2)} s (inserts ${w.inserts.toFixed(2)}, indexes ${w.indexes.toFixed(2)}, commit ${w.commit.toFixed(2)})`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(res.sqlite);
console.log(`${rows} rows; journal ${values.journal}; medians of ${runs} runs`);
console.log('| part | time | × sqlite3 .import |');
console.log('|---|---|---|');
const line = (name, xs) => console.log(`| ${name} | ${median(xs).toFixed(2)} s | ${(median(xs) / base).toFixed(2)}× |`);
line('sqlite3 .import', res.sqlite);
line('prepare (one thread)', res.prepare);
line('registry writes: inserts', res.inserts);
line('registry writes: index builds', res.indexes);
line('registry writes: commit', res.commit);
line('registry writes, all', res.writes);

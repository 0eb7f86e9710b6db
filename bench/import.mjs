// Import benchmark (SPEC 9, issue "Import forwarded cases"): the same generated file through the
// sqlite3 shell's `.import --csv` and through `xinfang import`, in UTF-8 and in GB18030, each into
// a fresh registry, alternating, medians of --runs. Peak memory is the maximum resident set size
// that GNU time reports. Needs the sqlite3 shell (Debian package sqlite3) and /usr/bin/time.
//
//   node bench/import.mjs [--rows 1000000] [--runs 3] [--dir /tmp/xinfang-bench]

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, dir: { type: 'string', default: '/tmp/xinfang-bench' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = values.dir;
mkdirSync(dir, { recursive: true });
const bin = fileURLToPath(new URL('../bin/xinfang.js', import.meta.url));
const generator = fileURLToPath(new URL('./generate.mjs', import.meta.url));

const files = { 'utf-8': join(dir, `forwarded-${rows}-utf8.csv`), gb18030: join(dir, `forwarded-${rows}-gb18030.csv`) };
for (const [enc, path] of Object.entries(files)) {
  if (!existsSync(path)) execFileSync(process.execPath, [generator, '--rows', String(rows), '--encoding', enc, '--out', path, '--quiet']);
}

function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, mb: kb / 1024 };
}

const cases = {
  'sqlite3 .import (utf-8)': () => {
    const db = join(dir, 'sqlite3.db');
    rmSync(db, { force: true });
    return timed('sqlite3', [db, `.import --csv ${files['utf-8']} forwarded`]);
  },
  ...Object.fromEntries(Object.entries(files).map(([enc, path]) => [`xinfang import (${enc})`, () => {
    const db = join(dir, `xinfang-${enc}.db`);
    for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}.key`]) rmSync(f, { force: true });
    execFileSync(process.execPath, [bin, '--db', db, 'init'], { stdio: 'ignore' });
    return timed(process.execPath, [bin, '--db', db, '--quiet', 'import', path]);
  }])),
};

const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(cases)) {
    const r = run();
    results[name].push(r);
    console.error(`run ${i + 1}: ${name}: ${r.secs.toFixed(2)} s, ${r.mb.toFixed(0)} MB`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(results['sqlite3 .import (utf-8)'].map((r) => r.secs));
const utf8 = median(results['xinfang import (utf-8)'].map((r) => r.secs));
console.log(`${rows} rows; utf-8 file ${(statSync(files['utf-8']).size / 1e6).toFixed(0)} MB, gb18030 file ${(statSync(files.gb18030).size / 1e6).toFixed(0)} MB; medians of ${runs} runs`);
console.log('| command | time | × sqlite3 .import | peak memory |');
console.log('|---|---|---|---|');
for (const [name, rs] of Object.entries(results)) {
  const secs = median(rs.map((r) => r.secs));
  console.log(`| ${name} | ${secs.toFixed(2)} s | ${(secs / base).toFixed(2)}× | ${median(rs.map((r) => r.mb)).toFixed(0)} MB |`);
}
const gb = median(results['xinfang import (gb18030)'].map((r) => r.secs));
console.log(`GB18030 / UTF-8: ${(gb / utf8).toFixed(2)}×`);

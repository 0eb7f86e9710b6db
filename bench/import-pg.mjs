// Import benchmark on PostgreSQL (issue "One store, two engines"): the same generated file through
// `psql \copy` into a plain table of text columns and through `xinfang import` into a fresh
// PostgreSQL registry, alternating, medians of --runs; peak memory of xinfang from GNU time. Each
// run gets a new database, dropped afterwards.
//
//   node bench/import-pg.mjs [--rows 200000] [--runs 3] [--dir /tmp/xinfang-bench]
//        [--url postgres://postgres:postgres@127.0.0.1:5432/postgres]   (a server the bench may create databases on)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: {
  rows: { type: 'string', default: '200000' }, runs: { type: 'string', default: '3' }, dir: { type: 'string', default: '/tmp/xinfang-bench' },
  url: { type: 'string', default: process.env.XINFANG_TEST_PG ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres' },
} });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = values.dir;
mkdirSync(dir, { recursive: true });
const bin = fileURLToPath(new URL('../bin/xinfang.js', import.meta.url));
const generator = fileURLToPath(new URL('./generate.mjs', import.meta.url));
const file = join(dir, `forwarded-${rows}-utf8.csv`);
if (!existsSync(file)) execFileSync(process.execPath, [generator, '--rows', String(rows), '--encoding', 'utf-8', '--out', file, '--quiet']);
const header = readFileSync(file, 'utf8').slice(0, 4096).split(/\r?\n/)[0].replace(/^\uFEFF/, '').split(',');

const dbUrl = (name) => { const u = new URL(values.url); u.pathname = `/${name}`; return u.toString(); };
const psql = (url, sql) => execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
let n = 0;
function freshDb() {
  const name = `xfbench_${process.pid}_${n++}`;
  psql(values.url, `CREATE DATABASE ${name}`);
  return { name, url: dbUrl(name), drop: () => psql(values.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, mb: kb / 1024 };
}

const KEY = 'b'.repeat(64);
const cases = {
  'psql \\copy (plain table)': () => {
    const db = freshDb();
    try {
      psql(db.url, `CREATE TABLE forwarded (${header.map((h, i) => `c${i} text`).join(', ')})`);
      return timed('psql', [db.url, '-q', '-c', `\\copy forwarded FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
    } finally { db.drop(); }
  },
  'xinfang import': () => {
    const db = freshDb();
    try {
      execFileSync(process.execPath, [bin, '--db', db.url, 'init'], { stdio: 'ignore', env: { ...process.env, XINFANG_KEY: KEY } });
      return timed(process.execPath, [bin, '--db', db.url, '--quiet', 'import', file], { XINFANG_KEY: KEY });
    } finally { db.drop(); }
  },
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
const base = median(results['psql \\copy (plain table)'].map((r) => r.secs));
console.log(`${rows} rows, PostgreSQL; medians of ${runs} runs`);
console.log('| command | time | × psql \\copy | peak memory |');
console.log('|---|---|---|---|');
for (const [name, rs] of Object.entries(results)) {
  const secs = median(rs.map((r) => r.secs));
  console.log(`| ${name} | ${secs.toFixed(2)} s | ${(secs / base).toFixed(2)}× | ${median(rs.map((r) => r.mb)).toFixed(0)} MB |`);
}

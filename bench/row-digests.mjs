// What the row digests of the audit log cost (issue 8 item 4; SPEC 5): the same generated file
// imported into a fresh SQLite registry by a build without row digests (--baseline, e.g. a build of
// the commit before them) and by this build, alternating, medians of --runs; then `audit verify` on
// this build's registry, which reads and digests every row, against `sqlite3` reading the same
// rows (`SELECT count(*)` over a full scan of items). Peak memory from GNU time. Not a test.
//
//   node bench/row-digests.mjs --baseline /path/to/old/bin/xinfang.js [--rows 1000000] [--runs 3] [--dir /tmp/xinfang-bench]
//
// Build first (`npm run build`); the baseline build needs its own `npm run build` too.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: {
  rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, dir: { type: 'string', default: '/tmp/xinfang-bench' },
  baseline: { type: 'string' },
} });
if (!values.baseline) {
  console.error('give --baseline path/to/xinfang.js of a build without row digests');
  process.exit(2);
}
const rows = Number(values.rows);
const runs = Number(values.runs);
const dir = values.dir;
mkdirSync(dir, { recursive: true });
const bin = fileURLToPath(new URL('../bin/xinfang.js', import.meta.url));
const generator = fileURLToPath(new URL('./generate.mjs', import.meta.url));
const file = join(dir, `forwarded-${rows}-utf8.csv`);
if (!existsSync(file)) execFileSync(process.execPath, [generator, '--rows', String(rows), '--out', file, '--quiet']);

function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, mb: kb / 1024 };
}

function importWith(name, which) {
  const db = join(dir, `digests-${name}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}.key`]) rmSync(f, { force: true });
  execFileSync(process.execPath, [which, '--db', db, 'init'], { stdio: 'ignore' });
  return { db, ...timed(process.execPath, [which, '--db', db, '--quiet', 'import', file]) };
}

const results = { baseline: [], digests: [], verify: [], scan: [] };
for (let i = 0; i < runs; i++) {
  const a = importWith('baseline', values.baseline);
  const b = importWith('current', bin);
  results.baseline.push(a);
  results.digests.push(b);
  results.verify.push(timed(process.execPath, [bin, '--db', b.db, 'audit', 'verify']));
  results.scan.push(timed('sqlite3', [b.db, 'SELECT count(*), sum(length(summary)), max(accused_name) FROM items']));
  console.error(`run ${i + 1}: import without digests ${a.secs} s, with ${b.secs} s; verify ${results.verify.at(-1).secs} s; sqlite3 scan ${results.scan.at(-1).secs} s`);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const m = (k) => median(results[k].map((r) => r.secs));
const mb = (k) => median(results[k].map((r) => r.mb));
console.log(`${rows} rows, medians of ${runs} runs`);
console.log('| step | time | ratio | peak memory |');
console.log('|---|---|---|---|');
console.log(`| import, build without row digests | ${m('baseline').toFixed(2)} s | 1.00× | ${mb('baseline').toFixed(0)} MB |`);
console.log(`| import, with row digests | ${m('digests').toFixed(2)} s | ${(m('digests') / m('baseline')).toFixed(2)}× | ${mb('digests').toFixed(0)} MB |`);
console.log(`| sqlite3: one scan of the items | ${m('scan').toFixed(2)} s | 1.00× | ${mb('scan').toFixed(0)} MB |`);
console.log(`| audit verify (chain and every row) | ${m('verify').toFixed(2)} s | ${(m('verify') / m('scan')).toFixed(1)}× | ${mb('verify').toFixed(0)} MB |`);

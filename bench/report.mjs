// Benchmark of SPEC 9: a full-year `xinfang report --compare yoy` on a registry of N items
// (default 1,000,000) with decisions on most of them, side by side in one run with the `sqlite3`
// shell running one GROUP BY over the events table (the decisions the report must read); with
// --pg URL, the same on PostgreSQL against `psql`. Alternating runs, medians, ratio, peak memory
// (GNU time's maximum resident set), and, for scale, the floor: one GROUP BY of each year's kept
// states (item_state) in the same shell. Not a test. Build first (`npm run build`).
//
//   node bench/report.mjs [--items N] [--runs N] [--dir D] [--pg postgres://user:pw@host/db] [--no-sqlite]
//                         [--bin path/to/xinfang.js] [--keep]
//
// --keep leaves the generated registries in place (the SQLite file in --dir, the PostgreSQL database
// xinfang_bench_N) and reuses them on the next run with the same --items and --dir: for working on
// the query without regenerating. --bin runs another build of the command line.
//
// The registry is generated directly, not through `xinfang import`: `xinfang init` makes an empty
// registry, then set-based SQL (a recursive CTE on SQLite, generate_series on PostgreSQL) writes
// N items received over 2015–2016 and about 2.2 events an item: 80% disposed (mostly initial
// verification), 5% duplicates, 5% out of scope or without substance, 10% never triaged; 40%
// assigned, 30% concluded (a tenth of those late), real-name items notified and some replied,
// 1% with a sanction. It takes seconds rather than an import's minute, and it bypasses the audit
// log (`audit verify` fails on it): a bench registry, not a registry.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatorSql as generatorSqlOf } from './registry-gen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg0 = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const bin = arg0('--bin') ?? join(here, '..', 'bin', 'xinfang.js');
const KEEP = process.argv.includes('--keep');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--items', '1000000'));
const RUNS = Number(arg('--runs', '3'));
const PG = arg('--pg', undefined);
const dir = arg('--dir', undefined) ?? mkdtempSync(join(tmpdir(), 'xinfang-bench-report-'));
mkdirSync(dir, { recursive: true });
const KEY = 'b'.repeat(64);

/** Runs a command under GNU time: wall seconds and peak resident memory in MB. */
function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { secs, mb: kb / 1024, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// --- the generator (bench/registry-gen.mjs): one SQL text per engine ---------------------------

const generatorSql = (engine) => generatorSqlOf(engine, N);

const GROUP_BY = 'SELECT kind, value, count(*) FROM events GROUP BY kind, value;';
const REPORT = ['report', '--period', '2016', '--compare', 'yoy', '--json'];

// The least a report's main figures need, for scale: one GROUP BY of each year's kept states by the
// main table's dimensions (no deadlines, no other grouping, no state recomputed), in the engine's
// own shell, the two years one after the other.
// (SQLite reads the table whole, as the report does: `+received` keeps it off the date index.)
const floorSql = (engine) => ['2015', '2016'].map((y) => `SELECT source, channel, kind, real_name, status, disposal, count(*) FROM item_state
  WHERE ${engine === 'sqlite' ? '+' : ''}received BETWEEN '${y}-01-01' AND '${y}-12-31' GROUP BY source, channel, kind, real_name, status, disposal;`).join(' ');

function bench(label, registry, env, reference, floor) {
  const rows = [];
  const x = [];
  const s = [];
  const f = [];
  for (let run = 0; run < RUNS; run++) {
    s.push(reference());
    x.push(timed(process.execPath, [bin, '--db', registry, '--quiet', ...REPORT], env));
    f.push(floor());
  }
  const r = JSON.parse(x[0].stdout);
  const xs = median(x.map((t) => t.secs));
  const ss = median(s.map((t) => t.secs));
  rows.push(`| ${label} | xinfang report --period 2016 --compare yoy | ${xs.toFixed(2)} s | ${(xs / ss).toFixed(2)}× | ${median(x.map((t) => t.mb)).toFixed(0)} MB |`);
  rows.push(`| ${label} | one GROUP BY over events (reference) | ${ss.toFixed(2)} s | 1.00× | ${median(s.map((t) => t.mb)).toFixed(0)} MB |`);
  const fs = median(f.map((t) => t.secs));
  rows.push(`| ${label} | one GROUP BY of each year's kept states (the floor) | ${fs.toFixed(2)} s | ${(fs / ss).toFixed(2)}× | ${median(f.map((t) => t.mb)).toFixed(0)} MB |`);
  console.error(`${label}: 2016 received ${r.groups.all.received}, 2015 ${r.compare.groups.all.received}, verification rate ${r.groups.all.verificationRate}`);
  return rows;
}

let t = Date.now();
const out = ['| engine | command | median time | × reference | peak memory |', '|---|---|---|---|---|'];
try {
  // SQLite (the generator's own connection skips fsyncs: the registry keeps synchronous=FULL)
  const db = join(dir, 'report.db');
  if (!process.argv.includes('--no-sqlite')) {
  if (!(KEEP && existsSync(db))) {
    rmSync(db, { force: true });
    execFileSync(process.execPath, [bin, '--db', db, '--quiet', 'init'], { stdio: 'ignore' });
    t = Date.now();
    execFileSync('sqlite3', [db], { input: `PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; BEGIN; ${generatorSql('sqlite')} COMMIT; ANALYZE;` });
    console.error(`sqlite: generated ${N} items and their events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  // Registries made by an older build are brought up to date (a new index) the way an office's would be.
  // The generated items' kept states (item_state) are computed by init, as for any registry whose
  // rows were written behind the program (audited as statesRecomputed).
  t = Date.now();
  execFileSync(process.execPath, [bin, '--db', db, '--quiet', 'init'], { stdio: 'ignore' });
  console.error(`sqlite: init in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  execFileSync('sqlite3', [db, 'ANALYZE;']);
  const events = execFileSync('sqlite3', [db, 'SELECT count(*) FROM events;'], { encoding: 'utf8' }).trim();
  console.error(`sqlite: ${events} events`);
  out.push(...bench('SQLite', db, {}, () => timed('sqlite3', [db, GROUP_BY]), () => timed('sqlite3', [db, floorSql('sqlite')])));
  }

  if (PG) {
    const name = KEEP ? `xinfang_bench_${N}` : `xinfang_bench_${process.pid}`;
    const admin = (sqlText) => execFileSync('psql', [PG, '-qAt', '-c', sqlText], { encoding: 'utf8' });
    const exists = admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`).trim() === '1';
    const u = new URL(PG);
    u.pathname = `/${name}`;
    const url = u.toString();
    const env = { XINFANG_KEY: KEY };
    try {
      if (!(KEEP && exists)) {
        admin(`DROP DATABASE IF EXISTS ${name}`);
        admin(`CREATE DATABASE ${name}`);
        execFileSync(process.execPath, [bin, '--db', url, '--quiet', 'init'], { stdio: 'ignore', env: { ...process.env, ...env } });
        t = Date.now();
        execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], { input: `BEGIN; ${generatorSql('postgres')} COMMIT; VACUUM ANALYZE;` });
        console.error(`postgres: generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      t = Date.now();
      execFileSync(process.execPath, [bin, '--db', url, '--quiet', 'init'], { stdio: 'ignore', env: { ...process.env, ...env } });
      console.error(`postgres: init in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      execFileSync('psql', [url, '-q', '-c', 'VACUUM ANALYZE item_state']);
      out.push(...bench('PostgreSQL', url, env, () => timed('psql', [url, '-qAt', '-c', GROUP_BY]), () => timed('psql', [url, '-qAt', '-c', floorSql('postgres')])));
    } finally {
      if (!KEEP) admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
} finally {
  if (!process.argv.includes('--dir') && !KEEP) rmSync(dir, { recursive: true, force: true });
}
console.log(`${N} items, ${RUNS} runs each, alternating\n`);
console.log(out.join('\n'));

// Benchmark of SPEC 9: a full-year `xinfang report --compare yoy` on a registry of N items
// (default 1,000,000) with decisions on most of them, side by side in one run with the `sqlite3`
// shell running one GROUP BY over the events table (the decisions the report must read); with
// --pg URL, the same on PostgreSQL against `psql`. Alternating runs, medians, ratio, peak memory
// (GNU time's maximum resident set). Not a test. Build first (`npm run build`).
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

// --- the generator: one SQL text per engine ---------------------------------------------------

/** `dateplus(col, days)` and the numbers series differ per engine; everything else is shared. */
function generatorSql(engine) {
  const plus = (col, d) => (engine === 'sqlite' ? `date(${col}, '+${d} days')` : `to_char(cast(${col} as date) + ${d}, 'YYYY-MM-DD')`);
  const series = engine === 'sqlite'
    ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})`
    : `WITH n(i) AS (SELECT generate_series(1, ${N}))`;
  const received = engine === 'sqlite'
    ? `date('2015-01-01', '+' || ((i * 7919) % 731) || ' days')`
    : `to_char(date '2015-01-01' + cast((cast(i as bigint) * 7919) % 731 as integer), 'YYYY-MM-DD')`;
  const pick = (expr, values) => `CASE ${expr} ${values.map((v, k) => `WHEN ${k} THEN '${v}'`).join(' ')} END`;
  const event = (k, kind, where, cols) => `INSERT INTO events (id, item_id, kind, on_date, at, operator, target_id, value, due, note, data)
    SELECT ${k} * ${N} + id, id, '${kind}', ${cols.on}, ${cols.on} || 'T08:00:00.000Z', 'bench', ${cols.target ?? 'NULL'}, ${cols.value ?? 'NULL'}, ${cols.due ?? 'NULL'}, NULL, ${cols.data ?? 'NULL'}
    FROM items WHERE ${where};`;
  return `
INSERT INTO intakes (id, at, operator, via, file) VALUES (1, '2017-01-01T00:00:00.000Z', 'bench', 'import', 'bench');
${series}, g AS (SELECT i, ${received} AS r FROM n)
INSERT INTO items (id, code, year, seq, received, source, forwarded_by, ref, channel, kind, category, summary, real_name,
  accused_unit, accused_rank, fingerprint, intake_id)
SELECT i, substr(r, 1, 4) || '-' || ${engine === 'sqlite' ? "printf('%07d', i)" : "lpad(i::text, 7, '0')"}, cast(substr(r, 1, 4) as integer), i, r,
  ${pick('i % 6', ['superior-forwarded', 'superior-assigned', 'own', 'leader-assigned', 'judicial', 'other-agency'])},
  CASE WHEN i % 6 < 2 THEN '甘肃省纪委监委' END, CASE WHEN i % 6 < 2 THEN '甘纪转〔' || substr(r, 1, 4) || '〕' || i || '号' END,
  ${pick('i % 5', ['letter', 'visit', 'phone', 'online', 'other'])}, ${pick('i % 7', ['accusation', 'accusation', 'accusation', 'accusation', 'accusation', 'appeal', 'suggestion'])},
  ${pick('i % 9', ['违反群众纪律', '违反廉洁纪律', '违反工作纪律', '违反组织纪律', '违反生活纪律', '违反政治纪律', '违反中央八项规定精神', '涉嫌职务违法', '涉嫌职务犯罪'])},
  '反映问题' || i, CASE WHEN i % 5 < 2 THEN 1 ELSE 0 END, '单位' || (i % 2000),
  ${pick('i % 7', ['县处级', '乡科级', '一般干部', '村(社区)干部', '事业单位人员', '企业人员', '其他'])}, i, 1
FROM g;
${event(0, 'dispose', 'id % 10 < 8', { on: plus('received', 5), value: pick('id % 13', ['file-case', 'inquire', 'hold', 'close', 'verify', 'verify', 'verify', 'verify', 'verify', 'verify', 'verify', 'verify', 'verify']) })}
${event(1, 'duplicate', 'id % 20 = 8 AND id > 20', { on: plus('received', 3), target: 'id - 8' })}
${event(2, 'scope-out', 'id % 20 = 9', { on: plus('received', 3), value: `CASE WHEN id % 40 = 9 THEN 'out-of-scope' ELSE 'no-substance' END`, data: `'{"referTo":"县法院","reason":"不属职责"}'` })}
${event(3, 'assign', 'id % 10 < 4', { on: plus('received', 6), value: pick('id % 4', ['第一监察室', '第二监察室', '第三监察室', '第四监察室']), due: plus('received', 45) })}
${event(4, 'conclude', 'id % 10 < 3', { on: `CASE WHEN id % 30 = 0 THEN ${plus('received', 70)} ELSE ${plus('received', 30)} END`, value: `'partly'` })}
${event(5, 'notify', 'real_name = 1 AND id % 20 <> 8', { on: plus('received', 7) })}
${event(6, 'reply', 'real_name = 1 AND id % 10 < 2', { on: plus('received', 40), value: `'letter'`, data: `'{"text":"书面答复"}'` })}
${event(7, 'sanction', 'id % 100 = 0', { on: plus('received', 50), value: `CASE WHEN id % 200 = 0 THEN '警告' ELSE '记过' END`, data: `'{"person":"某人"}'` })}
`;
}

const GROUP_BY = 'SELECT kind, value, count(*) FROM events GROUP BY kind, value;';
const REPORT = ['report', '--period', '2016', '--compare', 'yoy', '--json'];

function bench(label, registry, env, reference) {
  const rows = [];
  const x = [];
  const s = [];
  for (let run = 0; run < RUNS; run++) {
    s.push(reference());
    x.push(timed(process.execPath, [bin, '--db', registry, '--quiet', ...REPORT], env));
  }
  const r = JSON.parse(x[0].stdout);
  const xs = median(x.map((t) => t.secs));
  const ss = median(s.map((t) => t.secs));
  rows.push(`| ${label} | xinfang report --period 2016 --compare yoy | ${xs.toFixed(2)} s | ${(xs / ss).toFixed(2)}× | ${median(x.map((t) => t.mb)).toFixed(0)} MB |`);
  rows.push(`| ${label} | one GROUP BY over events (reference) | ${ss.toFixed(2)} s | 1.00× | ${median(s.map((t) => t.mb)).toFixed(0)} MB |`);
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
  execFileSync(process.execPath, [bin, '--db', db, '--quiet', 'init'], { stdio: 'ignore' });
  const events = execFileSync('sqlite3', [db, 'SELECT count(*) FROM events;'], { encoding: 'utf8' }).trim();
  console.error(`sqlite: ${events} events`);
  out.push(...bench('SQLite', db, {}, () => timed('sqlite3', [db, GROUP_BY])));
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
        execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], { input: `BEGIN; ${generatorSql('postgres')} COMMIT; ANALYZE;` });
        console.error(`postgres: generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      execFileSync(process.execPath, [bin, '--db', url, '--quiet', 'init'], { stdio: 'ignore', env: { ...process.env, ...env } });
      out.push(...bench('PostgreSQL', url, env, () => timed('psql', [url, '-qAt', '-c', GROUP_BY])));
    } finally {
      if (!KEEP) admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
} finally {
  if (!process.argv.includes('--dir') && !KEEP) rmSync(dir, { recursive: true, force: true });
}
console.log(`${N} items, ${RUNS} runs each, alternating\n`);
console.log(out.join('\n'));

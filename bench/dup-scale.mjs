// Scale of `xinfang dup scan` and of register's duplicate check (issue 10, SPEC 9). For each size:
// a generated file (20% repeats, hard cases) imported into a fresh SQLite registry (not timed);
// the first scan (signs every item, builds the index), timed with its peak memory (GNU time);
// 1,000 more items imported, and a second scan (signs only those). Then register's duplicate
// check — the likely-originals look-up of src/usecases/dupscan.ts, run in-process inside a
// transaction for an item like an existing one — on the largest registry and on a 1,000-item one.
//
//   node bench/dup-scale.mjs [--sizes 100000,200000,400000,1000000] [--bin bin/xinfang.js] [--dir /tmp/xinfang-dups]
//
// --bin names the built command line (bin/xinfang.js after `npm run build`); the in-process check
// imports the compiled use case beside it (../dist).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,200000,400000,1000000' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/xinfang.js', import.meta.url)) },
    dir: { type: 'string', default: '/tmp/xinfang-dups' },
  },
});
const dir = values.dir;
mkdirSync(dir, { recursive: true });
const generator = fileURLToPath(new URL('./generate.mjs', import.meta.url));
const dist = join(dirname(values.bin), '..', 'dist');
const KEY = 'c'.repeat(64);

function gen(rows, out, extra = []) {
  if (!existsSync(out)) {
    execFileSync(process.execPath, [generator, '--rows', String(rows), '--repeats', '0.2', '--hard-duplicates', '--from-year', '2014', '--to-year', '2018', '--out', out, '--quiet', ...extra]);
  }
}

function run(db, args, timed = false) {
  const env = { ...process.env, XINFANG_DB: db, XINFANG_KEY: KEY, XINFANG_OPERATOR: 'bench', TZ: 'Asia/Shanghai' };
  const cmd = timed ? '/usr/bin/time' : process.execPath;
  const argv = timed ? ['-f', '%e %M', process.execPath, values.bin, ...args] : [values.bin, ...args];
  const r = spawnSync(cmd, argv, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`xinfang ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  if (!timed) return r;
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { ...r, secs, mb: kb / 1024 };
}

function registry(rows) {
  const db = join(dir, `registry-${rows}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}.key`]) rmSync(f, { force: true });
  const csv = join(dir, `cases-${rows}.csv`);
  gen(rows, csv);
  run(db, ['init', '--quiet']);
  run(db, ['import', csv, '--quiet']);
  return db;
}

/** Median time of the likely-originals check for items like existing ones, in-process, in ms. */
async function intakeCheck(db, samples = 200) {
  const { Registry } = await import(pathToFileURL(join(dist, 'src/store/registry.js')).href);
  const { likelyOriginals } = await import(pathToFileURL(join(dist, 'src/usecases/dupscan.js')).href);
  const reg = await Registry.open(db, { create: false });
  try {
    const max = Number((await reg.db.selectFrom('items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst()).m);
    const times = [];
    let found = 0;
    for (let i = 0; i < samples; i++) {
      const id = 1 + Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * max);
      const row = await reg.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
      const item = { id: -1, received: row.received, accusedName: row.accused_name, accusedUnit: row.accused_unit, summary: row.summary,
        reporterIdHash: row.reporter_id_hash, reporterPhoneHash: row.reporter_phone_hash };
      const t0 = process.hrtime.bigint();
      const r = await reg.db.transaction().execute((trx) => likelyOriginals(trx, item, { byReporter: true }));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.length > 0) found++;
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], found };
  } finally {
    await reg.close();
  }
}

const sizes = values.sizes.split(',').map(Number);
const rows = [];
for (const n of sizes) {
  const db = registry(n);
  const first = run(db, ['dup', 'scan', '--json', '--quiet'], true);
  const pairs = JSON.parse(first.stdout).length;
  const extra = join(dir, 'more-1000.csv');
  gen(1000, extra, ['--seed', '99', '--year', '2019']);
  run(db, ['import', extra, '--quiet']);
  const second = run(db, ['dup', 'scan', '--json', '--quiet'], true);
  rows.push({ n, first, second, pairs, db });
  console.error(`dup-scale: ${n} items: first scan ${first.secs} s (${first.mb.toFixed(0)} MB), ${pairs} pairs; second ${second.secs} s`);
}

console.log('| items | first scan s | peak MB | pairs | second scan s (after 1,000 more) | second / first |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en')} | ${r.first.secs.toFixed(1)} | ${r.first.mb.toFixed(0)} | ${r.pairs} | ${r.second.secs.toFixed(2)} | ${(r.second.secs / r.first.secs).toFixed(3)} |`);
}
const base = rows[0];
for (const r of rows.slice(1)) console.log(`growth ${base.n} → ${r.n} items (${r.n / base.n}×): ${(r.first.secs / base.first.secs).toFixed(2)}×`);

const small = registry(1000);
run(small, ['dup', 'scan', '--quiet']);
const largest = rows.at(-1);
const [c1, cN] = [await intakeCheck(small), await intakeCheck(largest.db)];
console.log(`register's duplicate check (median of 200, in-process): 1,000 items ${c1.median.toFixed(2)} ms; ${largest.n.toLocaleString('en')} items ${cN.median.toFixed(2)} ms (${(cN.median / c1.median).toFixed(2)}×); items with a likely original: ${c1.found} / ${cN.found}`);
const reg = (db) => {
  const t = [];
  for (let i = 0; i < 7; i++) {
    const r = run(db, ['register', '--source', '本级受理', '--channel', '来信', '--received', '2019-03-01', '--summary', '反映张建国在农村公路建设项目中收受他人财物', '--accused-name', '王伟', '--accused-unit', '城关镇人民政府', '--quiet'], true);
    t.push(r.secs);
  }
  return t.sort((a, b) => a - b)[3];
};
const [r1, rN] = [reg(small), reg(largest.db)];
console.log(`register command (median of 7): 1,000 items ${r1.toFixed(2)} s; ${largest.n.toLocaleString('en')} items ${rN.toFixed(2)} s (${(rN / r1).toFixed(2)}×)`);

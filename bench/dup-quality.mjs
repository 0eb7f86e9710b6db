// Quality of `xinfang dup scan` (issue 10, SPEC 9): a labelled set from the generator with hard
// cases (`--hard-duplicates`: reworded repeats, punctuation changes, dropped reporters, units
// written with or without their county, another channel, forwarded by both commissions; and new
// complaints that reuse an earlier complaint's text about another official), imported into a fresh
// registry, then scanned at several thresholds.
//
// A proposed pair (item, original) is right when both rows belong to the same labelled case.
// precision = right pairs / proposed pairs; recall = repeat rows proposed with a right original /
// repeat rows (every row of a case but its first). `earliest` = right pairs that point at the
// case's first row (SPEC 3: the original, not another duplicate).
//
//   node bench/dup-quality.mjs [--rows 20000] [--repeats 0.2] [--seed 42] [--bin bin/xinfang.js]
//                              [--thresholds 0.4,0.5,0.55,0.6,0.65,0.7,0.8] [--dir /tmp/xinfang-dupq]

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' }, repeats: { type: 'string', default: '0.2' }, seed: { type: 'string', default: '42' },
    bin: { type: 'string', default: fileURLToPath(new URL('../bin/xinfang.js', import.meta.url)) },
    thresholds: { type: 'string', default: '0.4,0.5,0.55,0.6,0.65,0.7,0.8' }, dir: { type: 'string', default: '/tmp/xinfang-dupq' },
  },
});
const dir = values.dir;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const csv = join(dir, 'cases.csv'), labels = join(dir, 'labels.csv'), db = join(dir, 'registry.db');
const generator = fileURLToPath(new URL('./generate.mjs', import.meta.url));
execFileSync(process.execPath, [generator, '--rows', values.rows, '--repeats', values.repeats, '--seed', values.seed,
  '--hard-duplicates', '--out', csv, '--labels', labels], { stdio: ['ignore', 'ignore', 'inherit'] });

const env = { ...process.env, XINFANG_DB: db, XINFANG_KEY: 'b'.repeat(64), XINFANG_OPERATOR: 'bench', TZ: 'Asia/Shanghai' };
const xf = (...args) => execFileSync(process.execPath, [values.bin, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
xf('init');
xf('import', csv, '--quiet');

// Rows of the file by (organ, reference): the import keeps both as given.
function csvRecords(text) {
  const out = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); out.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); out.push(row); }
  return out;
}
const lineOf = new Map();
csvRecords(readFileSync(csv, 'utf8')).slice(1).forEach((r, i) => lineOf.set(`${r[1]}\u0000${r[0]}`, i + 1));
const items = JSON.parse(xf('list', '--json'));
const codeLine = new Map(items.map((it) => [it.code, lineOf.get(`${it.forwardedBy}\u0000${it.ref}`)]));

// Labelled cases: union of the labelled pairs; the first row of each case is its original.
const parent = new Map();
const find = (x) => { while (parent.has(x) && parent.get(x) !== x) x = parent.get(x); return x; };
const repeats = new Set();
for (const line of readFileSync(labels, 'utf8').trim().split('\n').slice(1)) {
  const [item, original] = line.split(',').map(Number);
  repeats.add(item);
  const [a, b] = [find(item), find(original)];
  if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
}

console.log(`dup-quality: ${values.rows} rows, ${repeats.size} repeat rows, seed ${values.seed}`);
console.log('| threshold | proposed | right | precision | recall | earliest | scan s |');
console.log('|---|---|---|---|---|---|---|');
for (const t of values.thresholds.split(',')) {
  const t0 = process.hrtime.bigint();
  const pairs = JSON.parse(xf('dup', 'scan', '--json', '--threshold', t, '--quiet'));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  let right = 0, earliest = 0;
  const found = new Set();
  for (const p of pairs) {
    const [x, o] = [codeLine.get(p.item), codeLine.get(p.original)];
    if (find(x) === find(o)) {
      right++;
      found.add(x);
      if (o === find(x)) earliest++;
    }
  }
  const recall = [...repeats].filter((r) => found.has(r)).length / repeats.size;
  console.log(`| ${t} | ${pairs.length} | ${right} | ${(right / Math.max(1, pairs.length)).toFixed(3)} | ${recall.toFixed(3)} | ${(earliest / Math.max(1, right)).toFixed(3)} | ${secs.toFixed(2)} |`);
}

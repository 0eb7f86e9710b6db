// A bench registry of N items with decisions on most of them, written directly by set-based SQL
// (a recursive CTE on SQLite, generate_series on PostgreSQL) into a registry `xinfang init` has
// just made. Shared by the benchmarks that need a large decided registry (bench/decisions.mjs;
// bench/report.mjs has the same generator).
//
// What it writes: N items received over 2015–2016 (ids 1..N; codes YEAR-NNNNNNN with the id as
// the sequence, so sequences are unique but not gap-free per year; received dates spread so that
// neighbours in id are ~20 days apart, or with `arrival` rising with the id, as items registered
// and imported in the order they arrive are) and about 2.2 events an item:
// 80% disposed (mostly initial verification), 5% duplicates, 5% out of scope or without substance,
// 10% never triaged; 40% assigned, 30% concluded (a tenth of those late), real-name items notified
// and some replied, 1% with a sanction. Items have no reporter block and no accused name. It
// bypasses the audit log (no entry per item or event, so `audit verify` fails on it): a bench
// registry, not a registry. Commands that append to the log still chain onto its last entry.

import { execFileSync } from 'node:child_process';

/**
 * The generator's SQL for `engine` ('sqlite' | 'postgres') and `n` items: one text, run in one
 * transaction by the engine's shell. `dateplus(col, days)`, the number series and the code's
 * padding differ per engine; everything else is shared. `arrival`: received dates rise with the
 * id (the table in received order, each kind's events in item order), instead of the default spread.
 */
export function generatorSql(engine, n, { arrival = false } = {}) {
  const N = n;
  const plus = (col, d) => (engine === 'sqlite' ? `date(${col}, '+${d} days')` : `to_char(cast(${col} as date) + ${d}, 'YYYY-MM-DD')`);
  const series = engine === 'sqlite'
    ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})`
    : `WITH n(i) AS (SELECT generate_series(1, ${N}))`;
  const day = arrival ? `((i - 1) * 731 / ${N})` : '((i * 7919) % 731)';
  const received = engine === 'sqlite'
    ? `date('2015-01-01', '+' || ${day} || ' days')`
    : `to_char(date '2015-01-01' + cast(${arrival ? `(cast(i - 1 as bigint) * 731 / ${N})` : '(cast(i as bigint) * 7919) % 731'} as integer), 'YYYY-MM-DD')`;
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

/**
 * Writes the bench data into the SQLite registry `db` (made beforehand by `xinfang init`) with the
 * `sqlite3` shell. The generator's own connection skips fsyncs; the registry keeps synchronous=FULL.
 */
export function generateSqlite(db, n, o = {}) {
  execFileSync('sqlite3', [db], {
    input: `PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; BEGIN; ${generatorSql('sqlite', n, o)} COMMIT; ANALYZE;`,
  });
}

/**
 * Writes the bench data into the PostgreSQL registry at `url` (made beforehand by `xinfang init`) with
 * `psql`, then VACUUM ANALYZE: the visibility map that index-only scans need, as autovacuum keeps it
 * on a registry in use.
 */
export function generatePostgres(url, n, o = {}) {
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], { input: `BEGIN; ${generatorSql('postgres', n, o)} COMMIT; VACUUM ANALYZE;` });
}

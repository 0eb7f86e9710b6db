// Import through the built binary: what needs a real process. Real GB18030 and UTF-8 BOM files,
// standard input through a pipe, files large enough for the parsing worker (which loads the built
// dist/ JavaScript, so it cannot start from the TypeScript sources in-process), and kill -9 in the
// middle of an import, on SQLite and, when XINFANG_TEST_PG names a server, on PostgreSQL.
// Every other import case runs in-process on every engine in test/cli/import.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PG_URL, testRegistries } from '../support/engines.js';
import { rawSql } from '../support/raw.js';
import { BIN, engineSandbox, sandbox, type Sandbox } from './cli.js';

const HEADER = '来文编号,转办机关,收件日期,信访形式,反映人,联系电话,身份证号,被反映人,被反映人单位,职级,问题类别,内容摘要,备注';
const ROWS = [
  '甘纪转〔2016〕1号,甘肃省纪委监委,2016-01-05,来信,王小明,13812345678,11010519491231002X,张三,某镇人民政府,乡科级,违反群众纪律,反映张三在低保评定中优亲厚友,',
  '甘纪转〔2016〕2号,甘肃省纪委监委,2016/2/3,来访,,,,李四,某县交通运输局,县处级,涉嫌职务违法,"反映李四违规发包工程,收受""好处费""\r\n第二点：公车私用",加急',
  '兰纪转〔2016〕7号,兰州市纪委监委,2016.3.9,网络举报,赵六,,,王五,某村委会,村(社区)干部,违反廉洁纪律,反映村支书侵占集体资金,',
  '兰纪转〔2016〕8号,兰州市纪委监委,2016年4月1日,来电,孙七,13900001111,,钱八,某乡卫生院,事业单位人员,违反工作纪律,反映卫生院院长吃空饷,',
];

function csv(rows: string[], header = HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}
function write(s: Sandbox, name: string, text: string, encoding: 'utf-8-bom' | 'utf-8' | 'gb18030' = 'utf-8'): string {
  const path = join(s.dir, name);
  const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text, 'utf8');
  writeFileSync(path, bytes);
  return path;
}
function items(s: Sandbox): Array<Record<string, any>> {
  return JSON.parse(s.run(['list', '--json']).stdout);
}

/** 45,000 forwarded rows in GB18030 (> 12 MB: the worker's size), one with a bad date on line 12,347. */
function largeForwarded(s: Sandbox): string {
  const rows: string[] = [];
  for (let i = 0; i < 45000; i++) {
    const date = i === 12345 ? '2016-13-01' : '2016-05-01';
    rows.push(`甘纪转〔2016〕${i + 100}号,甘肃省纪委监委,${date},来信,王${i},138${String(i).padStart(8, '0')},,张三,某镇,乡科级,违反群众纪律,"反映问题第${i}件,${'详细情况'.repeat(24)}",`);
  }
  const file = write(s, 'big.csv', csv(rows), 'gb18030');
  // Large enough for a worker thread, and for rebuilding the secondary indexes after the inserts.
  expect(readFileSync(file).length).toBeGreaterThan(50_000 * 250);
  return file;
}

/** The figures of importing `largeForwarded` into an empty registry: the same on every engine. */
function checkLargeImport(s: Sandbox, file: string): void {
  const all = s.run(['import', file, '--json']);
  expect(all.code).toBe(2);
  expect(all.stderr).toContain('第 12347 行，“收件日期”列：“2016-13-01”：日期不存在');
  expect(JSON.parse(all.stdout)).toMatchObject({ rows: 45000, rejected: 1, committed: false, encoding: 'gb18030' });
  expect(items(s)).toEqual([]);
  const rejects = join(s.dir, 'big.rejects.csv');
  const some = s.run(['import', file, '--skip-invalid', '--rejects', rejects, '--json']);
  expect(some.code).toBe(2);
  expect(JSON.parse(some.stdout)).toMatchObject({ rows: 45000, imported: 44999, rejected: 1, committed: true, lastCode: '2016-44999' });
  expect(readFileSync(rejects, 'utf8')).toContain('甘纪转〔2016〕12445号');
  const again = s.run(['import', file, '--skip-invalid', '--rejects', rejects, '--json']);
  expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, alreadyPresent: 44999, rejected: 1 });
  expect(JSON.parse(s.run(['list', '--reporter', '13800012444', '--reason', '核查', '--json']).stdout).map((i: { ref: string }) => i.ref)).toEqual(['甘纪转〔2016〕12544号']);
  expect(s.run(['audit', 'verify']).code).toBe(0);
}

const ITEM_INDEXES = ['items_forwarded_ref', 'items_received', 'items_reporter_id', 'items_reporter_phone'];

/** 60,000 small forwarded rows in UTF-8 (the worker's size too), for killing an import midway. */
function killable(s: Sandbox): string {
  const rows: string[] = [];
  for (let i = 0; i < 60000; i++) rows.push(`甘纪转〔2016〕${i + 100}号,甘肃省纪委监委,2016-05-01,来信,王${i},138${String(i).padStart(8, '0')},,张三,某镇,乡科级,违反群众纪律,反映问题第${i}件,`);
  return write(s, 'big.csv', csv(rows));
}

/** Starts `xinfang import FILE`, kills it with SIGKILL once `wellInto()` says so; resolves with its signal. */
async function killMidImport(s: Sandbox, file: string, wellInto: () => Promise<boolean> | boolean): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [BIN, 'import', file], { env: s.env, stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => { exited = true; });
  while (!exited) {
    if (await wellInto()) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  if (child.exitCode === null && child.signalCode === null) await new Promise((res) => child.on('exit', res));
  return child.signalCode;
}

describe('import through the binary (SQLite)', () => {
  let s: Sandbox;
  beforeEach(() => {
    s = sandbox();
    expect(s.run(['init']).code).toBe(0);
  });
  afterEach(() => s.cleanup());

  it.each(['gb18030', 'utf-8-bom'] as const)('imports a real %s file with quoted newlines and mixed dates', (enc) => {
    const file = write(s, 'forwarded.csv', csv(ROWS), enc);
    const r = s.run(['import', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      encoding: enc === 'gb18030' ? 'gb18030' : 'utf-8', rows: 4, imported: 4, alreadyPresent: 0, conflicts: 0, rejected: 0,
      unknownColumns: ['备注'], committed: true, firstCode: '2016-0001', lastCode: '2016-0004',
    });
    const list = items(s);
    expect(list.map((i) => i.received)).toEqual(['2016-01-05', '2016-02-03', '2016-03-09', '2016-04-01']);
    expect(list[1]).toMatchObject({ summary: '反映李四违规发包工程,收受"好处费"\r\n第二点：公车私用', accusedName: '李四', extra: { 备注: '加急' } });
    expect(list[0]).toMatchObject({ realName: true, reporterName: '王*' });
    expect(s.run(['reveal', '2016-0001', '--reason', '核对', '--json']).stdout).toContain('13812345678');
  });

  it('reads standard input through a pipe', () => {
    const r = s.run(['import', '-'], { input: iconv.encode(csv(ROWS), 'gb18030') });
    expect(r.code, r.stderr).toBe(0);
    expect(items(s)).toHaveLength(4);
  });

  it('a large file (parsed in a worker thread) is all or nothing too, and --skip-invalid keeps the valid rows', () => {
    checkLargeImport(s, largeForwarded(s));
    const raw = new Database(s.db);
    const indexes = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name").pluck().all();
    raw.close();
    expect(indexes).toEqual(expect.arrayContaining(ITEM_INDEXES));
  });

  it('a large file without reference numbers is matched by content, and stays fast', () => {
    const rows: string[] = [];
    for (let i = 0; i < 52000; i++) {
      rows.push(`甘肃省纪委监委,2016-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1},王${i},139${String(i).padStart(8, '0')},"反映问题第${i}件,${'具体情况'.repeat(20)}"`);
    }
    const file = write(s, 'noref.csv', csv(rows, '转办机关,收件日期,反映人,联系电话,内容摘要'));
    expect(readFileSync(file).length).toBeGreaterThan(50_000 * 250);
    const first = s.run(['import', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 52000, imported: 52000 });
    const again = s.run(['import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, alreadyPresent: 52000 });
  });

  it('a killed import leaves none of the file behind, and a sound registry', async () => {
    const file = killable(s);
    expect(s.run(['import', write(s, 'a.csv', csv(ROWS))]).code).toBe(0);
    // Kill it once it is well into the file: the registry's WAL grows as rows go in.
    const wal = `${s.db}-wal`;
    const signal = await killMidImport(s, file, () => existsSync(wal) && readFileSync(wal).length > 2_000_000);
    expect(signal).toBe('SIGKILL');
    expect(items(s).map((i) => i.code)).toEqual(['2016-0001', '2016-0002', '2016-0003', '2016-0004']);
    const raw = new Database(s.db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    expect(s.run(['audit', 'verify']).code).toBe(0);
  });
});

describe.runIf(PG_URL)('import through the binary (PostgreSQL)', () => {
  const postgres = testRegistries.find((r) => r.engine === 'postgres')!;
  let s: Awaited<ReturnType<typeof engineSandbox>>;
  beforeEach(async () => {
    s = await engineSandbox(postgres);
    const init = s.run(['init']);
    expect(init.code, init.stderr).toBe(0);
  });
  afterEach(async () => { await s.cleanupAsync(); });

  const raw = (text: string, params?: unknown[]) => rawSql('postgres', s.db, text, params);
  const count = async (table: string) => Number((await raw(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('the same large file (parsed in a worker thread) gives the same figures as on SQLite', async () => {
    checkLargeImport(s, largeForwarded(s));
    const indexes = await raw("SELECT indexname FROM pg_indexes WHERE tablename = 'items'");
    expect(indexes.map((r) => r.indexname)).toEqual(expect.arrayContaining(ITEM_INDEXES));
  });

  it('a killed import leaves none of the file behind, and a sound registry', async () => {
    const file = killable(s);
    expect(s.run(['import', write(s, 'a.csv', csv(ROWS))]).code).toBe(0);
    const before = { intakes: await count('intakes'), blocks: await count('reporter_blocks'), audit: await count('audit') };
    const database = new URL(s.db).pathname.slice(1);
    // Kill it once its transaction has written for a while: a backend of this database holds a
    // transaction id (it has written rows) and has been in that transaction for over half a second.
    const signal = await killMidImport(s, file, async () => (await rawSql('postgres', PG_URL!,
      "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL AND xact_start < now() - interval '500 milliseconds'",
      [database])).length > 0);
    expect(signal).toBe('SIGKILL');
    // The server notices the closed connection and rolls the transaction back; wait for that.
    for (let waited = 0; waited < 10_000; waited += 50) {
      const open = await rawSql('postgres', PG_URL!, 'SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL', [database]);
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(items(s).map((i) => i.code)).toEqual(['2016-0001', '2016-0002', '2016-0003', '2016-0004']);
    expect(await count('items')).toBe(4);
    expect({ intakes: await count('intakes'), blocks: await count('reporter_blocks'), audit: await count('audit') }).toEqual(before);
    // No advisory (write) lock is left held, so the next clerk can write at once.
    expect(await rawSql('postgres', PG_URL!, "SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1", [database])).toEqual([]);
    expect(s.run(['audit', 'verify']).code).toBe(0);
    expect(JSON.parse(s.run(['import', write(s, 'a.csv', csv(ROWS)), '--json']).stdout)).toMatchObject({ imported: 0, alreadyPresent: 4 });
  });
});

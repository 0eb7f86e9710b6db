import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../src/domain/item.js';
import { hash32, Int53Set, NumbersByHash } from '../../src/store/hash-tables.js';
import { packItem, PACKED_WIDTH, type PackedValue } from '../../src/store/bulk.js';
import { contentText } from '../../src/domain/identity.js';
import { Registry } from '../../src/store/registry.js';
import { Vault } from '../../src/store/vault.js';
import { testRegistries } from '../support/engines.js';

const vault = new Vault(Buffer.alloc(32, 3));

function draft(over: Partial<ItemDraft>): ItemDraft {
  return {
    received: '2016-05-01', source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', channel: 'letter', kind: 'accusation',
    summary: '反映某乡干部违规收受礼金', reporter: {}, realName: false, extra: {}, ...over,
  };
}

function pack(drafts: ItemDraft[]): PackedValue[] {
  const out: PackedValue[] = [];
  drafts.forEach((d, i) => packItem(out, i + 2, d, vault.digest(contentText(d)), vault.reporterHashes(d.reporter), vault.rowDigester()));
  return out;
}

// Earlier items, then a file that repeats some of them and itself: every identity case.
const EARLIER = [
  draft({ ref: 'A1', reporter: { name: '王芳', phone: '13800000001' } }),
  draft({ ref: undefined, forwardedBy: undefined, source: 'own', summary: '无编号的旧件' }),
  draft({ ref: '信-7', forwardedBy: undefined, source: 'own', summary: '本室编号的旧件' }),
];
const FILE = [
  draft({ ref: 'A1', reporter: { name: '王芳', phone: '13800000001' } }), // same as earlier
  draft({ ref: 'A1', summary: '内容不同' }), // conflict with earlier
  draft({ ref: 'B1', reporter: { name: '李四', idNumber: '11010519491231002X' } }), // new
  draft({ ref: 'B1', reporter: { name: '李四', idNumber: '11010519491231002X' } }), // same as the row above
  draft({ ref: 'B1', summary: '又一个内容' }), // conflict with the row above
  draft({ ref: undefined, forwardedBy: undefined, source: 'own', summary: '无编号的旧件' }), // same as earlier
  draft({ ref: undefined, forwardedBy: undefined, source: 'own', summary: '无编号的新件' }), // new
  draft({ ref: undefined, forwardedBy: undefined, source: 'own', summary: '无编号的新件' }), // same as the row above
  draft({ ref: 'C1', forwardedBy: '兰州市纪委监委', reporter: { phone: '13800000001' } }), // new, shares a phone with earlier
  draft({ ref: 'C2', received: '2017-01-02', reporter: { idNumber: '11010519491231002X' } }), // new, shares an ID within the file
  draft({ ref: '信-7', forwardedBy: undefined, source: 'own', summary: '本室编号的旧件' }), // same as earlier
  draft({ ref: '信-8', forwardedBy: undefined, source: 'own', summary: '本室编号的新件' }), // new
  draft({ ref: '信-8', forwardedBy: undefined, source: 'own', summary: '本室编号的新件' }), // same as the row above
  draft({ ref: '信-8', forwardedBy: undefined, source: 'own', summary: '同一编号，另一内容' }), // new: no organ, no conflict
];

const STATES = ['same', 'conflict', 'new', 'same', 'conflict', 'same', 'new', 'same', 'new', 'new', 'same', 'new', 'same', 'new'];
const CODES = ['2016-0001', '2016-0001', '2016-0004', '2016-0004', '2016-0004', '2016-0002', '2016-0005', '2016-0005', '2016-0006', '2017-0001', '2016-0003', '2016-0007', '2016-0007', '2016-0008'];

describe.each(testRegistries)('bulk writer on $engine', (engine) => {
  let dir: string;
  const made: string[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xinfang-bulk-')); });
  afterEach(async () => {
    for (const location of made.splice(0)) await engine.drop(location);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Imports each file in its own transaction, `perBatch` packed rows at a time. */
  async function run(name: string, files: ItemDraft[][], expectedRows: number[], perBatch = 1000) {
    const location = await engine.create(join(dir, name));
    made.push(location);
    const registry = await Registry.open(location, { create: true });
    await registry.migrate();
    const results = [];
    for (const [i, drafts] of files.entries()) {
      results.push(await registry.write(async (trx) => {
        const w = await registry.bulkWriter(trx, vault, { at: '2016-06-01T00:00:00Z', operator: 't', via: 'import' }, { expectedRows: expectedRows[i] });
        const p = pack(drafts);
        const outcomes = [];
        for (let at = 0; at < p.length; at += perBatch * PACKED_WIDTH) outcomes.push(...await w.addBatch(p.slice(at, at + perBatch * PACKED_WIDTH)));
        await w.finish();
        return { outcomes, shared: await w.countSharedReporters(), range: w.range() };
      }));
    }
    const items = await registry.db.selectFrom('items').select(['code', 'forwarded_by', 'ref', 'reporter_block', 'fingerprint']).orderBy('id').execute();
    const blocks = await registry.db.selectFrom('reporter_blocks').select(['id', 'data']).orderBy('id').execute();
    const opened = blocks.map((b) => [...vault.openBlock(Number(b.id), Buffer.from(b.data)).keys()]);
    const indexNames = engine.engine === 'postgres'
      ? (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY indexname`.execute(registry.db)).rows.map((r) => r.indexname)
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name`.execute(registry.db)).rows.map((r) => r.name);
    await registry.close();
    return { indexes: indexNames, results, items: items.map((r) => ({ ...r, reporter_block: r.reporter_block === null ? null : Number(r.reporter_block), fingerprint: Number(r.fingerprint) })), opened };
  }

  it('finds every identity case: earlier items, repeats within the file, conflicts; in one batch or many', async () => {
    const one = await run('one', [EARLIER, FILE], [0, 0]);
    expect(one.results[1]!.outcomes.map((o) => o.state)).toEqual(STATES);
    expect(one.results[1]!.outcomes.map((o) => o.code)).toEqual(CODES);
    expect(one.results[1]!.outcomes.map((o) => o.line)).toEqual(FILE.map((_, i) => i + 2));
    expect(one.results[1]!.shared).toBe(2);
    // Every reporter block opens and holds exactly the items that point at it.
    const inBlocks = one.opened.flat().sort();
    expect(inBlocks).toEqual(one.items.filter((r) => r.reporter_block !== null).map((r) => r.code).sort());
    for (const perBatch of [1, 3]) {
      const split = await run(`split${perBatch}`, [EARLIER, FILE], [0, 0], perBatch);
      expect(split.results).toEqual(one.results);
      expect(split.items).toEqual(one.items);
    }
  });

  it('an import into an empty registry finds repeats within the file', async () => {
    const { results } = await run('empty', [FILE], [0]);
    expect(results[0]!.outcomes.map((o) => o.state)).toEqual(['new', 'conflict', 'new', 'same', 'conflict', 'new', 'new', 'same', 'new', 'new', 'new', 'new', 'same', 'new']);
    expect(results[0]!.shared).toBe(2);
    expect(results[0]!.range).toEqual({ firstId: 1, lastId: 9 });
  });

  it('a large import (indexes deferred and rebuilt) finds what a small one finds', async () => {
    for (const earlierLarge of [0, 1_000_000]) {
      const small = await run(`small${earlierLarge}`, [EARLIER, FILE], [0, 0], 3);
      const large = await run(`large${earlierLarge}`, [EARLIER, FILE], [earlierLarge, 1_000_000], 3);
      expect(large.results).toEqual(small.results);
      expect(large.items).toEqual(small.items);
      expect(large.indexes).toEqual(small.indexes);
    }
  });

  if (engine.engine === 'sqlite') {
    it('a large import leaves every index and foreign key as a small one does', async () => {      await run('indexes', [EARLIER, FILE], [0, 1_000_000]);
      const { default: Database } = await import('better-sqlite3');
      const raw = new Database(join(dir, 'indexes', 'registry.db'), { readonly: true });
      const indexes = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name").pluck().all();
      const fk = raw.prepare('PRAGMA foreign_key_check').all();
      raw.close();
      expect(indexes).toEqual(expect.arrayContaining(['items_content', 'items_forwarded_ref', 'items_received', 'items_reporter_id', 'items_reporter_phone', 'sqlite_autoindex_items_1']));
      expect(fk).toEqual([]);
    });

    it('a large import into an empty registry finds repeats within the file without the lookup index', async () => {
      const { results } = await run('emptylarge', [FILE], [1_000_000]);
      expect(results[0]!.outcomes.map((o) => o.state)).toEqual(['new', 'conflict', 'new', 'same', 'conflict', 'new', 'new', 'same', 'new', 'new', 'new', 'new', 'same', 'new']);
      expect(results[0]!.shared).toBe(2);
    });
  }
});

describe('hash tables', () => {
  it('NumbersByHash returns only values its caller accepts, across collisions and growth', () => {
    const t = new NumbersByHash();
    for (let i = 0; i < 5000; i++) t.add(i % 7, i); // seven hashes, long probe chains
    expect(t.find(3, (v) => v === 4999 - ((4999 - 3) % 7))).toBe(4999 - ((4999 - 3) % 7));
    expect(t.find(3, (v) => v % 7 !== 3)).toBeUndefined();
    expect(t.find(8, () => true)).toBeUndefined();
    t.add(-5, 0);
    expect(t.find(-5, () => true)).toBe(0);
  });

  it('Int53Set holds integers up to 2^53 - 1, zero included', () => {
    const s = new Int53Set();
    const values = [0, 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1];
    for (let i = 0; i < 3000; i++) values.push(i * 2 ** 33);
    for (const v of values) s.add(v);
    for (const v of values) expect(s.has(v)).toBe(true);
    expect(s.has(3)).toBe(false);
    expect(s.has(2 ** 53 - 2)).toBe(false);
  });

  it('hash32 spreads keys that differ in one digit over the low bits', () => {
    const slots = new Set<number>();
    for (let i = 0; i < 1000; i++) slots.add(hash32(`甘肃省纪委监委\u0000甘纪转〔2016〕${i}号`) & 1023);
    expect(slots.size).toBeGreaterThan(600); // ~638 expected of random hashes; FNV-1a alone gives 566
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../src/domain/item.js';
import { hash32, Int53Set, NumbersByHash } from '../../src/store/hash-tables.js';
import { AT, packItem, PACKED_WIDTH, sqliteBulkWriter, type PackedValue } from '../../src/store/bulk.js';
import { fingerprintText } from '../../src/store/items.js';
import { Registry } from '../../src/store/registry.js';
import { Vault } from '../../src/store/vault.js';

const vault = new Vault(Buffer.alloc(32, 3));

function draft(over: Partial<ItemDraft>): ItemDraft {
  return {
    received: '2016-05-01', source: 'superior-forwarded', forwardedBy: '甘肃省纪委监委', channel: 'letter', kind: 'accusation',
    summary: '反映某乡干部违规收受礼金', reporter: {}, realName: false, extra: {}, ...over,
  };
}

function pack(drafts: ItemDraft[]): PackedValue[] {
  const out: PackedValue[] = [];
  drafts.forEach((d, i) => packItem(out, i + 2, d, vault.digest(fingerprintText(d)), vault.reporterHashes(d.reporter)));
  return out;
}

// Earlier items, then a file that repeats some of them and itself: every identity case.
const EARLIER = [
  draft({ ref: 'A1', reporter: { name: '王芳', phone: '13800000001' } }),
  draft({ ref: undefined, forwardedBy: undefined, source: 'letters-visits', summary: '无编号的旧件' }),
  draft({ ref: '信-7', forwardedBy: undefined, source: 'letters-visits', summary: '本室编号的旧件' }),
];
const FILE = [
  draft({ ref: 'A1', reporter: { name: '王芳', phone: '13800000001' } }), // same as earlier
  draft({ ref: 'A1', summary: '内容不同' }), // conflict with earlier
  draft({ ref: 'B1', reporter: { name: '李四', idNumber: '11010519491231002X' } }), // new
  draft({ ref: 'B1', reporter: { name: '李四', idNumber: '11010519491231002X' } }), // same as the row above
  draft({ ref: 'B1', summary: '又一个内容' }), // conflict with the row above
  draft({ ref: undefined, forwardedBy: undefined, source: 'letters-visits', summary: '无编号的旧件' }), // same as earlier
  draft({ ref: undefined, forwardedBy: undefined, source: 'letters-visits', summary: '无编号的新件' }), // new
  draft({ ref: undefined, forwardedBy: undefined, source: 'letters-visits', summary: '无编号的新件' }), // same as the row above
  draft({ ref: 'C1', forwardedBy: '兰州市纪委监委', reporter: { phone: '13800000001' } }), // new, shares a phone with earlier
  draft({ ref: 'C2', received: '2017-01-02', reporter: { idNumber: '11010519491231002X' } }), // new, shares an ID within the file
  draft({ ref: '信-7', forwardedBy: undefined, source: 'letters-visits', summary: '本室编号的旧件' }), // same as earlier
  draft({ ref: '信-8', forwardedBy: undefined, source: 'letters-visits', summary: '本室编号的新件' }), // new
  draft({ ref: '信-8', forwardedBy: undefined, source: 'letters-visits', summary: '本室编号的新件' }), // same as the row above
  draft({ ref: '信-8', forwardedBy: undefined, source: 'letters-visits', summary: '同一编号，另一内容' }), // new: no organ, no conflict
];

describe('bulk writer', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xinfang-bulk-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(name: string, batches: ItemDraft[][], expectedRows: number[]) {
    const registry = await Registry.openSqlite(join(dir, `${name}.db`), { create: true });
    await registry.migrate();
    const results = [];
    for (const [i, drafts] of batches.entries()) {
      results.push(await registry.write(async () => {
        const w = sqliteBulkWriter(registry, vault, { at: '2016-06-01T00:00:00Z', operator: 't', via: 'import' }, { expectedRows: expectedRows[i] });
        const p = pack(drafts);
        const outcomes = [];
        for (let at = 0; at < p.length; at += PACKED_WIDTH) outcomes.push({ line: p[at + AT.line], ...w.add(p, at) });
        w.finish();
        return { outcomes, shared: w.countSharedReporters(), range: w.range() };
      }));
    }
    const raw = registry.sqlite!;
    const items = raw.prepare('SELECT code, forwarded_by, ref, reporter_block, fingerprint FROM items ORDER BY id').all();
    const indexes = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name").pluck().all();
    const fk = raw.prepare('PRAGMA foreign_key_check').all();
    await registry.close();
    return { results, items, indexes, fk };
  }

  it('a large import (indexes deferred, counts in memory) finds what a small one finds', async () => {
    for (const earlierLarge of [0, 1_000_000]) {
      const small = await run('small', [EARLIER, FILE], [0, 0]);
      const large = await run('large', [EARLIER, FILE], [earlierLarge, 1_000_000]);
      expect(large.results).toEqual(small.results);
      expect(large.items).toEqual(small.items);
      expect(large.indexes).toEqual(small.indexes);
      expect(large.fk).toEqual([]);
      rmSync(join(dir, 'small.db'));
      rmSync(join(dir, 'large.db'));
      for (const f of ['small.db-wal', 'small.db-shm', 'large.db-wal', 'large.db-shm']) rmSync(join(dir, f), { force: true });
    }
    const { results, indexes } = await run('check', [EARLIER, FILE], [0, 1_000_000]);
    expect(results[1]!.outcomes.map((o) => o.state)).toEqual(['same', 'conflict', 'new', 'same', 'conflict', 'same', 'new', 'same', 'new', 'new', 'same', 'new', 'same', 'new']);
    expect(results[1]!.outcomes.map((o) => o.code)).toEqual(['2016-0001', '2016-0001', '2016-0004', '2016-0004', '2016-0004', '2016-0002', '2016-0005', '2016-0005', '2016-0006', '2017-0001', '2016-0003', '2016-0007', '2016-0007', '2016-0008']);
    expect(results[1]!.shared).toBe(2);
    expect(indexes).toEqual(['items_content', 'items_forwarded_ref', 'items_received', 'items_reporter_id', 'items_reporter_phone', 'sqlite_autoindex_items_1']);
  });

  it('a large import into an empty registry finds repeats within the file without the lookup index', async () => {
    const { results } = await run('empty', [FILE], [1_000_000]);
    expect(results[0]!.outcomes.map((o) => o.state)).toEqual(['new', 'conflict', 'new', 'same', 'conflict', 'new', 'new', 'same', 'new', 'new', 'new', 'new', 'same', 'new']);
    expect(results[0]!.shared).toBe(2);
    expect(results[0]!.range).toEqual({ firstId: 1, lastId: 9 });
  });
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

// Row digests (domain/row-digest.ts): sums mod 2^64, the two halves of an item's digest agreeing
// with the digest of the row as read, and the ledger's owners, amendments and unrecorded rows.
import { describe, expect, it } from 'vitest';
import { DigestSum, ITEM_CONTENT_COLUMNS, RowDigester, RowLedger, type Digest64 } from '../../src/domain/row-digest.js';

const digester = new RowDigester('ab'.repeat(32));

describe('DigestSum', () => {
  it('adds and subtracts mod 2^64, carrying between the halves', () => {
    const big: Digest64 = [0xffffffff, 0xffffffff];
    const s = new DigestSum().add(big).add([0, 1]);
    expect(s.hex()).toBe('0000000000000000');
    expect(new DigestSum().add([0, 0xffffffff]).add([0, 1]).hex()).toBe('0000000100000000');
    expect(new DigestSum().add([5, 7]).subtract([5, 7]).hex()).toBe('0000000000000000');
    expect(new DigestSum().subtract([0, 1]).hex()).toBe('ffffffffffffffff');
    expect(new DigestSum().add([1, 0]).subtract([0, 1]).hex()).toBe('00000000ffffffff');
    expect(DigestSum.parse('00000001ffffffff')!.equals(new DigestSum().add([1, 0xffffffff]))).toBe(true);
    expect(DigestSum.parse('xyz')).toBeUndefined();
  });
});

describe('RowDigester', () => {
  const row: Record<string, unknown> = {
    id: 7, code: '2016-0007', year: 2016, seq: 7, reporter_block: null, intake_id: 3,
    fingerprint: 123456789, reporter_name_hash: null, reporter_id_hash: 42, reporter_phone_hash: null, received: '2016-03-01',
    source: 'superior', forwarded_by: '甘肃省纪委监委', ref: '甘纪转〔2016〕1号', channel: 'letter', kind: 'accusation', category: null,
    summary: '反映李四吃拿卡要', real_name: 1, accused_name: '李四', accused_unit: null, accused_post: null, accused_rank: null, extra: null,
    ref_key: '甘肃省纪委监委\u0000甘纪转〔2016〕1号',
  };

  it('the content half made where rows are parsed, then the writer\'s half, equals the row as read', () => {
    const values = ITEM_CONTENT_COLUMNS.map((c) => row[c]);
    const content = digester.itemContent(values, 0, values.map((_, i) => i));
    expect(digester.item(content, 7, '2016-0007', 2016, 7, null, 3)).toEqual(digester.tableRow('items', row));
    // PostgreSQL returns bigint columns as text: the same digest.
    expect(digester.tableRow('items', { ...row, fingerprint: '123456789', reporter_id_hash: '42' })).toEqual(digester.tableRow('items', row));
  });

  it('every column counts, null differs from empty text, and the key matters', () => {
    const base = digester.tableRow('items', row);
    for (const c of Object.keys(row)) {
      const changed = { ...row, [c]: row[c] === null ? '' : typeof row[c] === 'number' ? Number(row[c]) + 1 : `${row[c]}x` };
      expect(digester.tableRow('items', changed), c).not.toEqual(base);
    }
    expect(new RowDigester('cd'.repeat(32)).tableRow('items', row)).not.toEqual(base);
  });
});

describe('RowLedger', () => {
  const d = (n: number): Digest64 => [0, n];
  const entry = (seq: number, details: unknown, action = 'import') => ({ seq, action, itemCode: null, details: JSON.stringify(details) });

  it('finds the entry whose rows differ, follows amendments, and reports rows nobody wrote', () => {
    const ledger = new RowLedger();
    ledger.entry(entry(1, { wrote: { items: [[1, 3]], digest: DigestSum.of(d(1)).add(d(2)).add(d(3)).hex() }, firstCode: '2016-0001', lastCode: '2016-0003' }));
    ledger.entry(entry(2, { wrote: { events: [[1, 1]], digest: DigestSum.of(d(10)).hex() }, replaced: { item: 2, from: '0000000000000002', to: '0000000000000005' } }, 'amend'));
    ledger.row('items', 1, d(1));
    ledger.row('items', 2, d(5));
    ledger.row('items', 3, d(3));
    ledger.row('items', 4, d(4), '2016-0004');
    ledger.row('events', 1, d(11));
    expect(ledger.faults()).toEqual([
      { problem: 'rows-differ', seq: 2, action: 'amend', itemCodes: [] },
      { problem: 'unrecorded', table: 'items', count: 1, rows: ['2016-0004'] },
    ]);
  });

  it('a baseline takes the rows no entry owns, in runs of consecutive ids', () => {
    const ledger = new RowLedger();
    ledger.entry(entry(1, { wrote: { items: [[3, 3]], digest: DigestSum.of(d(3)).hex() } }, 'register'));
    for (const id of [1, 2, 3, 4, 6]) ledger.baselineRow('items', id, d(id));
    const base = ledger.unownedRows();
    expect(base.ranges).toEqual({ items: [[1, 2], [4, 4], [6, 6]] });
    expect(base.digest.hex()).toBe(DigestSum.of(d(13)).hex());
  });
});

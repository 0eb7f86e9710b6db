import { describe, it, expect } from 'vitest';
import { chainEntry, entryHash, legacyEntryHash, ChainVerifier, GENESIS_HASH, formatHead, parseHead, type AuditEntry, type AuditFields } from '../../src/domain/audit.js';

const KEY = Buffer.alloc(32, 7);

function fields(seq: number): AuditFields {
  return {
    seq,
    at: `2016-06-21T08:0${seq % 10}:00.000Z`,
    operator: seq % 2 ? 'clerk1' : 'clerk2',
    osUser: 'wang',
    action: seq === 1 ? 'init' : 'register',
    itemCode: seq === 1 ? null : `2016-${String(seq).padStart(4, '0')}`,
    effective: seq === 1 ? null : '2016-06-21',
    details: JSON.stringify({ n: seq }),
  };
}

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = chainEntry(fields(seq), prev, KEY);
    out.push(e);
    prev = e.hash;
  }
  return out;
}

/** Runs a verifier over the entries; the first fault, or the finish() verdict. */
function verify(entries: AuditEntry[], head?: { seq: number; hash: string }) {
  const v = new ChainVerifier(KEY);
  for (const e of entries) {
    const fault = v.check(e);
    if (fault) return { fault, count: v.count };
  }
  return { fault: v.finish(head), count: v.count };
}

const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('chainEntry', () => {
  it('links each entry to the previous hash, starting from the genesis hash', () => {
    const c = chain(3);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(c[2]!.prevHash).toBe(c[1]!.hash);
    expect(c[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(c.map((e) => e.hash)).size).toBe(3);
  });

  it('the hash depends on every field and on the previous hash', () => {
    const base = fields(2);
    const h = entryHash(base, GENESIS_HASH, KEY);
    expect(entryHash({ ...base }, GENESIS_HASH, KEY)).toBe(h);
    const variants: AuditFields[] = [
      { ...base, seq: 3 }, { ...base, at: base.at + 'x' }, { ...base, operator: 'x' }, { ...base, action: 'x' },
      { ...base, itemCode: null }, { ...base, itemCode: '' }, { ...base, osUser: 'li' }, { ...base, osUser: null }, { ...base, effective: null }, { ...base, details: '{}' },
    ];
    for (const v of variants) expect(entryHash(v, GENESIS_HASH, KEY)).not.toBe(h);
    expect(entryHash(base, 'f'.repeat(64), KEY)).not.toBe(h);
  });

  it('no two different splits of the same text hash alike', () => {
    const a = { ...fields(2), operator: 'ab', action: 'c' };
    const b = { ...fields(2), operator: 'a', action: 'bc' };
    expect(entryHash(a, GENESIS_HASH, KEY)).not.toBe(entryHash(b, GENESIS_HASH, KEY));
  });
});

describe('ChainVerifier', () => {
  it('a good chain verifies, with and without a head', () => {
    const c = chain(6);
    expect(verify(c)).toEqual({ fault: undefined, count: 6 });
    expect(verify(c, headOf(c))).toEqual({ fault: undefined, count: 6 });
  });

  it('an empty log with an empty head verifies', () => {
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ fault: undefined, count: 0 });
    expect(verify([])).toEqual({ fault: undefined, count: 0 });
  });

  for (const k of [1, 3, 6]) {
    it(`altering a field of entry ${k} reports ${k} altered`, () => {
      for (const change of [{ operator: 'mallory' }, { details: '{"n":999}' }, { effective: '2016-01-01' }, { at: '2016-06-22T00:00:00.000Z' }]) {
        const c = chain(6);
        c[k - 1] = { ...c[k - 1]!, ...change };
        expect(verify(c, headOf(chain(6))).fault).toEqual({ seq: k, problem: 'altered' });
      }
    });

    it(`changing the prevHash of entry ${k} reports ${k} relinked`, () => {
      const c = chain(6);
      c[k - 1] = { ...c[k - 1]!, prevHash: 'a'.repeat(64) };
      expect(verify(c).fault).toEqual({ seq: k, problem: 'relinked' });
    });
  }

  it('an entry altered and re-hashed breaks the next link', () => {
    const c = chain(5);
    c[2] = chainEntry({ ...fields(3), operator: 'mallory' }, c[2]!.prevHash, KEY);
    expect(verify(c).fault).toEqual({ seq: 4, problem: 'relinked' });
  });

  for (const k of [1, 3, 5]) {
    it(`removing entry ${k} reports it missing`, () => {
      const c = chain(6);
      c.splice(k - 1, 1);
      expect(verify(c).fault).toEqual({ seq: k + 1, problem: 'missing', expectedSeq: k });
    });
  }

  it('finish() with a head beyond the last entry reports truncated at the first absent seq', () => {
    const full = chain(6);
    const cut = full.slice(0, 4);
    expect(verify(cut, headOf(full))).toEqual({ fault: { seq: 5, problem: 'truncated' }, count: 4 });
    expect(verify([], headOf(full)).fault).toEqual({ seq: 1, problem: 'truncated' });
  });

  it('finish() notices a last entry replaced by another with the same seq', () => {
    const full = chain(4);
    const forged = [...full.slice(0, 3), chainEntry({ ...fields(4), details: 'forged' }, full[2]!.hash, KEY)];
    expect(verify(forged).fault).toBeUndefined();
    expect(verify(forged, headOf(full)).fault).toEqual({ seq: 4, problem: 'truncated' });
  });

  it('stops at the first fault and counts only the good entries before it', () => {
    const c = chain(6);
    c[1] = { ...c[1]!, operator: 'x' };
    c[4] = { ...c[4]!, operator: 'y' };
    expect(verify(c)).toEqual({ fault: { seq: 2, problem: 'altered' }, count: 1 });
  });
});

describe('the keyed chain', () => {
  it('cannot be recomputed without the key: an entry altered and the chain re-hashed under another key is found altered', () => {
    const c = chain(4);
    const other = Buffer.alloc(32, 8);
    let prev = GENESIS_HASH;
    const forged = c.map((e, i) => {
      const f = chainEntry({ ...e, operator: i === 1 ? 'mallory' : e.operator }, prev, other);
      prev = f.hash;
      return f;
    });
    expect(verify(forged).fault).toEqual({ seq: 1, problem: 'altered' });
  });

  it('nor with the old unkeyed hash, which the upgrade alone reads', () => {
    const e = fields(1);
    const legacy = { ...e, prevHash: GENESIS_HASH, hash: legacyEntryHash(e, GENESIS_HASH) };
    expect(verify([legacy]).fault).toEqual({ seq: 1, problem: 'altered' });
    const v = new ChainVerifier(undefined);
    expect(v.check(legacy)).toBeUndefined();
  });

  it('prints and reads its head as SEQ:HASH', () => {
    const c = chain(3);
    const v = new ChainVerifier(KEY);
    for (const e of c) v.check(e);
    const text = formatHead(v.head());
    expect(text).toBe(`3:${c[2]!.hash}`);
    expect(parseHead(text)).toEqual({ seq: 3, hash: c[2]!.hash });
    expect(parseHead(' 3:' + c[2]!.hash.toUpperCase() + '\n')).toEqual({ seq: 3, hash: c[2]!.hash });
    for (const bad of ['3', '3:abc', 'x:' + c[2]!.hash, '3:' + c[2]!.hash + 'ff']) expect(parseHead(bad)).toBeUndefined();
  });
});

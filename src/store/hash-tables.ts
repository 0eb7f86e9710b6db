// Compact in-memory hash tables for the bulk import, in typed arrays: a million keys in a JavaScript
// Map of strings would cost over 100 MB, against the 300 MB a whole import may use (SPEC 9).

/**
 * FNV-1a over the UTF-16 code units of a string, then MurmurHash3's finaliser: FNV's low bits,
 * which pick the slot, depend only on the low bits of the input and cluster for keys such as
 * 甘纪转〔2016〕12号 and 甘纪转〔2016〕21号. Fast, well spread, not secret.
 */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Tables grow past this load: linear probing stays short, and a million keys take 2^21 slots. */
const MAX_LOAD = 0.7;

function capacityFor(n: number): number {
  let c = 1024;
  while (c * MAX_LOAD < n) c *= 2;
  return c;
}

/**
 * Non-negative integers (row numbers) under 32-bit hashes of their keys, with linear probing. The
 * table keeps only hashes, so a caller confirms each candidate against the real key.
 */
export class NumbersByHash {
  private hashes: Int32Array;
  // value + 1, so that 0 marks an empty slot.
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected = 0) {
    const cap = capacityFor(expected);
    this.hashes = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The first value stored under `hash` that `accept` takes, or undefined. */
  find(hash: number, accept: (value: number) => boolean): number | undefined {
    for (let i = hash & this.mask; this.values[i] !== 0; i = (i + 1) & this.mask) {
      if (this.hashes[i] === hash && accept(this.values[i]! - 1)) return this.values[i]! - 1;
    }
    return undefined;
  }

  add(hash: number, value: number): void {
    if (this.size + 1 > this.hashes.length * MAX_LOAD) this.grow();
    let i = hash & this.mask;
    while (this.values[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = hash;
    this.values[i] = value + 1;
    this.size++;
  }

  private grow(): void {
    const { hashes, values } = this;
    const cap = hashes.length * 2;
    this.hashes = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) this.add(hashes[i]!, values[i]! - 1);
  }
}

/** A set of non-negative integers below 2^53 (the registry's keyed hashes). */
export class Int53Set {
  // Each slot holds value + 1, so that 0 marks an empty slot.
  private slots: Float64Array;
  private mask: number;
  private size = 0;

  constructor(expected = 0) {
    const cap = capacityFor(expected);
    this.slots = new Float64Array(cap);
    this.mask = cap - 1;
  }

  has(v: number): boolean {
    for (let i = (v >>> 0) & this.mask; this.slots[i] !== 0; i = (i + 1) & this.mask) {
      if (this.slots[i] === v + 1) return true;
    }
    return false;
  }

  add(v: number): void {
    if (this.size + 1 > this.slots.length * MAX_LOAD) this.grow();
    let i = (v >>> 0) & this.mask;
    for (; this.slots[i] !== 0; i = (i + 1) & this.mask) if (this.slots[i] === v + 1) return;
    this.slots[i] = v + 1;
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = this.slots.length - 1;
    this.size = 0;
    for (const s of old) if (s !== 0) this.add(s - 1);
  }
}

// Duplicate similarity for Chinese petitions (SPEC 3, 6 `dup scan`, 7; issue 10): what two items
// have in common, as evidence that one is the other sent again — the same accused person, the
// same unit once written forms are folded, the same reporter (by keyed hash, never in clear), and
// a similar summary. Pure functions over strings and typed arrays; no I/O.
//
// The summary's similarity is estimated with MinHash over character bigrams (Chinese has no
// spaces: bigrams of Han characters are the usual unit, and survive synonym swaps, reordered
// sentences and punctuation changes better than whole words). One-permutation hashing fills
// SIGNATURE_SIZE bins in one pass over the text (a million summaries sign in about a second), and
// LSH banding turns a signature into BANDS bucket keys, so that similar summaries meet in a bucket
// without comparing all pairs. No npm package fits: `minhash` 0.0.9 loses precision above 2^53
// and rehashes per permutation (NOTES.md); nothing else on the registry list is maintained.

/** A reason two items may be duplicates: a stable code (JSON), with its labels. */
export const DUP_REASONS = [
  { code: 'same-accused', zh: '被反映人相同', en: 'same accused' },
  { code: 'same-unit', zh: '单位相同', en: 'same unit' },
  { code: 'same-reporter', zh: '反映人相同', en: 'same reporter' },
  { code: 'similar-summary', zh: '内容相似', en: 'similar summary' },
] as const;
export type DupReason = (typeof DUP_REASONS)[number]['code'];

/** The label of a reason in a language; the codes in REASON order. */
export function reasonLabel(code: DupReason, lang: 'zh' | 'en'): string {
  return DUP_REASONS.find((r) => r.code === code)![lang];
}

// --- hashing ------------------------------------------------------------------------------------

/** MurmurHash3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, finalised): deterministic, not secret. */
export function hashText(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

// --- folding ------------------------------------------------------------------------------------

/** Everything that is not a letter or a digit in any script: punctuation, symbols, spaces. */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Text as compared for similarity: NFKC (full-width letters, digits and punctuation as ASCII),
 * lower case, and only letters and digits kept — punctuation, quotes, spaces and line ends carry no
 * meaning here (a re-typed complaint changes them freely).
 */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(NOT_WORD, '');
}

/**
 * The accused persons named in a field, each folded: NFKC, bracketed remarks dropped
 * (张三（村支书）), split at 、 , ; / and spaces (several accused in one cell), the middle dot
 * of transcribed names dropped (买买提·艾力 = 买买提艾力). At most four, each named once.
 */
export function accusedNames(s: string | null | undefined): string[] {
  if (!s) return [];
  const t = s.normalize('NFKC').replace(/[(（[【〔][^)）\]】〕]*[)）\]】〕]/g, ' ');
  const out: string[] = [];
  for (const part of t.split(/[、,;/\s]+/u)) {
    const name = part.replace(NOT_WORD, '').toLowerCase();
    if (name !== '' && !out.includes(name)) out.push(name);
    if (out.length === 4) break;
  }
  return out;
}

/**
 * A unit written for comparison: the administrative places it starts with (省, 市, 州, 区, 县, 旗,
 * 镇, 乡, 街道 …, in order) and the rest, its core. 甘肃省兰州市榆中县城关镇人民政府 →
 * places [甘肃省, 兰州市, 榆中县, 城关镇], core 人民政府.
 */
export interface FoldedUnit {
  places: string[];
  core: string;
}

// A place is two to eight characters before its suffix, or one before 县/区 (环县, 漳县). The body
// may not hold 省, 区, 县, 旗, 镇, 乡 or 和 itself (住房和城乡建设局 is one unit), so that 文县城关镇 reads as 文县 + 城关镇 (not as one
// place); 州 and 市 may (兰州市, 秦州区).
// (Built with RegExp: TypeScript's ES2022 target does not know the `v` flag, which Node 20 has.)
const PLACE = new RegExp(String.raw`^(?:[\p{Script=Han}--[省区县旗镇乡和]]{2,8}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市|州|盟|区|县|旗|镇|乡)|[\p{Script=Han}--[省区县旗镇乡市州]](?:县|区))`, 'v');

/**
 * Folds a unit (SPEC 7 "the same accused in the same folded unit"): NFKC (full-width forms),
 * spaces and punctuation dropped, then the leading places split off (see FoldedUnit). A place is
 * split off only while a core of at least two characters remains. Undefined for an empty unit.
 */
export function foldUnit(s: string | null | undefined): FoldedUnit | undefined {
  if (!s) return undefined;
  let rest = foldText(s);
  if (rest === '') return undefined;
  const places: string[] = [];
  for (let m = PLACE.exec(rest); m && places.length < 6 && rest.length - m[0].length >= 2; m = PLACE.exec(rest)) {
    places.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { places, core: rest };
}

/**
 * Whether two folded units can be the same unit: the same core, and the places of one found in
 * the other in the same order — 城关镇人民政府 is 榆中县城关镇人民政府 written without its county,
 * but not 永登县城关镇人民政府, nor 榆中县人民政府.
 */
export function sameUnit(a: FoldedUnit, b: FoldedUnit): boolean {
  if (a.core !== b.core) return false;
  const [short, long] = a.places.length <= b.places.length ? [a.places, b.places] : [b.places, a.places];
  let j = 0;
  for (const p of long) if (j < short.length && short[j] === p) j++;
  return j === short.length;
}

// --- MinHash signatures -------------------------------------------------------------------------

/** Bins of a summary's signature (one-permutation MinHash). */
export const SIGNATURE_SIZE = 32;
/** LSH bands of ROWS_PER_BAND bins: summaries sharing one band's values meet in its bucket. */
export const BANDS = 8;
export const ROWS_PER_BAND = 4;
/** A summary with fewer distinct bigrams than this says too little to compare (e.g. “见附件”). */
export const MIN_SHINGLES = 6;

const SEED = 0x5bd1e995;
const EMPTY = 0xffffffff;

/**
 * The MinHash signature of a summary (SIGNATURE_SIZE unsigned 32-bit values), or undefined when
 * it has fewer than MIN_SHINGLES distinct bigrams. Shingles are the bigrams of foldText(summary);
 * each is hashed once (fixed seed: signatures are comparable across runs and machines), its top
 * five bits pick a bin, and a bin keeps the least hash it sees. Empty bins borrow from the next
 * full bin to their right, mixed with the distance (rotation densification), so that two
 * summaries agree in a bin with probability close to their Jaccard similarity.
 */
export function signSummary(summary: string | null | undefined, out: Uint32Array = new Uint32Array(SIGNATURE_SIZE)): Uint32Array | undefined {
  if (!summary) return undefined;
  const t = foldText(summary);
  if (t.length < MIN_SHINGLES + 1) return undefined;
  out.fill(EMPTY);
  let distinct = 0;
  const seen = new Set<number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const h = fmix32(((t.charCodeAt(i) << 16) | t.charCodeAt(i + 1)) ^ SEED);
    if (distinct < MIN_SHINGLES && !seen.has(h)) {
      seen.add(h);
      distinct++;
    }
    const bin = h >>> 27;
    // The low 27 bits rank the shingle within its bin; 0x7ffffff + 1 never occurs, EMPTY marks none.
    const v = h & 0x7ffffff;
    if (v < out[bin]!) out[bin] = v;
  }
  if (distinct < MIN_SHINGLES) return undefined;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    if (out[i] !== EMPTY) continue;
    for (let d = 1; d < SIGNATURE_SIZE; d++) {
      const v = out[(i + d) % SIGNATURE_SIZE]!;
      if (v !== EMPTY && v < 0x8000000) {
        out[i] = 0x8000000 + (fmix32(v ^ Math.imul(d, 0x9e3779b9)) & 0x77ffffff);
        break;
      }
    }
  }
  return out;
}

/** Estimated Jaccard similarity of two summaries: the share of signature bins that agree, in [0, 1]. */
export function signatureSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * The LSH bucket of each band of a signature: a 32-bit hash of the band's values. Two summaries
 * of Jaccard similarity J share at least one bucket with probability 1 − (1 − J^4)^8: about 0.99
 * at J = 0.8, 0.89 at 0.7, 0.67 at 0.6, 0.40 at 0.5.
 */
export function bandBuckets(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(SEED ^ (b + 1));
    for (let r = 0; r < ROWS_PER_BAND; r++) h = fmix32(Math.imul(h, 31) ^ sig[b * ROWS_PER_BAND + r]!);
    out.push(h);
  }
  return out;
}

// --- what an item brings to the comparison --------------------------------------------------------

/**
 * What similarity reads of an item, hashed (32-bit) so that a million items fit in typed arrays:
 * the accused persons, the folded unit's places and core, the reporter's keyed hashes (SPEC 5:
 * the registry's own keyed hashes, never a clear value) and the summary's signature.
 */
export interface DupFeatures {
  accused: number[];
  unit?: { places: number[]; core: number };
  reporterKeys: number[];
  signature?: Uint32Array;
}

/** The registered fields similarity reads. */
export interface DupFields {
  accusedName?: string | null;
  accusedUnit?: string | null;
  summary?: string | null;
  reporterIdHash?: number | null;
  reporterPhoneHash?: number | null;
}

/**
 * The features of an item from its registered fields. With `scratch`, the signature is written
 * there (no allocation per item; the caller copies it before the next call).
 */
export function dupFeatures(i: DupFields, scratch?: Uint32Array): DupFeatures {
  const unit = foldUnit(i.accusedUnit);
  return {
    accused: accusedNames(i.accusedName).slice(0, MAX_ACCUSED).map((n) => hashText(n, 0xacc)),
    unit: unit && { places: unit.places.slice(-MAX_PLACES).map((p) => hashText(p, 0x91a)), core: hashText(unit.core, 0xc0e) },
    reporterKeys: [i.reporterIdHash, i.reporterPhoneHash].filter((k): k is number => k !== null && k !== undefined).map(Number),
    signature: signSummary(i.summary, scratch),
  };
}

/** Accused persons and places kept per item (more are rare; the nearest places are kept). */
export const MAX_ACCUSED = 4;
export const MAX_PLACES = 4;

/**
 * Blocking keys of the accused: one per named person, in the folded unit's core — items that
 * share one are compared (SPEC 7: the same accused in the same folded unit). Units compatible
 * by sameUnit share the core, so a unit written without its county still meets.
 */
export function accusedKeys(f: Pick<DupFeatures, 'accused' | 'unit'>): number[] {
  return f.accused.map((n) => fmix32(Math.imul(n, 31) ^ (f.unit?.core ?? 0x5eed)));
}

/** How alike two items are: a score in [0, 1] and the reasons behind it. */
export interface DupScore {
  score: number;
  reasons: DupReason[];
}

/** A summary similarity from which it counts as evidence and is named as a reason. */
export const SIMILAR_SUMMARY = 0.5;

/**
 * The duplicate score of two items. Each agreement is evidence, combined as independent
 * evidence is (1 − Π(1 − w)): the same accused 0.6, the same unit 0.3, the same reporter 0.7, the
 * summary up to 0.85 (rising from nothing at similarity 0.3 to all at 0.8). Contradictions weigh
 * against: other accused persons (both named, none in common) ×0.3, units that cannot be the same
 * ×0.5. The weights were chosen on the generator's labelled set (bench/dup-quality.mjs): the same
 * complaint template is used by unrelated people about other officials, so a similar summary
 * alone, about someone else, must stay below the threshold.
 */
export function dupScore(a: DupFeatures, b: DupFeatures): DupScore {
  const t = new DupTable(2);
  t.add(a);
  t.add(b);
  return t.score(1, 0);
}

const NONE = -1;

/**
 * The features of many items in typed arrays (about 190 bytes an item: a million items in
 * under 200 MB), rows numbered from 0 in the order added.
 */
export class DupTable {
  private cap: number;
  size = 0;
  private sigs: Uint32Array;
  private hasSig: Uint8Array;
  private acc: Uint32Array;
  private accN: Uint8Array;
  private core: Uint32Array;
  private places: Uint32Array;
  /** Places per row, or NONE (255) for no unit. */
  private placesN: Uint8Array;
  private reporters: Float64Array;

  constructor(expected = 1024) {
    this.cap = Math.max(2, expected);
    this.sigs = new Uint32Array(this.cap * SIGNATURE_SIZE);
    this.hasSig = new Uint8Array(this.cap);
    this.acc = new Uint32Array(this.cap * MAX_ACCUSED);
    this.accN = new Uint8Array(this.cap);
    this.core = new Uint32Array(this.cap);
    this.places = new Uint32Array(this.cap * MAX_PLACES);
    this.placesN = new Uint8Array(this.cap);
    this.reporters = new Float64Array(this.cap * 2);
  }

  /** Adds an item's features; returns its row. */
  add(f: DupFeatures): number {
    if (this.size === this.cap) this.grow();
    const r = this.size++;
    if (f.signature) {
      this.sigs.set(f.signature, r * SIGNATURE_SIZE);
      this.hasSig[r] = 1;
    }
    const n = Math.min(f.accused.length, MAX_ACCUSED);
    for (let i = 0; i < n; i++) this.acc[r * MAX_ACCUSED + i] = f.accused[i]!;
    this.accN[r] = n;
    if (f.unit) {
      this.core[r] = f.unit.core;
      const p = f.unit.places.slice(-MAX_PLACES);
      for (let i = 0; i < p.length; i++) this.places[r * MAX_PLACES + i] = p[i]!;
      this.placesN[r] = p.length;
    } else {
      this.placesN[r] = 255;
    }
    this.reporters[r * 2] = f.reporterKeys[0] ?? NONE;
    this.reporters[r * 2 + 1] = f.reporterKeys[1] ?? NONE;
    return r;
  }

  /** The signature of a row (a view, not a copy), or undefined. */
  signature(r: number): Uint32Array | undefined {
    return this.hasSig[r] ? this.sigs.subarray(r * SIGNATURE_SIZE, (r + 1) * SIGNATURE_SIZE) : undefined;
  }

  /** The features of a row, back as an object. */
  features(r: number): DupFeatures {
    const n = this.placesN[r]!;
    return {
      accused: [...this.acc.subarray(r * MAX_ACCUSED, r * MAX_ACCUSED + this.accN[r]!)],
      unit: n === 255 ? undefined : { places: [...this.places.subarray(r * MAX_PLACES, r * MAX_PLACES + n)], core: this.core[r]! },
      reporterKeys: [this.reporters[r * 2]!, this.reporters[r * 2 + 1]!].filter((k) => k !== NONE),
      signature: this.signature(r)?.slice(),
    };
  }

  /** Accused blocking keys of a row (see accusedKeys). */
  accusedKeys(r: number): number[] {
    const out: number[] = [];
    const core = this.placesN[r] === 255 ? 0x5eed : this.core[r]!;
    for (let i = 0; i < this.accN[r]!; i++) out.push(fmix32(Math.imul(this.acc[r * MAX_ACCUSED + i]!, 31) ^ core));
    return out;
  }

  /** Reporter keys of a row. */
  reporterKeys(r: number): number[] {
    return [this.reporters[r * 2]!, this.reporters[r * 2 + 1]!].filter((k) => k !== NONE);
  }

  /** The score of rows a and b (see dupScore). */
  score(a: number, b: number): DupScore {
    const reasons: DupReason[] = [];
    let miss = 1;
    let factor = 1;
    const na = this.accN[a]!, nb = this.accN[b]!;
    if (na > 0 && nb > 0) {
      let common = false;
      for (let i = 0; i < na && !common; i++) {
        for (let j = 0; j < nb; j++) if (this.acc[a * MAX_ACCUSED + i] === this.acc[b * MAX_ACCUSED + j]) common = true;
      }
      if (common) {
        reasons.push('same-accused');
        miss *= 1 - 0.6;
      } else {
        factor *= 0.3;
      }
    }
    if (this.placesN[a] !== 255 && this.placesN[b] !== 255) {
      if (this.sameUnit(a, b)) {
        reasons.push('same-unit');
        miss *= 1 - 0.3;
      } else {
        factor *= 0.5;
      }
    }
    const ra = this.reporters, ka = a * 2, kb = b * 2;
    if ((ra[ka] !== NONE && (ra[ka] === ra[kb] || ra[ka] === ra[kb + 1])) || (ra[ka + 1] !== NONE && (ra[ka + 1] === ra[kb] || ra[ka + 1] === ra[kb + 1]))) {
      reasons.push('same-reporter');
      miss *= 1 - 0.7;
    }
    if (this.hasSig[a] && this.hasSig[b]) {
      let same = 0;
      const sa = a * SIGNATURE_SIZE, sb = b * SIGNATURE_SIZE;
      for (let i = 0; i < SIGNATURE_SIZE; i++) if (this.sigs[sa + i] === this.sigs[sb + i]) same++;
      const s = same / SIGNATURE_SIZE;
      if (s >= SIMILAR_SUMMARY) reasons.push('similar-summary');
      miss *= 1 - 0.85 * Math.min(1, Math.max(0, (s - 0.3) / 0.5));
    }
    return { score: Math.round((1 - miss) * factor * 1000) / 1000, reasons };
  }

  private sameUnit(a: number, b: number): boolean {
    if (this.core[a] !== this.core[b]) return false;
    let [s, l] = [a, b];
    if (this.placesN[a]! > this.placesN[b]!) [s, l] = [b, a];
    const ns = this.placesN[s]!, nl = this.placesN[l]!;
    let j = 0;
    for (let i = 0; i < nl; i++) if (j < ns && this.places[s * MAX_PLACES + j] === this.places[l * MAX_PLACES + i]) j++;
    return j === ns;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Uint32Array | Uint8Array | Float64Array>(old: T, per: number): T => {
      const n = new (old.constructor as new (n: number) => T)(cap * per);
      n.set(old);
      return n;
    };
    this.sigs = g(this.sigs, SIGNATURE_SIZE);
    this.hasSig = g(this.hasSig, 1);
    this.acc = g(this.acc, MAX_ACCUSED);
    this.accN = g(this.accN, 1);
    this.core = g(this.core, 1);
    this.places = g(this.places, MAX_PLACES);
    this.placesN = g(this.placesN, 1);
    this.reporters = g(this.reporters, 2);
    this.cap = cap;
  }
}

// --- blocking: which rows to compare --------------------------------------------------------------

/** How many items a bucket may hold and still be compared pairwise; a bigger one is a common template or name, skipped. */
export const BUCKET_CAPS = { accused: 64, reporter: 64, text: 16 } as const;

/** (key, row) pairs as key · 2^21 + row, sorted: by key, then row. Rows must be below 2^21. */
export function sortedKeyRows(keys: ArrayLike<number>, rows: ArrayLike<number>, n: number): Float64Array {
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * 2097152 + rows[i]!;
  return packed.sort();
}

/**
 * Groups rows by 32-bit key in linear passes (one sort of key · 2^21 + row) and calls `each` with
 * every key and its rows in ascending order. `members` is one scratch array reused from call to
 * call: read it, do not keep it. Rows must be below 2^21.
 */
export function forEachGroup(keys: ArrayLike<number>, rows: ArrayLike<number>, n: number, each: (key: number, members: number[]) => void): void {
  const packed = sortedKeyRows(keys, rows, n);
  const members: number[] = [];
  let key = -1;
  for (let i = 0; i < n; i++) {
    const k = Math.floor(packed[i]! / 2097152);
    if (k !== key) {
      if (members.length > 0) each(key, members);
      members.length = 0;
      key = k;
    }
    members.push(packed[i]! - k * 2097152);
  }
  if (members.length > 0) each(key, members);
}

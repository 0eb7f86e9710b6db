// Keyed digests of the rows each audit entry wrote (SPEC 5): the chain proves the log was not
// altered; these prove that the item, event and activity rows still are what the entries wrote.
//
// Every audit entry that writes rows records, in its details (which the keyed chain covers), the
// id ranges it wrote per table and one digest (`wrote`): the sum mod 2^64 of its rows' digests. A row's
// digest is the first 64 bits of SHA-256 over a secret prefix (derived from the registry key, like
// the reporters' keyed hashes: Vault.rowDigestKey) and the row's values, length-prefixed, in a
// fixed column order — so that someone holding the file but not the key cannot recompute one.
// Truncation also rules out length extension. A sum rather than a hash of the concatenation lets
// an import add its rows in any order, and lets `amend` record the digests of the row it replaced
// and of the row it wrote, so that the entry that wrote the item stays checkable (its expected sum
// moves by the difference).
//
// An item's digest is split in two so that an import hashes most of it where rows are parsed (a
// worker thread for large files): the content digest over the values the parser knows, then a
// short keyed hash of that digest and the six values the writer assigns (id, code, year, sequence,
// reporter block, intake).
//
// `RowLedger` is `audit verify`'s side: who owns which ids, what each owner's rows must sum to,
// and which rows belong to no entry.

import { hash } from 'node:crypto';

/** The items table's columns a parser knows, in the order the content digest takes them. */
export const ITEM_CONTENT_COLUMNS = [
  'fingerprint', 'reporter_name_hash', 'reporter_id_hash', 'reporter_phone_hash', 'received', 'source', 'forwarded_by',
  'ref', 'channel', 'kind', 'category', 'summary', 'real_name', 'accused_name', 'accused_unit', 'accused_post',
  'accused_rank', 'extra', 'ref_key',
] as const;
/** An item row's columns: the six its writer assigns, then the content columns. */
export const ITEM_ROW_COLUMNS = ['id', 'code', 'year', 'seq', 'reporter_block', 'intake_id', ...ITEM_CONTENT_COLUMNS] as const;
/** Columns of the other digested tables, in digest order. */
export const EVENT_COLUMNS = ['id', 'item_id', 'kind', 'on_date', 'at', 'operator', 'target_id', 'value', 'due', 'note', 'data'] as const;
export const ACTIVITY_COLUMNS = ['id', 'kind', 'on_date', 'count', 'note', 'at', 'operator'] as const;
/** Who registered items, when and how (show, and `report --as-known-at`, read it). */
export const INTAKE_COLUMNS = ['id', 'at', 'operator', 'via', 'file'] as const;

/** Tables whose rows the audit entries' digests cover. */
export const DIGESTED_TABLES = ['items', 'events', 'activities', 'intakes'] as const;
export type DigestedTable = (typeof DIGESTED_TABLES)[number];
/** Each digested table's columns in digest order: rows are read as arrays in this order. */
export const DIGEST_COLUMNS: Readonly<Record<DigestedTable, readonly string[]>> = {
  items: ITEM_ROW_COLUMNS, events: EVENT_COLUMNS, activities: ACTIVITY_COLUMNS, intakes: INTAKE_COLUMNS,
};
/** Where the content columns sit in an item row read in ITEM_ROW_COLUMNS order. */
const ROW_CONTENT_AT = ITEM_CONTENT_COLUMNS.map((_, i) => 6 + i);

/** A 64-bit digest as two unsigned 32-bit halves. */
export type Digest64 = readonly [hi: number, lo: number];

/**
 * One value as digested: null as `-`, anything else as its decimal or text form with its length
 * first. Both engines return the same text for a value (SQLite numbers, PostgreSQL int8 strings).
 */
function field(v: unknown): string {
  if (v === null || v === undefined) return '-';
  const s = typeof v === 'string' ? v : String(v);
  return `${s.length}:${s}`;
}

function first64(binary: string): [number, number] {
  const hi = ((binary.charCodeAt(0) << 24) | (binary.charCodeAt(1) << 16) | (binary.charCodeAt(2) << 8) | binary.charCodeAt(3)) >>> 0;
  const lo = ((binary.charCodeAt(4) << 24) | (binary.charCodeAt(5) << 16) | (binary.charCodeAt(6) << 8) | binary.charCodeAt(7)) >>> 0;
  return [hi, lo];
}

/**
 * Row digests under one registry's key. `prefix`: the secret hex prefix (Vault.rowDigestKey()).
 * Values are taken as stored: numbers, texts, null.
 */
export class RowDigester {
  constructor(private readonly prefix: string) {}

  private digest(kind: string, text: string): [number, number] {
    return first64(hash('sha256', `${this.prefix}\u0000${kind}\u0000${text}`, 'binary'));
  }

  /** The content digest of an item from its values in ITEM_CONTENT_COLUMNS order, read from `values` at `at + offsets[i]`. */
  itemContent(values: readonly unknown[], at: number, offsets: readonly number[]): [number, number] {
    let text = '';
    for (const o of offsets) text += field(values[at + o]);
    return this.digest('item-content', text);
  }

  /** An item's digest from its content digest and the values its writer assigns. */
  item(content: Digest64, id: number, code: string, year: number, seq: number, block: number | null, intake: number): [number, number] {
    return this.digest('item', `${content[0]}.${content[1]}${field(id)}${field(code)}${field(year)}${field(seq)}${field(block)}${field(intake)}`);
  }

  /** A digested table's row as read: values in DIGEST_COLUMNS order. */
  rowValues(table: DigestedTable, r: readonly unknown[]): [number, number] {
    if (table === 'items') {
      const content = this.itemContent(r, 0, ROW_CONTENT_AT);
      return this.item(content, Number(r[0]), String(r[1]), Number(r[2]), Number(r[3]), r[4] === null || r[4] === undefined ? null : Number(r[4]), Number(r[5]));
    }
    let text = '';
    for (const v of r) text += field(v);
    return this.digest(table, text);
  }

  /** A digested table's row as read by column name. */
  tableRow(table: DigestedTable, r: Record<string, unknown>): [number, number] {
    return this.rowValues(table, DIGEST_COLUMNS[table].map((c) => r[c]));
  }
}

const TWO32 = 4294967296;

/** A sum of digests mod 2^64, kept as two exact halves. */
export class DigestSum {
  hi = 0;
  lo = 0;

  add(d: Digest64): this {
    const lo = this.lo + d[1];
    this.lo = lo >= TWO32 ? lo - TWO32 : lo;
    this.hi = (this.hi + d[0] + (lo >= TWO32 ? 1 : 0)) % TWO32;
    return this;
  }

  subtract(d: Digest64): this {
    // Adding the two's complement: 2^64 - d.
    const lo = (TWO32 - d[1]) % TWO32;
    const hi = (TWO32 - d[0] - (d[1] === 0 ? 0 : 1)) % TWO32;
    return this.add([hi, lo]);
  }

  equals(o: DigestSum): boolean {
    return this.hi === o.hi && this.lo === o.lo;
  }

  /** 16 hex digits, as recorded in an audit entry. */
  hex(): string {
    return digestHex([this.hi, this.lo]);
  }

  static of(d: Digest64): DigestSum {
    return new DigestSum().add(d);
  }

  static parse(hex: string): DigestSum | undefined {
    const d = parseDigest(hex);
    return d ? DigestSum.of(d) : undefined;
  }
}

export function digestHex(d: Digest64): string {
  return d[0].toString(16).padStart(8, '0') + d[1].toString(16).padStart(8, '0');
}

export function parseDigest(hex: unknown): Digest64 | undefined {
  if (typeof hex !== 'string' || !/^[0-9a-f]{16}$/.test(hex)) return undefined;
  return [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8), 16)];
}

/** Id ranges (inclusive) per table, as an entry records them. */
export type RowRanges = Partial<Record<DigestedTable, [number, number][]>>;

/** What an entry's details say about the rows it wrote (`wrote`), and for `amend` the item row it replaced (`replaced`). */
export interface RowRecord {
  wrote?: RowRanges & { digest: string };
  replaced?: { item: number; from: string; to: string };
}

/** The key of an init entry's details saying that from this entry on every row has an owning entry. */
export const ROW_DIGESTS_MARK = 'rowDigests';

/** A row that differs from what its entry recorded, or that no entry wrote. */
export type RowFault =
  /** The rows entry `seq` wrote no longer sum to its digest: altered, removed or added within its ranges. */
  | { problem: 'rows-differ'; seq: number; action: string; itemCodes: string[] }
  /** Rows no entry recorded writing (inserted behind the program's back), with up to 20 of them (item codes, else ids). */
  | { problem: 'unrecorded'; table: DigestedTable; count: number; rows: string[] }
  /** An entry's row record cannot be read (it verified in the chain, so this is a program fault, not tampering). */
  | { problem: 'unreadable'; seq: number; action: string };

interface Owner {
  seq: number;
  action: string;
  itemCodes: string[];
  expected: DigestSum;
  actual: DigestSum;
}

/**
 * Checks rows against the entries that wrote them. Feed every entry in log order (`entry`), then
 * every row of each digested table in ascending id order (`row`), then call `faults`. Memory:
 * a few numbers per entry that wrote rows and per recorded range.
 */
export class RowLedger {
  private readonly owners: Owner[] = [];
  private readonly ranges = new Map<DigestedTable, { first: number; last: number; owner: number }[]>();
  private readonly replaced: { item: number; from: Digest64; to: Digest64 }[] = [];
  private readonly problems: RowFault[] = [];
  private readonly unowned = new Map<DigestedTable, { count: number; rows: string[] }>();
  private cursor = new Map<DigestedTable, number>();
  private sorted = false;
  /**
   * Whether the log says every row has an owner from some entry on: init records the mark
   * (ROW_DIGESTS_MARK) in its entry when it starts row digests, so that deleting the registry's
   * own note of it (meta) neither skips the row check nor lets a later init adopt rows slipped in.
   */
  digesting = false;

  /** An entry of the log: `details` its JSON details; `itemCodes` the items it names (for the message). */
  entry(e: { seq: number; action: string; itemCode: string | null; details: string }): void {
    if (!e.details.includes('"wrote"') && !e.details.includes('"replaced"') && !e.details.includes(`"${ROW_DIGESTS_MARK}"`)) return;
    let d: RowRecord & { firstCode?: string; lastCode?: string; [ROW_DIGESTS_MARK]?: unknown };
    try {
      d = JSON.parse(e.details) as typeof d;
    } catch {
      this.problems.push({ problem: 'unreadable', seq: e.seq, action: e.action });
      return;
    }
    if (d[ROW_DIGESTS_MARK] !== undefined) this.digesting = true;
    if (d.replaced) {
      const from = parseDigest(d.replaced.from), to = parseDigest(d.replaced.to);
      if (!from || !to || !Number.isSafeInteger(d.replaced.item)) this.problems.push({ problem: 'unreadable', seq: e.seq, action: e.action });
      else this.replaced.push({ item: d.replaced.item, from, to });
    }
    if (!d.wrote) return;
    const expected = DigestSum.parse(d.wrote.digest);
    if (!expected) {
      this.problems.push({ problem: 'unreadable', seq: e.seq, action: e.action });
      return;
    }
    const codes = e.itemCode ? [e.itemCode] : d.firstCode && d.lastCode ? (d.firstCode === d.lastCode ? [d.firstCode] : [`${d.firstCode}…${d.lastCode}`]) : [];
    const owner = this.owners.push({ seq: e.seq, action: e.action, itemCodes: codes, expected, actual: new DigestSum() }) - 1;
    for (const table of DIGESTED_TABLES) {
      for (const [first, last] of d.wrote[table] ?? []) {
        let list = this.ranges.get(table);
        if (!list) this.ranges.set(table, (list = []));
        list.push({ first, last, owner });
      }
    }
  }

  private prepare(): void {
    if (this.sorted) return;
    this.sorted = true;
    for (const list of this.ranges.values()) list.sort((a, b) => a.first - b.first);
    // An amend's replaced row moves what the item's own entry must sum to.
    for (const r of this.replaced) {
      const o = this.ownerOf('items', r.item);
      if (o !== undefined) this.owners[o]!.expected.subtract(r.from).add(r.to);
    }
  }

  private ownerOf(table: DigestedTable, id: number): number | undefined {
    const list = this.ranges.get(table) ?? [];
    let lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid]!;
      if (id < r.first) hi = mid - 1;
      else if (id > r.last) lo = mid + 1;
      else return r.owner;
    }
    return undefined;
  }

  /** One row of `table`, in ascending id order per table, with its digest; `label` names it in a fault (an item's code). */
  row(table: DigestedTable, id: number, d: Digest64, label?: string): void {
    this.prepare();
    const list = this.ranges.get(table) ?? [];
    let i = this.cursor.get(table) ?? 0;
    while (i < list.length && list[i]!.last < id) i++;
    this.cursor.set(table, i);
    const r = list[i];
    if (r && r.first <= id) {
      this.owners[r.owner]!.actual.add(d);
      return;
    }
    let u = this.unowned.get(table);
    if (!u) this.unowned.set(table, (u = { count: 0, rows: [] }));
    u.count++;
    if (u.rows.length < 20) u.rows.push(label ?? String(id));
  }

  /** Every fault, entries in log order first. */
  faults(): RowFault[] {
    this.prepare();
    const out: RowFault[] = [...this.problems];
    for (const o of this.owners) {
      if (!o.expected.equals(o.actual)) out.push({ problem: 'rows-differ', seq: o.seq, action: o.action, itemCodes: o.itemCodes });
    }
    for (const [table, u] of this.unowned) out.push({ problem: 'unrecorded', table, count: u.count, rows: u.rows });
    return out;
  }

  /** Ranges of the rows seen that no entry owns, per table, with their digest sum: what a baseline entry records. */
  unownedRows(): { ranges: RowRanges; digest: DigestSum; count: number } {
    return { ranges: this.baseRanges, digest: this.baseSum, count: this.baseCount };
  }

  private baseRanges: RowRanges = {};
  private baseSum = new DigestSum();
  private baseCount = 0;

  /** Like `row`, for a baseline: a row no entry owns is added to the baseline instead of counted as a fault. */
  baselineRow(table: DigestedTable, id: number, d: Digest64): void {
    this.prepare();
    if (this.ownerOf(table, id) !== undefined) return;
    const list = (this.baseRanges[table] ??= []);
    const last = list[list.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else list.push([id, id]);
    this.baseSum.add(d);
    this.baseCount++;
  }
}

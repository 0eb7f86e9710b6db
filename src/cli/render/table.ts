// Tables for people, written as the rows come (a listing of 4,000 or a million rows draws in
// time and memory proportional to one page).
//
// On a terminal (TerminalTable): never wider than the terminal (SPEC 6). Column widths are fixed
// once, from the terminal width, the header and the first page of rows — never by scanning every
// row. Short columns (codes, dates, labels up to 10 columns) keep their width; the long ones are
// narrowed together, the free-text column (`wide`, the summary) counting double, so that it gets
// the room; any cell wider than its column wraps by display width (a Chinese character is two
// columns), so nothing is lost. Columns are separated by two spaces; a row's first line carries
// its first cell, so wrapped rows stay apart. Colour only when asked (the header).
//
// Piped (PlainTable): plain aligned columns, one line per row, no colour, so that grep and cut work.

import stringWidth from 'string-width';
import { cellText, type Cell } from './listing.js';

export interface TableOptions {
  tty: boolean;
  color: boolean;
  /** Terminal width in columns (default 80). */
  width?: number;
  /** Which columns hold long free text. */
  wide?: readonly boolean[];
}

/** A table written piece by piece: the head, then rows page by page, then the end. */
export interface StreamTable {
  head(): string;
  lines(rows: readonly (readonly Cell[])[]): string;
  end(): string;
}

const GAP = '  ';
/** A column whose natural width is at most this is never narrowed (codes, dates, short labels). */
const SHORT = 10;
/** The narrowest a long column is made (4 on a very narrow terminal, for any column). */
const MIN_LONG = 6;

const widthCache = new Map<number, number>();
/** Display width of one code point: 0 for controls and combining marks, 2 for wide (CJK), else 1. */
function charWidth(cp: number): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  let w = widthCache.get(cp);
  if (w === undefined) {
    w = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : stringWidth(String.fromCodePoint(cp));
    widthCache.set(cp, w);
  }
  return w;
}

/** Display width of plain text (no escape sequences), counting wide characters as 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) { w++; continue; }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += charWidth(cp);
  }
  return w;
}

function isWordChar(cp: number): boolean {
  // Latin letters, digits and their punctuation wrap as words; CJK may break between any two characters.
  return cp < 0x1100 && cp !== 0x20;
}

/** Punctuation that may not begin a line (it takes the character before it along). */
const CLOSING = new Set([...'，。、；：？！）》」』】〕…”’%．,.;:?!)]}']);

/**
 * Wraps plain text to lines of at most `width` display columns: a Latin word moves whole to the next
 * line (and is cut only when longer than a line, after a | / , or ; where it has one), Chinese breaks
 * between any two characters but never before closing punctuation (which takes the character or
 * Latin word before it along). Existing line breaks are kept. A width below 2 is taken as 2
 * (a wide character needs two).
 */
export function wrapText(s: string, width: number): string[] {
  width = Math.max(2, width);
  const out: string[] = [];
  for (const para of s.split(/\r\n|\n|\r/)) {
    if (displayWidth(para) <= width) { out.push(para); continue; }
    let line = '';
    let w = 0;
    let wordStart = -1; // where the Latin word being written starts in `line`
    for (const ch of para) {
      const cp = ch.codePointAt(0)!;
      const cw = charWidth(cp);
      if (w + cw > width) {
        if (cp === 0x20) { out.push(line.trimEnd()); line = ''; w = 0; wordStart = -1; continue; }
        let carry = '';
        if (isWordChar(cp) && wordStart > 0) carry = line.slice(wordStart);
        else if (isWordChar(cp) && wordStart === 0) {
          // A word longer than the line: cut after its last | / , or ; if any (a list of choices).
          const cut = Math.max(...[...'|/,;'].map((c) => line.lastIndexOf(c)));
          if (cut > 0 && cut < line.length - 1) carry = line.slice(cut + 1);
        } else if (CLOSING.has(ch) && line.length > 0) {
          // The punctuation takes the word before it along (2016-Q2、), or else its last character.
          const chars = [...line];
          if (wordStart > 0) carry = line.slice(wordStart);
          else if (chars.length > 1) carry = chars[chars.length - 1]!;
        }
        if (carry !== '') line = line.slice(0, line.length - carry.length);
        out.push(line.trimEnd());
        line = carry;
        w = displayWidth(carry);
        wordStart = carry !== '' && isWordChar(carry.codePointAt(0)!) ? 0 : -1;
      }
      if (!isWordChar(cp)) wordStart = -1;
      else if (wordStart < 0) wordStart = line.length;
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out;
}

function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

function oneLine(s: string): string {
  return s.replace(/\r?\n|\r/g, ' ');
}

function naturalWidth(s: string): number {
  let max = 0;
  for (const l of s.split(/\r\n|\n|\r/)) max = Math.max(max, displayWidth(l));
  return max;
}

/**
 * Column widths for a terminal `total` columns wide: the natural widths when they fit; otherwise
 * the largest cap L such that every long column fits in L (the wide ones in 2L) and the whole in
 * `total`, and what is left over goes to the wide columns first. Short columns keep their width.
 */
export function fitColumns(natural: readonly number[], wide: readonly boolean[], total: number): number[] {
  const avail = total - GAP.length * (natural.length - 1);
  const sum = (ws: readonly number[]) => ws.reduce((a, b) => a + b, 0);
  if (sum(natural) <= avail) return [...natural];
  // Short columns keep their width unless even that does not fit (a very narrow terminal).
  let floor = natural.map((n) => (n <= SHORT ? n : MIN_LONG));
  if (sum(floor) > avail) floor = natural.map((n) => Math.min(n, 4));
  if (sum(floor) > avail) floor = natural.map((n) => Math.min(n, 2)); // a wide character needs two
  const at = (cap: number) => natural.map((n, i) => Math.min(n, Math.max(floor[i]!, wide[i] ? 2 * cap : cap)));
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= avail) lo = mid;
    else hi = mid - 1;
  }
  const widths = at(lo);
  let left = avail - sum(widths);
  // Leftover columns: to the wide columns, then to any narrowed one, up to its natural width.
  for (const pass of [true, false]) {
    for (let i = 0; i < widths.length && left > 0; i++) {
      if ((wide[i] === true) !== pass) continue;
      const more = Math.min(left, natural[i]! - widths[i]!);
      widths[i]! += more;
      left -= more;
    }
  }
  return widths;
}

/** A table for a terminal: fixed widths from the first page, every cell wrapped to its column. */
export class TerminalTable implements StreamTable {
  readonly widths: number[];
  private readonly header: string[];
  constructor(header: readonly string[], firstRows: readonly (readonly Cell[])[], private readonly o: { width: number; color: boolean; wide?: readonly boolean[] }) {
    this.header = [...header];
    const natural = header.map((h, i) => Math.max(1, naturalWidth(h), ...firstRows.map((r) => naturalWidth(cellText(r[i])))));
    this.widths = fitColumns(natural, header.map((_, i) => o.wide?.[i] === true), o.width);
  }

  head(): string {
    const rule = '─'.repeat(Math.min(this.o.width, this.widths.reduce((a, b) => a + b, 0) + GAP.length * (this.widths.length - 1)));
    const head = this.row(this.header);
    return this.o.color ? `\x1b[1m${head.replace(/\n$/, '')}\x1b[22m\n\x1b[2m${rule}\x1b[22m\n` : `${head}${rule}\n`;
  }

  lines(rows: readonly (readonly Cell[])[]): string {
    let out = '';
    for (const r of rows) out += this.row(r.map((c) => cellText(c)));
    return out;
  }

  end(): string {
    return '';
  }

  private row(cells: readonly string[]): string {
    const wrapped = this.widths.map((w, i) => wrapText(cells[i] ?? '', w));
    const height = Math.max(1, ...wrapped.map((l) => l.length));
    let out = '';
    for (let k = 0; k < height; k++) {
      let line = '';
      for (let i = 0; i < this.widths.length; i++) {
        const part = wrapped[i]![k] ?? '';
        line += i === this.widths.length - 1 ? part : padEnd(part, this.widths[i]!) + GAP;
      }
      out += line.trimEnd() + '\n';
    }
    return out;
  }
}

/** A whole table at once (show's history): a TerminalTable on a terminal, else plain columns. */
export async function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], opts: TableOptions): Promise<string> {
  if (!opts.tty) return renderPlain(header, rows);
  const t = new TerminalTable(header, rows, { width: opts.width ?? 80, color: opts.color, wide: opts.wide });
  return t.head() + t.lines(rows) + t.end();
}

export function renderPlain(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const plain = new PlainTable(header, rows);
  return plain.head() + plain.lines(rows);
}

/**
 * Plain aligned columns written as they come: the widths are taken from the header and the first
 * page of rows, so that a million rows need not be held to be aligned. A later, longer cell
 * pushes its line out rather than the whole table.
 */
export class PlainTable implements StreamTable {
  private readonly widths: number[];
  constructor(private readonly header: readonly string[], firstRows: readonly (readonly Cell[])[]) {
    this.widths = header.map((h, i) => Math.max(displayWidth(oneLine(h)), ...firstRows.map((r) => displayWidth(oneLine(cellText(r[i]))))));
  }
  head(): string {
    return this.lines([this.header]);
  }
  lines(rows: readonly (readonly Cell[])[]): string {
    let out = '';
    for (const r of rows) {
      out += r.map((c, i) => {
        const s = oneLine(cellText(c));
        return i === r.length - 1 ? s : padEnd(s, this.widths[i]!);
      }).join('  ').trimEnd() + '\n';
    }
    return out;
  }
  end(): string {
    return '';
  }
}

/** The terminal width to lay a table out for: the stream's columns, else $COLUMNS, else 80. */
export function terminalWidth(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): number {
  const cols = (stream as { columns?: number }).columns;
  if (typeof cols === 'number' && cols > 0) return cols;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}

/** A two-column "field: value" block for one record (show, reveal, register's confirmation). */
export function renderRecord(pairs: readonly [string, string][]): string {
  const w = Math.max(0, ...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `${padEnd(k, w)}  ${v.replace(/\n/g, '\n' + ' '.repeat(w + 2))}`).join('\n') + '\n';
}

/** The table for a listing written page by page: a TerminalTable on a terminal, else a PlainTable. */
export function streamTable(header: readonly string[], firstRows: readonly (readonly Cell[])[], opts: TableOptions): StreamTable {
  return opts.tty
    ? new TerminalTable(header, firstRows, { width: opts.width ?? 80, color: opts.color, wide: opts.wide })
    : new PlainTable(header, firstRows);
}

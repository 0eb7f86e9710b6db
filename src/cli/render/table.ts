// Tables for people. On a terminal: borders, CJK-aware widths (a Chinese character is two
// columns), long text pre-wrapped by display width. Piped: plain aligned columns, no borders,
// no colour, one line per row, so that grep and cut still work.

import stringWidth from 'string-width';
import { cellText, type Cell } from './listing.js';

export interface TableOptions {
  tty: boolean;
  color: boolean;
  /** Terminal width, for wrapping wide columns. */
  width?: number;
  /** Which columns hold long free text. */
  wide?: readonly boolean[];
}

function padEnd(s: string, width: number): string {
  const w = stringWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

function oneLine(s: string): string {
  return s.replace(/\r?\n|\r/g, ' ');
}

export async function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], opts: TableOptions): Promise<string> {
  if (!opts.tty) return renderPlain(header, rows);
  const { default: Table } = await import('cli-table3');
  const { default: wrapAnsi } = await import('wrap-ansi');
  const texts = rows.map((r) => r.map((c) => cellText(c)));
  const natural = header.map((h, i) => Math.max(stringWidth(h), ...texts.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map((l) => stringWidth(l))))));
  const total = opts.width ?? 120;
  // Borders and padding take 3 columns per cell plus one.
  const fixed = natural.reduce((s, w, i) => s + (opts.wide?.[i] ? 0 : w), 0) + header.length * 3 + 1;
  const wideCount = opts.wide?.filter(Boolean).length ?? 0;
  const wideWidth = wideCount > 0 ? Math.max(16, Math.floor((total - fixed) / wideCount)) : 0;
  const widths = natural.map((w, i) => (opts.wide?.[i] ? Math.min(w, wideWidth) : w));
  const table = new Table({
    head: [...header],
    style: opts.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  for (const r of texts) {
    table.push(r.map((s, i) => (opts.wide?.[i] ? wrapAnsi(s, widths[i]!, { hard: true, trim: false }) : s)));
  }
  return table.toString() + '\n';
}

export function renderPlain(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const plain = new PlainTable(header, rows);
  return plain.lines([header]) + plain.lines(rows);
}

/**
 * Plain aligned columns written as they come: the widths are taken from the header and the first
 * page of rows, so that a million rows need not be held to be aligned. A later, longer cell
 * pushes its line out rather than the whole table.
 */
export class PlainTable {
  private readonly widths: number[];
  constructor(header: readonly string[], firstRows: readonly (readonly Cell[])[]) {
    this.widths = header.map((h, i) => Math.max(stringWidth(oneLine(h)), ...firstRows.map((r) => stringWidth(oneLine(cellText(r[i]))))));
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
}

/** A two-column "field: value" block for one record (show). */
export function renderRecord(pairs: readonly [string, string][]): string {
  const w = Math.max(0, ...pairs.map(([k]) => stringWidth(k)));
  return pairs.map(([k, v]) => `${padEnd(k, w)}  ${v.replace(/\n/g, '\n' + ' '.repeat(w + 2))}`).join('\n') + '\n';
}

// CSV as RFC 4180 says: CRLF line ends, quotes only where needed, `""` inside quotes.
// CSV for people (Excel) has a UTF-8 BOM (unless --no-bom) and its text cells neutralised
// against formula injection (SPEC 5); raw CSV (--raw) is for programs and keeps text exactly.

import { neutralizeFormula } from '../../domain/text.js';
import { cellText, type Cell } from './listing.js';

export interface CsvOptions {
  /**
   * For people (default): a text cell that a spreadsheet would run as a formula gets a leading
   * `'` (see neutralizeFormula in domain/text.ts; the importer drops it again with
   * restoreFormula). Numbers are never changed: Excel reads -5 as a number, not a formula.
   */
  forPeople?: boolean;
}

export function csvField(c: Cell, o: CsvOptions = {}): string {
  const s = typeof c === 'string' && o.forPeople !== false ? neutralizeFormula(c) : cellText(c);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[], o: CsvOptions = {}): string {
  return cells.map((c) => csvField(c, o)).join(',') + '\r\n';
}

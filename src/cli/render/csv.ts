// CSV as RFC 4180 says: CRLF line ends, quotes only where needed, `""` inside quotes.
// Written for people (Excel), so a UTF-8 BOM leads unless --no-bom.

import { cellText, type Cell } from './listing.js';

export function csvField(c: Cell): string {
  const s = cellText(c);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

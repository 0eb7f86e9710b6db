// Markdown (GFM) tables, for pasting into documents.

import { cellText, type Cell } from './listing.js';

function mdCell(c: Cell): string {
  return cellText(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, '<br>');
}

export function markdownLine(cells: readonly Cell[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |\n`;
}

export function markdownHead(header: readonly string[]): string {
  return markdownLine(header) + `|${header.map(() => ' --- ').join('|')}|\n`;
}

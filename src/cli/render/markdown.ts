// Markdown (GFM) tables, for pasting into documents.

import { cellText, type Cell } from './listing.js';

function mdCell(c: Cell): string {
  return cellText(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, '<br>');
}

export function renderMarkdown(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

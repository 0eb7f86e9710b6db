// Cells and records made safe for people to read (SPEC 5, issue 8 item 11): text from outside
// (summaries, imported cells, reasons, operators) may hold terminal escapes; every
// human-readable renderer passes its cells through here, JSON and raw CSV do not.

import { visibleText } from '../../domain/text.js';
import type { Cell } from './listing.js';

/**
 * A cell as a person may see it: text with its control characters made visible (`\x1b` …, see
 * visibleText); line breaks kept, since tables wrap or fold them and Markdown turns them into
 * `<br>`. Numbers, booleans and empty cells are returned as they are.
 */
export function humanCell(c: Cell): Cell {
  return typeof c === 'string' ? visibleText(c, { newlines: true }) : c;
}

/** Field/value pairs (show) with both sides made safe: imported column names come from outside too. */
export function humanRecord(pairs: readonly [string, string][]): [string, string][] {
  return pairs.map(([k, v]) => [visibleText(k), visibleText(v, { newlines: true })]);
}

/** A message line for stderr: control characters visible, line breaks kept. */
export function humanMessage(line: string): string {
  return visibleText(line, { newlines: true });
}

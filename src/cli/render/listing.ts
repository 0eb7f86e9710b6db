// A listing is a plain value (rows plus column definitions); every format is one renderer of it.

import type { Bilingual } from '../../domain/errors.js';
import type { Lang } from '../../domain/vocabulary.js';

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  /** Stable English key: CSV header and JSON key. */
  key: string;
  header: Bilingual;
  /** What a person reads in a table or Markdown (labels in the chosen language). */
  human: (row: T, lang: Lang) => Cell;
  /** What a script reads in CSV (codes); defaults to `human` in English. */
  raw?: (row: T) => Cell;
  /** Long free text: wrapped in a terminal table. */
  wide?: boolean;
}

export interface Listing<T> {
  columns: Column<T>[];
  /** The rows, page by page: a million-item registry is listed without holding it in memory. */
  pages: AsyncIterable<T[]> | Iterable<T[]>;
  /** Columns for CSV when a script wants more than a person reads (default: `columns`). */
  csvColumns?: Column<T>[];
  /** One row as a JSON array element (default: the row itself). */
  toJson?: (row: T) => unknown;
}

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return String(c);
}

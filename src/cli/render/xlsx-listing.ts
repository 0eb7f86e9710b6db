// `--output FILE.xlsx` for listing commands (list, export, overdue, dup scan, audit log, config;
// SPEC 6): one sheet, a bold header row in the clerk's language (the table's headers) over every
// column CSV has, each row as a person reads it (labels, not codes). Text is written as text cells
// — a summary "=HYPERLINK(...)" is shown, never run (SPEC 5) — and dates stay text (2016-06-21, as
// in CSV and the table; Excel sorts ISO text correctly). Numbers (a dup score, a count) are numbers.
// write-excel-file is loaded only here and builds the whole book in memory, so a listing above
// XLSX_MAX_ROWS rows is refused with the advice to write CSV, which is streamed.

import { basename, extname } from 'node:path';
import { say, usageError } from '../../domain/errors.js';
import type { Lang } from '../../domain/vocabulary.js';
import type { Cell } from './listing.js';

/**
 * The most rows a spreadsheet listing holds (besides its header). write-excel-file keeps every cell
 * and then the sheet's XML in memory: 100,000 rows of 23 columns failed in a 200 MB heap and passed in
 * 400 MB (about 16 s; a 9 MB file). Excel itself stops at 1,048,575 rows.
 */
export const XLSX_MAX_ROWS = 100_000;

type XCell = string | number | { value: string; type: StringConstructor; fontWeight: 'bold' } | null;

/** Display width in characters, a CJK character counting two (for the column widths). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return w;
}

/** A sheet name Excel accepts (no []:*?/\, at most 31 characters), from the output file's name. */
export function listingSheetName(output: string | undefined, lang: Lang): string {
  const base = output === undefined || output === '-' ? '' : basename(output, extname(output));
  const name = base.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  return [...name].slice(0, 31).join('') || (lang === 'zh' ? '列表' : 'Listing');
}

/** The usage error (exit 2) for a listing of more than `max` rows written as .xlsx. */
export function tooMany(max: number) {
  return usageError(
    say(`超过 ${max} 行，不能写成 .xlsx 文件（电子表格要在内存中整体生成）`, `more than ${max} rows: too many for an .xlsx file (a spreadsheet is built whole in memory)`),
    say('改写 .csv 文件（Excel 可直接打开，行数不限），或用 --period/--from/--to 等分批列出', 'write a .csv file instead (Excel opens it; no row limit), or list in parts with --period/--from/--to'),
  );
}

/**
 * Builds the spreadsheet of a listing: `header` (already in the clerk's language) and the rows,
 * page by page, each cell as a person reads it (already made safe: control characters visible).
 * Strings become text cells, numbers number cells, booleans text (是/否 or yes/no), empty cells
 * empty. Returns the .xlsx bytes and the row count. Throws a usage error (exit 2) as soon as the
 * rows pass `maxRows` (default XLSX_MAX_ROWS), before the book is built.
 */
export async function listingXlsx(
  header: readonly string[],
  pages: AsyncIterable<readonly (readonly Cell[])[]>,
  opts: { lang: Lang; sheet: string; maxRows?: number },
): Promise<{ bytes: Buffer; count: number }> {
  const max = opts.maxRows ?? XLSX_MAX_ROWS;
  const yes = opts.lang === 'zh' ? '是' : 'yes';
  const no = opts.lang === 'zh' ? '否' : 'no';
  const widths = header.map((h) => displayWidth(h));
  const data: XCell[][] = [header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const }))];
  for await (const page of pages) {
    if (data.length - 1 + page.length > max) throw tooMany(max);
    for (const row of page) {
      data.push(row.map((c, i) => {
        const v: XCell = c === null || c === undefined || c === '' ? null : typeof c === 'boolean' ? (c ? yes : no) : c;
        if (v !== null) widths[i] = Math.max(widths[i] ?? 0, Math.min(60, displayWidth(String(v))));
        return v;
      }));
    }
  }
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const bytes = await writeXlsxFile(data as never, {
    sheet: opts.sheet,
    stickyRowsCount: 1,
    columns: widths.map((w) => ({ width: Math.min(60, Math.max(6, w + 2)) })),
  } as never, { fontFamily: opts.lang === 'zh' ? '宋体' : 'Calibri', fontSize: 11 } as never).toBuffer();
  return { bytes, count: data.length - 1 };
}

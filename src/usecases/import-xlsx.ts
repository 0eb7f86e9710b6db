// `.xlsx` files as a record source for the import (SPEC 7): the first sheet, or the one `--sheet`
// names, read with read-excel-file (loaded only when a spreadsheet comes). Cells become the text a
// CSV export would hold, except that dates stay what Excel stores: a date cell as its ISO date, a
// number as written in the file (so an ID typed as a number shows its damage, and a number in the
// date column is read as Excel's serial date). Rows then take the CSV path's validation.

import { say, usageError } from '../domain/errors.js';
import { numberCellText, spreadsheetDate } from '../domain/spreadsheet.js';
import type { CsvRecord } from '../csv/reader.js';
import { BATCH_SIZE } from '../csv/reader.js';
import type { RecordSource } from './import-prepare.js';

/** The ZIP signature every .xlsx file starts with. */
export function looksLikeXlsx(firstBytes: Buffer): boolean {
  return firstBytes.length >= 4 && firstBytes[0] === 0x50 && firstBytes[1] === 0x4b && firstBytes[2] === 0x03 && firstBytes[3] === 0x04;
}

/** The old binary Excel format (.xls, an OLE2 compound file), which this importer does not read. */
export function looksLikeXls(firstBytes: Buffer): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return firstBytes.length >= 8 && ole.every((b, i) => firstBytes[i] === b);
}

/**
 * Reads one sheet of an .xlsx file into records: line = the sheet's row number (1-based), fields
 * = cell texts. `sheet` is a name (or a 1-based number as text); the first sheet when undefined.
 * Throws usage errors for a file that is not a spreadsheet, a missing sheet, an empty sheet.
 */
export async function openXlsx(path: string, size: number, sheet: string | undefined): Promise<RecordSource> {
  const { readSheet, default: readAll } = await import('read-excel-file/node');
  let rows: unknown[][];
  try {
    const which: string | number = sheet === undefined ? 1 : /^\d+$/.test(sheet.trim()) ? Number(sheet.trim()) : sheet;
    rows = (await readSheet(path, which, { trim: false, parseNumber: (s: string) => s })) as unknown[][];
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'SheetNotFoundError') {
      const names = ((e as { sheets?: string[] }).sheets ?? (await readAll(path).then((all) => all.map((s) => s.sheet), () => []))).join('、');
      throw usageError(say(`--sheet “${sheet}”：文件中没有这个工作表（有：${names}）`, `--sheet "${sheet}": no such sheet in the file (sheets: ${names})`));
    }
    if (name === 'InvalidInputError' || name === 'InvalidSpreadsheetError' || name === 'Error') {
      throw usageError(
        say(`${path} 不是有效的 .xlsx 文件（${(e as Error).message}）`, `${path} is not a valid .xlsx file (${(e as Error).message})`),
        say('用 Excel 打开后另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8”再导入', 'open it in Excel and save as "Excel Workbook (*.xlsx)" or "CSV UTF-8", then import again'),
      );
    }
    throw e;
  }
  // Columns at the right that are empty everywhere come from formatting, not data: a CSV export would not hold them.
  const texts = rows.map((row) => row.map(cellText));
  let width = 0;
  for (const t of texts) for (let c = t.length - 1; c >= width; c--) if (t[c]!.trim() !== '') { width = c + 1; break; }
  const records: CsvRecord[] = texts.map((t, i) => ({ line: i + 1, fields: t.length > width ? t.slice(0, width) : t }));
  const first = records.findIndex((r) => r.fields.some((v) => v.trim() !== ''));
  if (first < 0) throw usageError(say('工作表是空的', 'the sheet is empty'));
  const data = records.slice(first);
  const header = data.shift()!;
  let given = false;
  return {
    encoding: 'xlsx',
    delimiter: '',
    header,
    typed: true,
    bytesRead: () => (given ? size : 0),
    batches() {
      return (async function* () {
        for (let at = 0; at < data.length; at += BATCH_SIZE) {
          if (at + BATCH_SIZE >= data.length) given = true;
          yield data.slice(at, at + BATCH_SIZE);
        }
        given = true;
      })();
    },
  };
}

/** A cell as text: strings as they are, dates as ISO, numbers as written in the file, booleans as 是/否. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return spreadsheetDate(v) ?? '';
  if (typeof v === 'number') return numberCellText(String(v));
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

// Spreadsheets as offices really send them (SPEC 7): a title row above the header, a total row at
// the bottom, Excel serial dates, unit and post in one cell, reporter numbers in columns nobody
// named. Pure rules over strings; the importer (usecases/import-prepare.ts) applies them.

import type { IsoDate } from './dates.js';
import { normalizeIdNumber, normalizePhone } from './reporter.js';

/** Rows looked at for the header row: a title, a subtitle, a blank row or two come before it. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Which of the first rows is the header: the first with at least two known headers, else the
 * one with the most (at least one), else the first row. `known(cell)` says whether a cell is a
 * header the importer recognises. Returns an index into `rows`.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], known: (cell: string) => boolean): number {
  let best = 0, bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    let score = 0;
    for (const cell of rows[i]!) if (cell.trim() !== '' && known(cell)) score++;
    if (score >= 2) return i;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

const TOTAL_WORDS = /^(合计|总计|小计|共计|累计|总数|total)/i;

/**
 * A total row (合计, 共6件, ...): its first non-empty cell among the first three starts with
 * 合计, 总计, 小计, 共计, 累计 or 总数 (spaces inside ignored: 合　计). It is no petition: the
 * importer drops it rather than rejecting it.
 */
export function isTotalRow(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length && i < 3; i++) {
    const v = fields[i]!;
    if (v.trim() === '') continue;
    // Called for every row: most first cells leave at their first character.
    if (!TOTAL_FIRST.has(v.trimStart()[0]!)) return false;
    return TOTAL_WORDS.test(v.replace(/[\s\u3000]/g, ''));
  }
  return false;
}

const TOTAL_FIRST = new Set(['合', '总', '小', '共', '累', 't', 'T']);

/** The calendar date of a Date that a spreadsheet reader made from a date cell (UTC midnight). */
export function spreadsheetDate(d: Date): IsoDate | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  // Readers build the date in UTC; a time of day just before midnight is rounding, not the day before.
  const t = new Date(d.getTime() + 1000);
  const y = t.getUTCFullYear(), m = t.getUTCMonth() + 1, day = t.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A number cell as text, the way a clerk reads it: integers in full (never 6.20105E+17 when the
 * number is exact), other numbers as JavaScript prints them. `written` is the cell's text as the
 * file stores it, kept when it already is plain digits.
 */
export function numberCellText(written: string): string {
  if (/^-?\d+(\.\d+)?$/.test(written)) return written.replace(/\.0+$/, '');
  const n = Number(written);
  if (!Number.isFinite(n)) return written;
  // Excel writes an 18-digit ID typed as a number as 6.20105199001011E+17: keep what the file says.
  // Its damage is reported where the ID is checked (looksExcelDamagedId).
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return String(n);
  return written;
}

/**
 * A cell holding unit and post together (工作单位及职务): split where the cell separates them
 * (space, 、，,/;；), else before a post word at its end (局长, 主任, 书记, 镇长, 会计 ...) when a
 * unit word (局, 委, 政府, 公司, 村 ...) ends what comes before. Otherwise it is all unit.
 */
export function splitUnitAndPost(cell: string): { unit?: string; post?: string } {
  const s = cell.trim();
  if (s === '') return {};
  const sep = /^(.+?)\s*[\s、，,/／;；]\s*([^\s、，,/／;；]+)$/.exec(s);
  if (sep) return { unit: sep[1]!.trim(), post: sep[2]!.trim() };
  const m = UNIT_THEN_POST.exec(s);
  if (m) return { unit: m[1], post: m[2] };
  return { unit: s };
}

const UNIT_END = '(?:局|委|办|院|所|站|镇|乡|村|厅|处|科|部|队|馆|会|厂|场|行|社|中心|公司|学校|小学|中学|政府|委员会|社区|街道|医院|银行|集团)';
const POST = '(?:(?:党组|党委|党工委|党支部|党总支)?(?:常务)?副?(?:书记|[局处科院所站镇乡县市区村组队馆厂场行社校部]长|主任|经理|会计|出纳|主席|委员|干部|职工|支书|文书|教师|医生|科员|办事员|主管|总监|秘书|董事长|总经理))';
const UNIT_THEN_POST = new RegExp(`^(.+?${UNIT_END})(${POST})$`);

/** What a cell of an unnamed column looks like, when it could be a reporter's number. */
export type NumberShape = 'phone' | 'id';

/**
 * Whether a whole cell is a phone number (a mobile number, or a landline with its area code) or
 * an ID number (18 or 15 digits, or Excel's 6.20105E+17): reporter data in a column the importer
 * does not know must not be kept verbatim (SPEC 5).
 */
export function numberShape(cell: string): NumberShape | undefined {
  const s = cell.trim();
  if (s.length < 7 || s.length > 24) return undefined;
  const c = s.charCodeAt(0);
  // Only cells that start like a number: most cells are text and leave here.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 40 || (c >= 0xff10 && c <= 0xff19))) return undefined;
  const id = normalizeIdNumber(s);
  if (/^\d{17}[\dX]$/.test(id) || /^\d{15}$/.test(id) || /^\d(\.\d+)?E\+?1[47]$/.test(id)) return 'id';
  if (!/^[\d\s\-+()（）０-９]+$/.test(s)) return undefined;
  const digits = normalizePhone(s);
  if (/^1[3-9]\d{9}$/.test(digits)) return 'phone';
  if (/^0\d{2,3}\d{7,8}$/.test(digits) && /[\s\-()（）]/.test(s)) return 'phone';
  return undefined;
}

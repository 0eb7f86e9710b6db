// The reporter (举报人) and what may be shown of them: normalisation for matching across items,
// masking for every output, and the ID-card checksum.

import { foldInput, nonEmpty } from './text.js';

export interface Reporter {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  /**
   * Imported columns that hold reporter data under a header no field takes (`--map HEADER=sealed`,
   * SPEC 5): header → value, sealed with the reporter, never kept in plaintext, never matched on.
   */
  sealed?: Record<string, string>;
  /**
   * The sealed block that holds this reporter could not be opened (damaged or altered): only that
   * block's items show the reporter as damaged; every other item reads as usual (SPEC 5).
   */
  damaged?: true;
}

/** The four reporter fields a clerk gives (sealed columns are not among them). */
export type ReporterField = Exclude<keyof Reporter, 'sealed' | 'damaged'>;
export const REPORTER_FIELDS: readonly ReporterField[] = ['name', 'idNumber', 'phone', 'address'];

export function isEmptyReporter(r: Reporter): boolean {
  return REPORTER_FIELDS.every((f) => r[f] === undefined) && (r.sealed === undefined || Object.keys(r.sealed).length === 0);
}

/**
 * A reporter is taken as real-name (实名) when they give a name and a way to reach them (SPEC 7).
 */
export function looksRealName(r: Reporter): boolean {
  return r.name !== undefined && (r.phone !== undefined || r.address !== undefined);
}

// --- normalisation: the form a keyed hash is taken of, so that 138 0000 1234 matches 13800001234.
export function normalizeName(s: string): string {
  return foldInput(s).replace(/[\s·•.]/g, '');
}
export function normalizeIdNumber(s: string): string {
  return foldInput(s).replace(/[\s-]/g, '').toUpperCase();
}
export function normalizePhone(s: string): string {
  let digits = foldInput(s).replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits;
}
export function normalizeAddress(s: string): string {
  return foldInput(s).replace(/\s/g, '');
}

/**
 * The form of an ID number that is matched across items (SPEC 7, issue 10): an old 15-digit
 * number as its 18-digit form (so both cards of one person match), and '' — no matching key at
 * all — for a number that fails its check (Excel's 6.20105E+17 or trailing 000s, a typo): two
 * strangers whose IDs Excel cut to the same …000 must not be taken for one reporter.
 */
export function matchableIdNumber(s: string): string {
  const n = normalizeIdNumber(s);
  if (/^\d{15}$/.test(n)) return upgradeIdNumber(n);
  return checkIdNumber(n) === 'ok' ? n : '';
}

/**
 * A first-generation 15-digit ID number in its 18-digit form (GB 11643-1999): the year gains
 * its century (19), and the check character is appended. Any other input is returned as given.
 */
export function upgradeIdNumber(id15: string): string {
  if (!/^\d{15}$/.test(id15)) return id15;
  const body = id15.slice(0, 6) + '19' + id15.slice(6);
  return body + idCheckChar(body);
}

export const NORMALIZERS: Record<ReporterField, (s: string) => string> = {
  name: normalizeName,
  idNumber: matchableIdNumber,
  phone: normalizePhone,
  address: normalizeAddress,
};

// --- masking (SPEC 5): 王*, 620105********1234, 138****5678.
export function maskName(s: string | undefined): string | undefined {
  const t = nonEmpty(s);
  if (t === undefined) return undefined;
  const chars = [...t];
  // One star whatever the length: the length of a name says something too.
  return chars[0] + '*';
}

export function maskIdNumber(s: string | undefined): string | undefined {
  const t = nonEmpty(s);
  if (t === undefined) return undefined;
  if (t.length <= 6) return '*'.repeat(t.length);
  const keepTail = t.length >= 15 ? 4 : 2;
  const keepHead = t.length >= 15 ? 6 : 2;
  return t.slice(0, keepHead) + '*'.repeat(t.length - keepHead - keepTail) + t.slice(t.length - keepTail);
}

export function maskPhone(s: string | undefined): string | undefined {
  const t = nonEmpty(s);
  if (t === undefined) return undefined;
  // The normalised number, so that +86 and full-width digits mask like the plain number.
  const digits = normalizePhone(t);
  if (digits.length < 7) return '*'.repeat(t.length);
  // Hide at least four digits: a short local number keeps only its tail, never all of it.
  const head = digits.length >= 11 ? 3 : 0;
  const tail = Math.min(4, digits.length - head - 4);
  return digits.slice(0, head) + '*'.repeat(digits.length - head - tail) + digits.slice(digits.length - tail);
}

/** Keeps the province/city prefix (up to the first 市, 州 or 县), hides the rest. */
export function maskAddress(s: string | undefined): string | undefined {
  const t = nonEmpty(s);
  if (t === undefined) return undefined;
  const chars = [...t];
  const cut = chars.findIndex((c, i) => i >= 2 && i <= 8 && (c === '市' || c === '州' || c === '县'));
  const keep = cut >= 0 ? cut + 1 : Math.min(3, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + '****';
}

export function maskReporter(r: Reporter): Reporter {
  return {
    name: maskName(r.name),
    idNumber: maskIdNumber(r.idNumber),
    phone: maskPhone(r.phone),
    address: maskAddress(r.address),
  };
}

// --- ID card number (GB 11643): 18 characters, the last a MOD 11-2 check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCheck = 'ok' | 'bad-checksum' | 'bad-format';

export function checkIdNumber(input: string): IdCheck {
  const s = normalizeIdNumber(input);
  if (/^\d{15}$/.test(s)) return 'ok'; // first-generation card: no check character
  if (!/^\d{17}[\dX]$/.test(s)) return 'bad-format';
  return idCheckChar(s) === s[17] ? 'ok' : 'bad-checksum';
}

/** The MOD 11-2 check character of the first 17 digits of `s`. */
function idCheckChar(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * Whether an ID number that fails its check looks damaged by Excel rather than mistyped: Excel
 * keeps 15 significant digits, so an 18-digit number typed into a number cell comes out as
 * 6.20105E+17 (scientific notation) or with its last digits turned to 0 (620105199001011000).
 */
export function looksExcelDamagedId(input: string): boolean {
  const s = normalizeIdNumber(input);
  if (/^\d(\.\d+)?E\+?\d{1,2}$/.test(s)) return true;
  return /^\d{16}00$/.test(s) && checkIdNumber(s) !== 'ok';
}

/**
 * Which reporter field a look-up term names (`list --reporter`, SPEC 5): an ID number (15 or 18
 * characters, digits and a final X), a phone number (7 or more digits once separators and +86
 * are removed), else a name.
 */
export function reporterTermKind(term: string): 'idNumber' | 'phone' | 'name' {
  const id = normalizeIdNumber(term);
  if (/^\d{15}$|^\d{17}[\dX]$/.test(id)) return 'idNumber';
  if (/^\+?[\d\s()（）-]+$/.test(foldInput(term)) && normalizePhone(term).length >= 7) return 'phone';
  return 'name';
}

/** A search term shaped like a phone or ID number: `--search` refuses it and points to `--reporter` (SPEC 5). */
export function looksLikeReporterNumber(term: string): boolean {
  return reporterTermKind(term) !== 'name';
}

// The reporter (举报人) and what may be shown of them: normalisation for matching across items,
// masking for every output, and the ID-card checksum.

import { foldInput, nonEmpty } from './text.js';

export interface Reporter {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

export type ReporterField = keyof Reporter;
export const REPORTER_FIELDS: readonly ReporterField[] = ['name', 'idNumber', 'phone', 'address'];

export function isEmptyReporter(r: Reporter): boolean {
  return REPORTER_FIELDS.every((f) => r[f] === undefined);
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

export const NORMALIZERS: Record<ReporterField, (s: string) => string> = {
  name: normalizeName,
  idNumber: normalizeIdNumber,
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
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17] ? 'ok' : 'bad-checksum';
}

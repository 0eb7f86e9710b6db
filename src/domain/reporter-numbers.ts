// Phone and ID numbers inside free text (SPEC 5, issue 8 item 1): a column the importer does not
// know is kept verbatim only when none of its cells carries a reporter's number, however it is
// written — `'13912340003` (Excel's text prefix), `tel:13912340003`, `139.1234.0003`,
// `王五13912340003`, `电话139 1234 0003`, `13912340003；13812345678`, full-width digits,
// `举报人：王五 身份证620105199001011234`. Pure string rules; the importer applies them.
//
// False positives are kept low by reading numbers as a whole: a run of digit groups joined by
// single separators (space, dot, dash, brackets) is tried group-aligned, never inside a group, so
// an 18-digit account number holds no phone; every group of a joined number has at least three
// digits (dates 2016-06-03 and 2016.6.3 never join); an ID must have a region code and a real
// birth date; a landline needs its area code set apart (0931-8123456). References such as
// 甘纪转〔2016〕12号, money (1,234.50), postcodes (730000) and dates are not numbers of a person.

import { normalizeIdNumber, normalizePhone } from './reporter.js';
import { numberShape, type NumberShape } from './spreadsheet.js';

export interface ReporterNumber {
  shape: NumberShape;
  /** The number's digits as found (an ID's final X upper-cased, +86 dropped): for a masked message. */
  digits: string;
  /** Whether the whole cell is the number (then it could be mapped to the reporter field itself). */
  whole: boolean;
}

/** Characters that may sit between the digit groups of one number. */
const SEPARATORS = new Set([' ', '.', '-', '(', ')', '/', '\u00a0', '\u00b7', '\u30fb', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;
const ID18 = /^[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ID15 = /^[1-8]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a cell has at least seven digits (ASCII or full-width): most cells leave here. */
function hasSevenDigits(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      if (++n >= 7) return true;
    }
  }
  return false;
}

/**
 * The first phone or ID number in a cell, or undefined. A cell that is wholly a number in a form
 * `numberShape` knows (Excel's 6.20105E+17 included) is `whole`; otherwise numbers are looked for
 * inside the text after NFKC (full-width digits and spaces), a leading apostrophe ignored.
 */
export function findReporterNumber(cell: string): ReporterNumber | undefined {
  if (!hasSevenDigits(cell) && !/E\+?1[47]/i.test(cell)) return undefined;
  const bare = cell.trim().replace(/^'+/, '');
  const shape = numberShape(bare);
  if (shape !== undefined) return { shape, digits: shape === 'phone' ? normalizePhone(bare) : normalizeIdNumber(bare), whole: true };
  const s = cell.normalize('NFKC');
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(s.charCodeAt(i))) {
      i++;
      continue;
    }
    // One run: digit groups joined by single separators; an X ends a group (an ID's check character).
    const groups: string[] = [];
    let j = i;
    for (;;) {
      let k = j;
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      let g = s.slice(j, k);
      if (k < n && (s[k] === 'X' || s[k] === 'x') && !(k + 1 < n && /[A-Za-z]/.test(s[k + 1]!))) {
        g += 'X';
        k++;
      }
      groups.push(g);
      if (!g.endsWith('X') && k + 1 < n && SEPARATORS.has(s[k]!) && isDigit(s.charCodeAt(k + 1))) {
        j = k + 1;
        continue;
      }
      i = k;
      break;
    }
    const hit = matchGroups(groups);
    if (hit) return { ...hit, whole: false };
  }
  return undefined;
}

/** A number made of whole consecutive groups: a mobile, an ID, or a landline with its area code apart. */
function matchGroups(groups: readonly string[]): Omit<ReporterNumber, 'whole'> | undefined {
  for (let a = 0; a < groups.length; a++) {
    let joined = '';
    for (let b = a; b < groups.length; b++) {
      const g = groups[b]!;
      // A number written in parts has no part shorter than three digits (dates never join).
      if (b > a && (g.length < 3 || groups[a]!.length < 3)) break;
      joined += g;
      if (joined.length > 18) break;
      if (joined.endsWith('X') && b < groups.length - 1 && !ID18.test(joined)) break;
      const mobile = MOBILE.exec(joined.endsWith('X') ? joined.slice(0, -1) : joined);
      if (mobile) return { shape: 'phone', digits: mobile[1]! };
      if (ID18.test(joined) || ID15.test(joined)) return { shape: 'id', digits: joined };
      if (b === a + 1 && /^0\d{2,3}$/.test(groups[a]!) && /^[2-9]\d{6,7}$/.test(g)) return { shape: 'phone', digits: joined };
    }
  }
  return undefined;
}

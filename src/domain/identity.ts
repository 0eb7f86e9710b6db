// What identifies an item across re-typing and re-saving (SPEC 7, issue 10): the (forwarding organ,
// reference) key compared after folding, and the content compared after normalising line endings
// and white space. Values are stored as given; only comparisons use these forms.

import type { ItemDraft } from './item.js';

const OPEN_BRACKETS = /[[(（【〔［〖｛{〈《⦅]/g;
const CLOSE_BRACKETS = /[\])）】〕］〗｝}〉》⦆]/g;

/**
 * An organ or a reference number folded for comparison: NFKC (full-width digits and letters as
 * ASCII), every white space removed, and every bracket form — 〔〕 [] () （） 【】 〖〗 — read as 〔〕.
 * 甘纪转[2016] 12号, 甘纪转（2016）12号 and 甘纪转〔２０１６〕１２号 all fold to 甘纪转〔2016〕12号.
 */
export function foldIdentity(s: string): string {
  // Already folded: only CJK unified ideographs (no compatibility forms there), ASCII letters and
  // digits, 〔〕 and hyphens, which NFKC leaves alone. Most references are; this runs on every row.
  if (FOLDED.test(s)) return s;
  return s.normalize('NFKC').replace(/\s+/g, '').replace(OPEN_BRACKETS, '〔').replace(CLOSE_BRACKETS, '〕');
}

const FOLDED = /^[\u4e00-\u9fff0-9A-Za-z〔〕-]*$/;

/**
 * The key that identifies an item from a superior (SPEC 7): the folded organ and the folded
 * reference, joined by a NUL (which neither can hold). Undefined when either is missing: such an
 * item is identified by its content instead.
 */
export function identityKey(forwardedBy: string | undefined | null, ref: string | undefined | null): string | undefined {
  if (forwardedBy == null || ref == null) return undefined;
  const organ = foldIdentity(forwardedBy), number = foldIdentity(ref);
  if (organ === '' || number === '') return undefined;
  return `${organ}\u0000${number}`;
}

/**
 * identityKey as the registry stores it (the items' `ref_key` column): the unit separator instead
 * of NUL between organ and reference, since PostgreSQL text cannot hold NUL; null when there is none.
 */
export function storedIdentityKey(forwardedBy: string | undefined | null, ref: string | undefined | null): string | null {
  const key = identityKey(forwardedBy, ref);
  return key === undefined ? null : key.replace('\u0000', '\u001f');
}

/** Anything normalizeContent would change: a line end, a blank other than a single space, two spaces, blanks at either end. */
const NEEDS_NORMALIZING = /[\r\n\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|^ | $/;

/**
 * Text as compared for "the same content": CRLF and CR read as LF, runs of blanks (spaces, tabs,
 * the ideographic space, no-break spaces) read as one space, blanks around line ends and at both
 * ends dropped. A file re-saved with LF instead of CRLF, or re-typed with other spacing, compares
 * the same.
 */
export function normalizeContent(s: string): string {
  // Most values have nothing to normalise; one test keeps re-import hashing cheap at a million rows.
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * The whole content of a draft as compared on re-import (SPEC 7: "an identical row already present
 * is skipped; content compared after the same normalisation"): every field, the organ and
 * reference folded as in identityKey, every other text (reporter values included) through
 * normalizeContent, extra and sealed columns by sorted header. Unit separators between fields, so no value can make two drafts read alike.
 * The store takes a keyed digest of this text as the item's fingerprint.
 */
export function contentText(d: ItemDraft): string {
  const text = (v: string | undefined) => (v === undefined ? '\u0002' : normalizeContent(v));
  const folded = (v: string | undefined) => (v === undefined ? '\u0002' : foldIdentity(v));
  const r = d.reporter;
  return [
    d.received, d.source, folded(d.forwardedBy), folded(d.ref), d.channel, d.kind, text(d.category), text(d.summary),
    text(r.name), text(r.idNumber), text(r.phone), text(r.address), d.realName ? '1' : '0',
    text(d.accusedName), text(d.accusedUnit), text(d.accusedPost), text(d.accusedRank),
    columns(d.extra), columns(r.sealed),
  ].join('\u001f');
}

function columns(c: Record<string, string> | undefined): string {
  if (c === undefined) return '';
  const keys = Object.keys(c);
  if (keys.length === 0) return '';
  return keys.sort().map((k) => `${normalizeContent(k)}\u001e${normalizeContent(c[k]!)}`).join('\u001d');
}

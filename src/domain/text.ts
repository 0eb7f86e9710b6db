// Text folding used wherever a clerk's input is matched: trimming and full-width → half-width
// (ＡＢＣ１２３ → ABC123, the ideographic space → a space). NFKC does exactly that fold for
// the characters clerks type; stored text is kept as given.

export function foldInput(s: string): string {
  return s.normalize('NFKC').trim();
}

/**
 * Characters that show nothing: white space (Zs and the rest of \s), format characters (Cf: zero
 * width space U+200B, joiners, U+FEFF, bidi marks …), the Hangul fillers U+115F U+1160 U+3164 U+FFA0
 * and the blank braille pattern U+2800, which fonts draw as empty.
 */
const BLANK_LOOKING = /^[\s\p{Zs}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]*$/u;
/** Any one character that shows nothing but is no plain space: in a name, it makes two names look alike. */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/u;

/**
 * Whether text shows nothing on screen or paper: empty, or only blank-looking characters
 * (BLANK_LOOKING). An operator or a reason that reads as blank is refused (SPEC 5).
 */
export function isBlank(s: string): boolean {
  // Most text leaves at its first character: ASCII and CJK ideographs are never blank-looking.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c < 0x7f || (c >= 0x4e00 && c <= 0x9fff)) return false;
    break;
  }
  return BLANK_LOOKING.test(s);
}

/** Whether text holds a character that shows nothing and is no plain space (U+200B, U+3164, U+2800 …). */
export function hasInvisible(s: string): boolean {
  return INVISIBLE.test(s);
}

/** Trimmed text, or undefined when nothing visible is left (a reason of only U+200B or U+3164 is no reason: isBlank). */
export function nonEmpty(s: string | undefined | null): string | undefined {
  if (s == null) return undefined;
  const t = s.trim();
  return t === '' || isBlank(t) ? undefined : t;
}

// --- showing text from outside safely (SPEC 5) ---------------------------------------------

/**
 * Characters a terminal acts on rather than shows: C0 controls, DEL, C1 controls (0x9B is an
 * 8-bit CSI), the line and paragraph separators, and the bidirectional overrides and isolates
 * that reorder what is read ("Trojan Source").
 */
const UNSAFE = /\r\n|[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text as a person may safely see it on a terminal: every control character and escape
 * introducer is written out as visible ASCII — `\n`, `\r`, `\t` by name, other characters up to
 * U+00FF as `\xHH` (ESC → `\x1b`, so an OSC 52 clipboard write shows as `\x1b]52;…`), the rest as
 * `\uHHHH`. Printable text, CJK and emoji are unchanged. With `newlines`, a line break (LF or
 * CRLF, given back as LF) is kept for layouts that show several lines; a lone CR never is, since
 * it moves the cursor back over what was printed. A backslash already in the text is left as it
 * is (paths like C:\data stay readable), so a literally typed `\x1b` looks like an escaped ESC;
 * neither can act on the terminal. JSON and raw CSV keep text exactly and do not call this.
 */
export function visibleText(s: string, o: { newlines?: boolean } = {}): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE, (c) => {
    if (o.newlines && (c === '\n' || c === '\r\n')) return '\n';
    if (c === '\r\n') return '\\r\\n';
    const named = NAMED[c];
    if (named) return named;
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/**
 * First characters that make a spreadsheet run a cell as a formula or a DDE command (OWASP's
 * CSV-injection list: = + - @ tab CR) and their full-width forms, which Excel on Chinese Windows
 * also accepts (SPEC 5).
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** Whether a cell, after any leading apostrophes, starts with a formula trigger. */
function startsFormula(s: string): boolean {
  let i = 0;
  while (s[i] === "'") i++;
  return i < s.length && FORMULA_TRIGGERS.has(s[i]!);
}

/**
 * A cell for CSV meant for people (SPEC 5): one `'` is put before a cell that, after any
 * apostrophes it already starts with, begins with a formula trigger (`=1` → `'=1`, `'=1` →
 * `''=1`). Other cells are unchanged. `restoreFormula` is the exact inverse for every string.
 */
export function neutralizeFormula(s: string): string {
  return startsFormula(s) ? "'" + s : s;
}

/**
 * What `neutralizeFormula` wrote, read back (importing a rejects file): drops one leading `'`
 * when the rest, after its own leading apostrophes, begins with a formula trigger. `'abc` stays.
 */
export function restoreFormula(s: string): string {
  return s.startsWith("'") && startsFormula(s.slice(1)) ? s.slice(1) : s;
}

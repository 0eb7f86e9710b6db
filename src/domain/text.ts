// Text folding used wherever a clerk's input is matched: trimming and full-width → half-width
// (ＡＢＣ１２３ → ABC123, the ideographic space → a space). NFKC does exactly that fold for
// the characters clerks type; stored text is kept as given.

export function foldInput(s: string): string {
  return s.normalize('NFKC').trim();
}

/** Trimmed text, or undefined when nothing is left. */
export function nonEmpty(s: string | undefined | null): string | undefined {
  if (s == null) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
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

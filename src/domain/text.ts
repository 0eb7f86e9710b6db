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

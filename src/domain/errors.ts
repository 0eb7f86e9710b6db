// Errors are values of a few kinds, each mapped to one exit code (SPEC 6) in one place.
// Every message exists in Chinese and English; the command line picks one by --lang.

export type Bilingual = { readonly zh: string; readonly en: string };

export function say(zh: string, en: string): Bilingual {
  return { zh, en };
}

export type ErrorKind = 'usage' | 'not-found' | 'refused' | 'internal' | 'integrity' | 'cancelled';

export const EXIT_CODES: Record<ErrorKind, number> = {
  internal: 1,
  usage: 2,
  'not-found': 3,
  refused: 4,
  /** `audit verify` found an altered, missing or added entry or row (SPEC 5, 6). */
  integrity: 5,
  /** Ctrl-C or Ctrl-D at a prompt; nothing written (SPEC 6). */
  cancelled: 130,
};

export class XinfangError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly text: Bilingual,
    readonly hint?: Bilingual,
    /** Extra lines (e.g. every rejected CSV row) printed after the message. */
    readonly details: readonly Bilingual[] = [],
  ) {
    super(text.en);
    this.name = 'XinfangError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export const usageError = (text: Bilingual, hint?: Bilingual, details?: readonly Bilingual[]) =>
  new XinfangError('usage', text, hint, details);
export const notFound = (text: Bilingual, hint?: Bilingual) => new XinfangError('not-found', text, hint);
export const refused = (text: Bilingual, hint?: Bilingual) => new XinfangError('refused', text, hint);
/** The clerk stopped at a prompt (Ctrl-C, Ctrl-D, or declined to confirm): exit 130, nothing written. */
export const cancelled = (text: Bilingual = say('已取消，未登记', 'cancelled, nothing registered')) => new XinfangError('cancelled', text);
export const integrityError = (text: Bilingual, hint?: Bilingual, details?: readonly Bilingual[]) =>
  new XinfangError('integrity', text, hint, details);
export const internalError = (text: Bilingual, hint?: Bilingual) => new XinfangError('internal', text, hint);

// Text in the clerk's language: every message is written in Chinese and English side by side.

import type { Bilingual } from '../domain/errors.js';
import type { Lang } from '../domain/vocabulary.js';

export function t2(f: { lang: Lang }, zh: string, en: string): string {
  return f.lang === 'zh' ? zh : en;
}

export function pick(lang: Lang, b: Bilingual): string {
  return b[lang];
}

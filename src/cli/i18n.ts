// Text in the clerk's language: every message is written in Chinese and English side by side.

import type { Lang } from '../domain/vocabulary.js';

export function t2(f: { lang: Lang }, zh: string, en: string): string {
  return f.lang === 'zh' ? zh : en;
}

// Parsing option values shared by commands: dates, coded values, numbers, periods. Each bad
// value is a usage error naming the flag, the value and what is accepted.

import { readDate, type IsoDate } from '../domain/dates.js';
import { say, usageError } from '../domain/errors.js';
import { readPeriod, type Period } from '../domain/periods.js';
import type { Vocabulary } from '../domain/vocabulary.js';

/** Every date option goes through the domain's one date reader (SPEC 6; Excel serials and the year range included). */
export function dateOption(flag: string, value: string): IsoDate {
  return readDate(flag, value);
}

/** One or more comma-separated values of a vocabulary. */
export function codedListOption<C extends string>(flag: string, value: string, v: Vocabulary<C>): C[] {
  return value.split(/[,，、]/).map((part) => part.trim()).filter((p) => p !== '').map((part) => codedOption(flag, part, v));
}

export function codedOption<C extends string>(flag: string, value: string, v: Vocabulary<C>): C {
  const code = v.parse(value);
  if (code !== undefined) return code;
  throw usageError(say(`${flag} “${value}”：无法识别（可用：${v.accepted('zh')}）`, `${flag} "${value}": unknown ${v.name.en} (accepted: ${v.accepted('en')})`));
}

export function positiveIntOption(flag: string, value: string): number {
  const n = Number(value.trim());
  if (Number.isInteger(n) && n > 0) return n;
  throw usageError(say(`${flag} “${value}”：应为正整数`, `${flag} "${value}": expected a positive whole number`));
}

export function periodOption(flag: string, value: string, today: IsoDate, monthStartDay?: number): Period {
  return readPeriod(flag, value, { today, monthStartDay });
}

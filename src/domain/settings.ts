// The office's settings (`xinfang config`, SPEC 4 and 6.1): deadline lengths, the business-month
// start day, the office's name. One table says each key's kind, bounds, default and meaning; the
// command, the JSON and the help all read it.

import { say, usageError, type Bilingual } from './errors.js';
import { foldInput } from './text.js';

export type SettingKey =
  | 'deadline.accept'
  | 'deadline.notify'
  | 'deadline.handle'
  | 'deadline.extension'
  | 'deadline.reply'
  | 'period.monthStartDay'
  | 'office.name';

export type SettingValue = number | string;

interface IntSetting {
  kind: 'int';
  min: number;
  max: number;
  default: number;
  unit: Bilingual;
  meaning: Bilingual;
}

interface TextSetting {
  kind: 'text';
  maxLength: number;
  default: string;
  meaning: Bilingual;
}

export type SettingSpec = IntSetting | TextSetting;

const WORKING_DAYS = say('个工作日', 'working days');
const DAYS = say('天', 'calendar days');

/** Every setting, in the order `config` lists them. Defaults: SPEC 4 (rules of 2020 and regulations of 2022). */
export const SETTINGS: Readonly<Record<SettingKey, SettingSpec>> = {
  'deadline.accept': {
    kind: 'int', min: 1, max: 60, default: 5, unit: WORKING_DAYS,
    meaning: say('收件后完成分办（受理审查）的期限', 'triage (scope, duplicate, assignment or disposal) after receipt'),
  },
  'deadline.notify': {
    kind: 'int', min: 1, max: 60, default: 15, unit: WORKING_DAYS,
    meaning: say('收件后告知实名反映人是否受理的期限', 'telling a real-name reporter whether the item is accepted, after receipt'),
  },
  'deadline.handle': {
    kind: 'int', min: 1, max: 365, default: 60, unit: DAYS,
    meaning: say('交办后办结的期限（交办时未定期限时）', 'concluding an assigned item, after assignment (when the assignment sets no due date)'),
  },
  'deadline.extension': {
    kind: 'int', min: 0, max: 365, default: 30, unit: DAYS,
    meaning: say('办理期限可延长的最多天数（每次交办一次；0 为不得延期）', 'the longest extension of the handling deadline (one per assignment; 0: none)'),
  },
  'deadline.reply': {
    kind: 'int', min: 1, max: 60, default: 15, unit: WORKING_DAYS,
    meaning: say('办结后向实名反映人答复结果的期限', 'replying with the result to a real-name reporter, after conclusion'),
  },
  'period.monthStartDay': {
    kind: 'int', min: 1, max: 28, default: 1, unit: say('日', 'day of month'),
    meaning: say('统计月份的起始日（如 21：6 月为 5 月 21 日至 6 月 20 日）', 'first day of the business month (21: June is 21 May to 20 June)'),
  },
  'office.name': {
    kind: 'text', maxLength: 100, default: '',
    meaning: say('单位名称（用于报表与简报）', 'the office’s name (on reports and bulletins)'),
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Deadline lengths (SPEC 4): working days for accept, notify, reply; calendar days for handle and extension. */
export interface DeadlineSettings {
  accept: number;
  notify: number;
  handle: number;
  extension: number;
  reply: number;
}

/** Every setting as a typed value. */
export interface Settings {
  deadlines: DeadlineSettings;
  monthStartDay: number;
  officeName: string;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/** A setting key as typed, or a usage error listing every key. */
export function readSettingKey(input: string): SettingKey {
  const key = foldInput(input);
  const found = SETTING_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
  if (found) return found;
  throw usageError(
    say(`没有设置项“${input}”（可用：${SETTING_KEYS.join('、')}）`, `no setting "${input}" (accepted: ${SETTING_KEYS.join(', ')})`),
    say('运行 xinfang config 查看全部设置', 'run xinfang config to see every setting'),
  );
}

/**
 * A value as typed for a key, checked: whole numbers within the key's bounds, text within its
 * length. A bad value is a usage error naming the key, the value and what is accepted.
 */
export function parseSettingValue(key: SettingKey, input: string): SettingValue {
  const spec = SETTINGS[key];
  const s = foldInput(input);
  if (spec.kind === 'text') {
    if ([...s].length > spec.maxLength) {
      throw usageError(say(`${key}：不超过 ${spec.maxLength} 个字`, `${key}: at most ${spec.maxLength} characters`));
    }
    if (/[\u0000-\u001f\u007f]/.test(s)) throw usageError(say(`${key}：不能含控制字符`, `${key}: no control characters`));
    return s;
  }
  const n = /^[+]?\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max) {
    throw usageError(say(
      `${key} “${input}”：应为 ${spec.min} 至 ${spec.max} 之间的整数（${spec.unit.zh}）`,
      `${key} "${input}": expected a whole number from ${spec.min} to ${spec.max} (${spec.unit.en})`,
    ));
  }
  return n;
}

/** The default of a key. */
export function settingDefault(key: SettingKey): SettingValue {
  return SETTINGS[key].default;
}

/**
 * Typed settings from stored texts (key → text as stored, absent = default). A stored text that
 * no longer passes the checks (an older version's, or edited by hand) falls back to the default
 * and is named in `invalid`, so that the caller can warn rather than fail.
 */
export function settingsFrom(stored: Partial<Record<SettingKey, string>>): { settings: Settings; invalid: SettingKey[] } {
  const invalid: SettingKey[] = [];
  const value = <T extends SettingValue>(key: SettingKey): T => {
    const raw = stored[key];
    if (raw === undefined) return SETTINGS[key].default as T;
    try {
      return parseSettingValue(key, raw) as T;
    } catch {
      invalid.push(key);
      return SETTINGS[key].default as T;
    }
  };
  return {
    settings: {
      deadlines: {
        accept: value('deadline.accept'),
        notify: value('deadline.notify'),
        handle: value('deadline.handle'),
        extension: value('deadline.extension'),
        reply: value('deadline.reply'),
      },
      monthStartDay: value('period.monthStartDay'),
      officeName: value('office.name'),
    },
    invalid,
  };
}

export const DEFAULT_SETTINGS: Settings = settingsFrom({}).settings;

/** A value written the way `config` prints it (text as is; numbers as numerals). */
export function settingText(value: SettingValue): string {
  return typeof value === 'number' ? String(value) : value;
}

// Reading and changing the office's settings (`xinfang config`). Each setting is one row of the
// registry's meta table under `config.KEY`; a change and its audit entry land in one transaction.

import { say } from '../domain/errors.js';
import {
  parseSettingValue, readSettingKey, SETTING_KEYS, SETTINGS, settingDefault, settingsFrom, settingText,
  type SettingKey, type Settings, type SettingValue,
} from '../domain/settings.js';
import { appendAudit } from '../store/audit.js';
import { getMeta, setMeta } from '../store/meta.js';
import type { UseCaseContext } from './context.js';

const metaKey = (key: SettingKey) => `config.${key}`;

type Ctx = Pick<UseCaseContext, 'registry' | 'now' | 'operator' | 'warn'>;

/** One setting as `config` shows it. */
export interface SettingEntry {
  key: SettingKey;
  value: SettingValue;
  default: SettingValue;
  /** Set by the office (a stored value), rather than the default. */
  set: boolean;
}

async function storedTexts(ctx: Ctx): Promise<Partial<Record<SettingKey, string>>> {
  const stored: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const v = await getMeta(ctx.registry.db, metaKey(key));
    if (v !== undefined) stored[key] = v;
  }
  return stored;
}

/**
 * Every setting, typed. A stored value that no longer passes the checks counts as the default,
 * with a warning naming it (so reports never run on a nonsense deadline).
 */
export async function readSettings(ctx: Ctx): Promise<Settings> {
  const { settings, invalid } = settingsFrom(await storedTexts(ctx));
  for (const key of invalid) {
    ctx.warn(say(`设置 ${key} 的存储值无效，按默认值 ${settingText(settingDefault(key))} 计算`, `the stored value of ${key} is invalid; using the default ${settingText(settingDefault(key))}`));
  }
  return settings;
}

/** Every setting with its value and default, in the order of the settings table. */
export async function listSettings(ctx: Ctx): Promise<SettingEntry[]> {
  const stored = await storedTexts(ctx);
  const { settings, invalid } = settingsFrom(stored);
  const values: Record<SettingKey, SettingValue> = {
    'deadline.accept': settings.deadlines.accept,
    'deadline.notify': settings.deadlines.notify,
    'deadline.handle': settings.deadlines.handle,
    'deadline.extension': settings.deadlines.extension,
    'deadline.reply': settings.deadlines.reply,
    'period.monthStartDay': settings.monthStartDay,
    'office.name': settings.officeName,
  };
  return SETTING_KEYS.map((key) => ({
    key, value: values[key], default: SETTINGS[key].default, set: stored[key] !== undefined && !invalid.includes(key),
  }));
}

/** One setting by its key as typed (an unknown key is a usage error listing the keys). */
export async function getSetting(ctx: Ctx, keyInput: string): Promise<SettingEntry> {
  const key = readSettingKey(keyInput);
  return (await listSettings(ctx)).find((e) => e.key === key)!;
}

export interface SettingChange {
  key: SettingKey;
  from: SettingValue;
  to: SettingValue;
  /** False when the value was already that: nothing written, nothing audited. */
  changed: boolean;
}

/** Checks and stores a setting; audited as `config` with the key, old and new values. */
export async function setSetting(ctx: Ctx, keyInput: string, valueInput: string): Promise<SettingChange> {
  const key = readSettingKey(keyInput);
  const to = parseSettingValue(key, valueInput);
  return ctx.registry.write(async (trx) => {
    const stored = await getMeta(trx, metaKey(key));
    const current = stored !== undefined ? settingsFromOne(key, stored) : settingDefault(key);
    if (stored !== undefined && current === to) return { key, from: current, to, changed: false };
    await setMeta(trx, metaKey(key), settingText(to));
    await appendAudit(trx, { at: ctx.now(), operator: ctx.operator, action: 'config', details: { key, from: current, to } });
    return { key, from: current, to, changed: true };
  });
}

function settingsFromOne(key: SettingKey, stored: string): SettingValue {
  try {
    return parseSettingValue(key, stored);
  } catch {
    return settingDefault(key);
  }
}

import { describe, expect, it } from 'vitest';
import { XinfangError } from '../../src/domain/errors.js';
import { DEFAULT_SETTINGS, parseSettingValue, readSettingKey, SETTING_KEYS, settingsFrom } from '../../src/domain/settings.js';

const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect((e as XinfangError).exitCode).toBe(2);
    return (e as XinfangError).text;
  }
  throw new Error('accepted');
};

describe('settings', () => {
  it('defaults follow SPEC 4', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      deadlines: { accept: 5, notify: 15, handle: 60, extension: 30, reply: 15 },
      monthStartDay: 1,
      officeName: '',
    });
    expect(SETTING_KEYS).toEqual(['deadline.accept', 'deadline.notify', 'deadline.handle', 'deadline.extension', 'deadline.reply', 'period.monthStartDay', 'office.name']);
  });

  it('keys are read case-insensitively; an unknown key lists every key', () => {
    expect(readSettingKey('period.monthstartday')).toBe('period.monthStartDay');
    expect(usage(() => readSettingKey('deadline.triage')).zh).toContain('没有设置项“deadline.triage”（可用：deadline.accept、');
  });

  it('numbers are whole and within bounds', () => {
    expect(parseSettingValue('period.monthStartDay', '21')).toBe(21);
    expect(parseSettingValue('deadline.accept', '７')).toBe(7);
    expect(parseSettingValue('deadline.extension', '0')).toBe(0);
    expect(usage(() => parseSettingValue('period.monthStartDay', '29')).zh).toBe('period.monthStartDay “29”：应为 1 至 28 之间的整数（日）');
    expect(usage(() => parseSettingValue('deadline.accept', '0')).en).toBe('deadline.accept "0": expected a whole number from 1 to 60 (working days)');
    for (const bad of ['5.5', '-1', 'five', '', '1e1']) usage(() => parseSettingValue('deadline.accept', bad));
  });

  it('the office name is text, trimmed, without control characters', () => {
    expect(parseSettingValue('office.name', '  某市纪委监委信访室 ')).toBe('某市纪委监委信访室');
    usage(() => parseSettingValue('office.name', 'a\u001b[31m'));
    usage(() => parseSettingValue('office.name', '字'.repeat(101)));
  });

  it('settingsFrom types stored texts and names the ones that no longer pass', () => {
    const r = settingsFrom({ 'deadline.accept': '7', 'period.monthStartDay': '31', 'office.name': '信访室' });
    expect(r.settings.deadlines.accept).toBe(7);
    expect(r.settings.monthStartDay).toBe(1);
    expect(r.settings.officeName).toBe('信访室');
    expect(r.invalid).toEqual(['period.monthStartDay']);
  });
});

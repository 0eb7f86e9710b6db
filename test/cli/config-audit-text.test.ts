// A setting set for the first time has no earlier value: the audit log reads
// "office.name：（未设置） → 某县纪委监委信访室" (or "(not set)" in English), not an empty old value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditDetailsText } from '../../src/cli/render/history.js';
import { cliSandbox, testRegistries, type CliSandbox } from '../support/cli.js';

describe('config entries in the audit log for people', () => {
  it('a null or missing earlier value reads as not set; a real one as it was', () => {
    expect(auditDetailsText('config', { key: 'office.name', from: null, to: '某县纪委监委信访室' }, 'zh')).toBe('office.name：（未设置） → 某县纪委监委信访室');
    expect(auditDetailsText('config', { key: 'office.name', to: 'X Office' }, 'en')).toBe('office.name: (not set) → X Office');
    expect(auditDetailsText('config', { key: 'office.name', from: '', to: 'B' }, 'zh')).toBe('office.name：（未设置） → B');
    expect(auditDetailsText('config', { key: 'office.name', from: 'A', to: 'B' }, 'zh')).toBe('office.name：A → B');
    expect(auditDetailsText('config', { key: 'deadline.accept', from: 15, to: 7 }, 'zh')).toMatch(/^deadline.accept：15 → 7 \S+$/);
  });
});

describe.each(testRegistries)('config set the first time on $engine', (registry) => {
  let s: CliSandbox;
  beforeEach(async () => { s = await cliSandbox(registry); });
  afterEach(async () => { await s.cleanup(); });

  it('audit log shows （未设置） for the earlier value, then the first value when changed again', async () => {
    await s.ok(['config', 'set', 'office.name', '某县纪委监委信访室']);
    await s.ok(['config', 'set', 'office.name', '某市纪委监委信访室']);
    const md = await s.ok(['audit', 'log', '--format', 'md']);
    expect(md).toContain('office.name：（未设置） → 某县纪委监委信访室');
    expect(md).toContain('office.name：某县纪委监委信访室 → 某市纪委监委信访室');
    expect(md).not.toMatch(/office\.name： →/);
  });
});

import { describe, it, expect } from 'vitest';
import { formatCode, parseCode, DRAFT_FIELDS, FIELD_LABELS } from '../../src/domain/item.js';

describe('formatCode', () => {
  it.each([
    [2016, 1, '2016-0001'],
    [2016, 12, '2016-0012'],
    [2016, 999, '2016-0999'],
    [2016, 9999, '2016-9999'],
    [2016, 10000, '2016-10000'],
    [2016, 123456, '2016-123456'],
  ])('%d, %d → %s', (year, seq, code) => {
    expect(formatCode(year, seq)).toBe(code);
  });
});

describe('parseCode', () => {
  it.each([
    ['2016-0012', 2016, 12],
    ['2016-12', 2016, 12],
    ['2016-1', 2016, 1],
    ['2016-9999', 2016, 9999],
    ['2016-10000', 2016, 10000],
    ['2016-123456789', 2016, 123456789],
    [' 2016-0012 ', 2016, 12],
    ['２０１６－００１２', 2016, 12],
  ])('%s → %d/%d', (input, year, seq) => {
    expect(parseCode(input)).toEqual({ year, seq });
  });

  it('round-trips with formatCode', () => {
    for (const seq of [1, 12, 345, 9999, 10000, 1234567]) {
      expect(parseCode(formatCode(2016, seq))).toEqual({ year: 2016, seq });
    }
  });

  it.each(['', '2016', '2016-', '-0012', '16-0012', '20160012', '2016/0012', '2016-12a', 'abc', '2016-1234567890', '2016 - 0012'])(
    '%j is not a code',
    (input) => {
      expect(parseCode(input)).toBeUndefined();
    },
  );
});

describe('field labels', () => {
  it('every draft field has a Chinese and an English label', () => {
    for (const f of DRAFT_FIELDS) {
      expect(FIELD_LABELS[f].zh, f).toMatch(/\S/);
      expect(FIELD_LABELS[f].en, f).toMatch(/\S/);
    }
    expect(FIELD_LABELS.forwardedBy.zh).toBe('转办机关');
    expect(FIELD_LABELS.ref.zh).toBe('来文编号');
  });
});

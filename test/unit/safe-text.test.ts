// Text from outside shown safely (SPEC 5): control characters and terminal escapes made visible
// for people; cells a spreadsheet would run as a formula neutralised with a leading apostrophe,
// and the apostrophe dropped again exactly when such a file is read back.
import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, neutralizeFormula, restoreFormula, visibleText } from '../../src/domain/text.js';

describe('visibleText', () => {
  it('shows an OSC 52 clipboard write and cursor movement as text, never as escapes', () => {
    const osc52 = '反映\x1b]52;c;ZWNobyBoaQ==\x07某局';
    expect(visibleText(osc52)).toBe('反映\\x1b]52;c;ZWNobyBoaQ==\\x07某局');
    expect(visibleText('a\x1b[2J\x1b[1;1Hb')).toBe('a\\x1b[2J\\x1b[1;1Hb');
    expect(visibleText('x\x9b31my')).toBe('x\\x9b31my'); // C1 CSI
    expect(visibleText('del\x7f')).toBe('del\\x7f');
    expect(visibleText('nul\x00')).toBe('nul\\x00');
  });

  it('leaves ordinary text, CJK and emoji alone', () => {
    for (const s of ['', '反映宋有武在精准扶贫中索要好处费，每户4600元。', 'C:\\data', '𠀀 👍 ＡＢＣ', 'tab-free text']) {
      expect(visibleText(s)).toBe(s);
    }
  });

  it('keeps line breaks only where the layout allows them; a lone CR is always shown', () => {
    expect(visibleText('a\nb')).toBe('a\\nb');
    expect(visibleText('a\nb', { newlines: true })).toBe('a\nb');
    expect(visibleText('a\r\nb', { newlines: true })).toBe('a\nb');
    expect(visibleText('a\rb', { newlines: true })).toBe('a\\rb');
    expect(visibleText('a\tb')).toBe('a\\tb');
  });

  it('shows bidirectional overrides that would reorder what a clerk reads', () => {
    expect(visibleText('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(visibleText('x\u2066y\u2069')).toBe('x\\u2066y\\u2069');
  });

  it('leaves nothing a terminal would act on, for every code point below U+00A0', () => {
    for (let c = 0; c < 0xa0; c++) {
      const out = visibleText(`a${String.fromCharCode(c)}b`);
      expect(out).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    }
  });
});

describe('neutralizeFormula', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x","点我")')).toBe('\'=HYPERLINK("http://x","点我")');
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('+1+2')).toBe("'+1+2");
    expect(neutralizeFormula('-2+3')).toBe("'-2+3");
    expect(neutralizeFormula('\t=1')).toBe("'\t=1");
    expect(neutralizeFormula('\r=1')).toBe("'\r=1");
    for (const w of ['＝1+1', '＋1', '－1', '＠SUM(A1)']) expect(neutralizeFormula(w)).toBe("'" + w);
  });

  it('leaves other cells, including a formula character later in the text', () => {
    for (const s of ['', '反映=某人', '2016-06-21', "it's", 'a@b.cn', ' =1']) expect(neutralizeFormula(s)).toBe(s);
  });

  it('round-trips through restoreFormula, even cells that already start with apostrophes', () => {
    const cells = ['=1', "'=1", "''=1", "'abc", "'", "''", 'abc', '', '＠x', "'＋x", '-', '\t', "'\r"];
    for (const s of cells) expect(restoreFormula(neutralizeFormula(s))).toBe(s);
    expect(restoreFormula("'abc")).toBe("'abc");
  });

  it('covers exactly the characters SPEC 5 names', () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(['\t', '\r', '+', '-', '=', '@', '＋', '－', '＝', '＠'].sort());
  });
});

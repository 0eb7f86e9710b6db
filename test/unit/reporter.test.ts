import { describe, it, expect } from 'vitest';
import {
  maskName, maskIdNumber, maskPhone, maskAddress, maskReporter,
  normalizeName, normalizeIdNumber, normalizePhone, normalizeAddress,
  checkIdNumber, looksRealName, isEmptyReporter,
} from '../../src/domain/reporter.js';

// GB 11643 check character computed independently of the module: (12 − Σ aᵢ·wᵢ mod 11) mod 11, 10 → X.
function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

describe('masking (SPEC 5)', () => {
  it('shows the family name and one star, whatever the length', () => {
    expect(maskName('王')).toBe('王*');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('王小明')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName('  李四  ')).toBe('李*');
    expect(maskName('阿卜杜·艾尼')).toBe('阿*');
  });

  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('620105199001011234')).toBe('620105********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('620105900101123')).toBe('620105*****1123');
  });

  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('09318888888')).toBe('093****8888');
  });

  it('masks the same phone alike whatever form it was stored in', () => {
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+86-13812345678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
  });

  it('never shows a short phone number in full', () => {
    for (const phone of ['1234567', '12345678', '8888888', '0931-888888']) {
      const masked = maskPhone(phone)!;
      const shown = masked.replace(/\D/g, '');
      const digits = phone.replace(/\D/g, '');
      // at least four digits hidden
      expect(digits.length - shown.length, `${phone} → ${masked}`).toBeGreaterThanOrEqual(4);
      expect(masked).toContain('****');
    }
    expect(maskPhone('8888888')).toBe('****888');
    expect(maskPhone('62345678')).toBe('****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('无')).toBe('*');
  });

  it('stars out short ID values entirely and keeps little of mid-length ones', () => {
    expect(maskIdNumber('123456')).toBe('******');
    expect(maskIdNumber('12')).toBe('**');
    expect(maskIdNumber('G1234567')).toBe('G1****67');
  });

  it('leaves undefined and empty values undefined', () => {
    expect(maskName(undefined)).toBeUndefined();
    expect(maskIdNumber(undefined)).toBeUndefined();
    expect(maskPhone(undefined)).toBeUndefined();
    expect(maskAddress(undefined)).toBeUndefined();
    expect(maskName('')).toBeUndefined();
    expect(maskName('   ')).toBeUndefined();
    expect(maskPhone('')).toBeUndefined();
  });

  it('keeps an address up to the city and hides the rest', () => {
    expect(maskAddress('兰州市城关区张掖路1号')).toBe('兰州市****');
    expect(maskAddress('甘肃省天水市秦州区')).toBe('甘肃省天水市****');
    const m = maskAddress('某某街道幸福小区3号楼')!;
    expect(m.endsWith('****')).toBe(true);
    expect(m).not.toContain('3号楼');
  });

  it('maskReporter masks every field and keeps absent ones absent', () => {
    expect(maskReporter({ name: '王芳', idNumber: '620105199001011234', phone: '13812345678' })).toEqual({
      name: '王*', idNumber: '620105********1234', phone: '138****5678', address: undefined,
    });
    expect(maskReporter({})).toEqual({ name: undefined, idNumber: undefined, phone: undefined, address: undefined });
  });
});

describe('normalisation for matching', () => {
  it('phone: spaces, dashes, brackets, +86 and full-width digits fold to the bare number', () => {
    const n = '13812345678';
    expect(normalizePhone('138 1234 5678')).toBe(n);
    expect(normalizePhone('138-1234-5678')).toBe(n);
    expect(normalizePhone('+86 138 1234 5678')).toBe(n);
    expect(normalizePhone('+8613812345678')).toBe(n);
    expect(normalizePhone('8613812345678')).toBe(n);
    expect(normalizePhone('１３８１２３４５６７８')).toBe(n);
    expect(normalizePhone('(0931) 888-8888')).toBe('09318888888');
  });

  it('ID number: upper-case X, no spaces, full-width folded', () => {
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeIdNumber(' 110105 19491231 002X ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('name and address: full-width folded, spaces and middle dots dropped', () => {
    expect(normalizeName(' 王 芳 ')).toBe('王芳');
    expect(normalizeName('阿卜杜·艾尼')).toBe(normalizeName('阿卜杜艾尼'));
    expect(normalizeName('Ｗａｎｇ Ｆａｎｇ')).toBe('WangFang');
    expect(normalizeAddress('兰州市 城关区　张掖路１号')).toBe('兰州市城关区张掖路1号');
  });
});

describe('checkIdNumber', () => {
  it('our own check-character computation agrees with a known valid ID', () => {
    expect(checkChar('11010519491231002')).toBe('X');
  });

  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '620105199001011232',
    '440304198512123451',
    '320106197007070010',
    '620105200002295674',
    ' 620105 19900101 1232 ',
  ])('%s is valid', (id) => {
    expect(checkIdNumber(id)).toBe('ok');
  });

  it('accepts every body with its computed check character and rejects every other', () => {
    for (const body of ['62010519900101123', '44030419851212345', '11010519491231002', '51010720101010987']) {
      const good = checkChar(body);
      for (const c of '0123456789X') {
        expect(checkIdNumber(body + c), body + c).toBe(c === good ? 'ok' : 'bad-checksum');
      }
    }
  });

  it('reports a bad checksum', () => {
    expect(checkIdNumber('620105199001011234')).toBe('bad-checksum');
    expect(checkIdNumber('110105194912310021')).toBe('bad-checksum');
  });

  it('reports a bad format', () => {
    expect(checkIdNumber('')).toBe('bad-format');
    expect(checkIdNumber('12345')).toBe('bad-format');
    expect(checkIdNumber('6201051990010112')).toBe('bad-format');
    expect(checkIdNumber('6201051990010112345')).toBe('bad-format');
    expect(checkIdNumber('62010519900101123Y')).toBe('bad-format');
    expect(checkIdNumber('X20105199001011232')).toBe('bad-format');
    expect(checkIdNumber('62010519900101123X1')).toBe('bad-format');
  });

  it('accepts a 15-digit first-generation number (no check character)', () => {
    expect(checkIdNumber('620105900101123')).toBe('ok');
    expect(checkIdNumber('62010590010112X')).toBe('bad-format');
  });
});

describe('looksRealName', () => {
  it('a name plus a phone or an address is real-name', () => {
    expect(looksRealName({ name: '王芳', phone: '13812345678' })).toBe(true);
    expect(looksRealName({ name: '王芳', address: '兰州市城关区' })).toBe(true);
  });
  it('a name alone, or contact details without a name, is not', () => {
    expect(looksRealName({ name: '王芳' })).toBe(false);
    // SPEC 7: a name plus a phone or an address; an ID number alone does not make it real-name.
    expect(looksRealName({ name: '王芳', idNumber: '11010519491231002X' })).toBe(false);
    expect(looksRealName({ phone: '13812345678', address: '兰州市' })).toBe(false);
    expect(looksRealName({})).toBe(false);
  });
  it('isEmptyReporter', () => {
    expect(isEmptyReporter({})).toBe(true);
    expect(isEmptyReporter({ name: undefined })).toBe(true);
    expect(isEmptyReporter({ phone: '1' })).toBe(false);
  });
});

describe('ID numbers as matching keys (SPEC 7, issue 10)', () => {
  it('a 15-digit number matches as its 18-digit form', async () => {
    const { upgradeIdNumber, matchableIdNumber } = await import('../../src/domain/reporter.js');
    const id18 = upgradeIdNumber('620105900101123');
    expect(id18).toMatch(/^62010519900101123[\dX]$/);
    expect(checkIdNumber(id18)).toBe('ok');
    expect(matchableIdNumber('620105900101123')).toBe(matchableIdNumber(id18));
    expect(upgradeIdNumber('110105491231002')).toBe('11010519491231002X');
  });

  it('a number that fails its check is no matching key at all', async () => {
    const { matchableIdNumber } = await import('../../src/domain/reporter.js');
    expect(matchableIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(matchableIdNumber('620105199001011000')).toBe('');
    expect(matchableIdNumber('6.20105E+17')).toBe('');
    expect(matchableIdNumber('12345')).toBe('');
  });

  it('knows what Excel does to an 18-digit number', async () => {
    const { looksExcelDamagedId } = await import('../../src/domain/reporter.js');
    expect(looksExcelDamagedId('6.20105E+17')).toBe(true);
    expect(looksExcelDamagedId('6.20105199001011E+17')).toBe(true);
    expect(looksExcelDamagedId('620105199001011000')).toBe(true);
    expect(looksExcelDamagedId('620105199001011200')).toBe(true);
    expect(looksExcelDamagedId('620105199001011234')).toBe(false); // a typo, not Excel
    expect(looksExcelDamagedId('11010519491231002X')).toBe(false);
  });
});

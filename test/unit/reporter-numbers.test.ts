// Reporter numbers inside free text (SPEC 5, issue 8 item 1): found however they are written, and
// references, dates, money and postcodes are not taken for them.
import { describe, expect, it } from 'vitest';
import { findReporterNumber } from '../../src/domain/reporter-numbers.js';

describe('findReporterNumber', () => {
  it.each([
    ["'13912340003", 'phone', '13912340003'],
    ['13912340003；13812345678', 'phone', '13912340003'],
    ['tel:13912340003', 'phone', '13912340003'],
    ['139.1234.0003', 'phone', '13912340003'],
    ['王五13912340003', 'phone', '13912340003'],
    ['实名举报人王五，电话139 1234 0003', 'phone', '13912340003'],
    ['电话：１３９１２３４０００３', 'phone', '13912340003'],
    ['+86 139-1234-0003', 'phone', '13912340003'],
    ['联系：8613912340003', 'phone', '13912340003'],
    ['举报人：王五 身份证620105199001011234', 'id', '620105199001011234'],
    ['证件 620105 19900101 123x 已核', 'id', '62010519900101123X'],
    ['座机(0931)8123456', 'phone', '09318123456'],
    ['6.20105E+17', 'id', '620105E+17'],
  ])('finds the number in %s', (cell, shape, digits) => {
    const hit = findReporterNumber(cell);
    expect(hit?.shape).toBe(shape);
    if (shape === 'phone' || !cell.includes('E+')) expect(hit?.digits).toBe(digits);
  });

  it.each([
    '甘纪转〔2016〕12号', '甘纪转〔2016〕1234567号', '2016-06-03', '2016.6.3 13:00', '2016年6月3日', '¥1,234,567.89', '12345678.00元',
    '邮编730000', '730000', '2016-06-03 730000', '第1 3912340003', '6222021234567890123', '6222 0212 3456 7890 123', '加急', '',
    '编号 20160603123456', '09318123456', '金额13,912,340,003元',
  ])('takes %s for no reporter number', (cell) => {
    expect(findReporterNumber(cell)).toBeUndefined();
  });

  it('says whether the whole cell is the number', () => {
    expect(findReporterNumber(" '13912340003 ")?.whole).toBe(true);
    expect(findReporterNumber('王五13912340003')?.whole).toBe(false);
  });
});

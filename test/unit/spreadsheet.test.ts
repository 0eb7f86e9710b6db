import { describe, expect, it } from 'vitest';
import { isKnownHeader } from '../../src/domain/columns.js';
import { findHeaderRow, isTotalRow, numberShape, spreadsheetDate, splitUnitAndPost } from '../../src/domain/spreadsheet.js';

describe('spreadsheet shapes (SPEC 7)', () => {
  it('finds the header row below a title and blank rows; falls back to the first row', () => {
    const rows = [['甘肃省纪委监委转办信访件清单（2016年6月）', '', ''], ['', '', ''], ['序号', '收文日期', '内容摘要'], ['1', '2016-06-03', 'x']];
    expect(findHeaderRow(rows, (c) => isKnownHeader(c))).toBe(2);
    expect(findHeaderRow([['a', 'b'], ['c', 'd']], (c) => isKnownHeader(c))).toBe(0);
    expect(findHeaderRow([['标题'], ['内容摘要', '备注']], (c) => isKnownHeader(c))).toBe(1);
  });

  it('knows a total row by its first non-empty cell', () => {
    expect(isTotalRow(['合计', '共6件', ''])).toBe(true);
    expect(isTotalRow(['', '合　计', '6'])).toBe(true);
    expect(isTotalRow(['总计：6件'])).toBe(true);
    expect(isTotalRow(['小计', ''])).toBe(true);
    expect(isTotalRow(['甘纪转〔2016〕1号', '合计'])).toBe(false);
    expect(isTotalRow(['1', '反映合计金额'])).toBe(false);
  });

  it('reads a date cell as its calendar date', () => {
    expect(spreadsheetDate(new Date(Date.UTC(2016, 5, 3)))).toBe('2016-06-03');
    expect(spreadsheetDate(new Date(Date.UTC(2016, 5, 2, 23, 59, 59, 999)))).toBe('2016-06-03');
    expect(spreadsheetDate(new Date(Date.UTC(2016, 5, 3, 9, 30)))).toBe('2016-06-03');
  });

  it('splits unit and post where the cell separates them or a post word ends it; otherwise all unit', () => {
    expect(splitUnitAndPost('某县交通运输局局长')).toEqual({ unit: '某县交通运输局', post: '局长' });
    expect(splitUnitAndPost('某镇人民政府 副镇长')).toEqual({ unit: '某镇人民政府', post: '副镇长' });
    expect(splitUnitAndPost('某村委会主任')).toEqual({ unit: '某村委会', post: '主任' });
    expect(splitUnitAndPost('某县财政局、党组书记')).toEqual({ unit: '某县财政局', post: '党组书记' });
    expect(splitUnitAndPost('某乡卫生院')).toEqual({ unit: '某乡卫生院' });
    expect(splitUnitAndPost('  ')).toEqual({});
  });

  it('tells phone and ID numbers from other cells', () => {
    expect(numberShape('13912340003')).toBe('phone');
    expect(numberShape('139 1234 0003')).toBe('phone');
    expect(numberShape('+86 139-1234-0003')).toBe('phone');
    expect(numberShape('0931-8123456')).toBe('phone');
    expect(numberShape('11010519491231002X')).toBe('id');
    expect(numberShape('620105900101123')).toBe('id');
    expect(numberShape('6.20105E+17')).toBe('id');
    expect(numberShape('2016-06-03')).toBeUndefined();
    expect(numberShape('09318123456')).toBeUndefined(); // no separator: could be any number
    expect(numberShape('12345678')).toBeUndefined();
    expect(numberShape('加急13912340003')).toBeUndefined();
    expect(numberShape('甘纪转〔2016〕12号')).toBeUndefined();
  });
});

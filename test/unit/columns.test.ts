import { describe, expect, it } from 'vitest';
import { fieldForHeader, HEADER_ALIASES, parseMapping, planColumns, reporterWords } from '../../src/domain/columns.js';
import { DRAFT_FIELDS } from '../../src/domain/item.js';

describe('header matching (SPEC 7)', () => {
  it('knows every header the spec lists', () => {
    const spec: Record<string, string> = {
      来文编号: 'ref', 文号: 'ref', 转办机关: 'forwardedBy', 来文机关: 'forwardedBy', 收件日期: 'received', 受理日期: 'received',
      来文日期: 'received', 登记日期: 'received', 信访形式: 'channel', 来信方式: 'channel', 来源: 'source', 线索来源: 'source',
      信访类别: 'kind', 反映人: 'reporterName', 举报人: 'reporterName', 姓名: 'reporterName', 身份证号: 'reporterId',
      证件号码: 'reporterId', 联系电话: 'reporterPhone', 电话: 'reporterPhone', 住址: 'reporterAddress', 地址: 'reporterAddress',
      被反映人: 'accusedName', 主要被反映人姓名: 'accusedName', 被反映人单位: 'accusedUnit', 工作单位: 'accusedUnit', 单位: 'accusedUnit',
      职务: 'accusedPost', 职级: 'accusedRank', 问题类别: 'category', 线索类型: 'category', 内容分类: 'category',
      内容摘要: 'summary', 主要问题摘要: 'summary', 反映内容: 'summary',
    };
    for (const [header, field] of Object.entries(spec)) expect(fieldForHeader(header), header).toBe(field);
  });

  it('matches English field names, full-width and decorated headers', () => {
    for (const f of DRAFT_FIELDS) expect(fieldForHeader(f)).toBe(f);
    expect(fieldForHeader(' 收件日期* ')).toBe('received');
    expect(fieldForHeader('来文编号：')).toBe('ref');
    expect(fieldForHeader('ＲＥＦ')).toBe('ref');
    expect(fieldForHeader('备注')).toBeUndefined();
  });

  it('no alias names two fields', () => {
    const seen = new Map<string, string>();
    for (const [field, names] of Object.entries(HEADER_ALIASES)) {
      for (const n of names) {
        expect(seen.get(n), n).toBeUndefined();
        seen.set(n, field);
      }
    }
  });

  it('--map takes HEADER=field by English name or Chinese label, and names what is wrong', () => {
    const { map, problems } = parseMapping(['举报时间=received', '单位名称=被反映人单位', 'a=b=summary']);
    expect(problems).toEqual([]);
    expect([...map.values()].map((m) => m.target)).toEqual(['received', 'accusedUnit', 'summary']);
    const bad = parseMapping(['nonsense', '列=colour']);
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]!.zh).toContain('--map “nonsense”');
  });

  it('plans columns: fields, unknown columns kept under unique keys, two columns for one field refused', () => {
    const plan = planColumns(['来文编号', '收件日期', '备注', '', '备注'], new Map());
    expect(plan.fields).toEqual(['ref', 'received', null, null, null]);
    expect(plan.unknown).toEqual(['备注', '列4', '备注(2)']);
    expect(plan.problems).toEqual([]);
    const clash = planColumns(['收件日期', '受理日期'], new Map());
    expect(clash.problems).toHaveLength(1);
    expect(clash.problems[0]!.en).toContain('both give received');
    const mapped = planColumns(['收件日期', '受理日期'], parseMapping(['收件日期=ref']).map);
    expect(mapped.fields).toEqual(['ref', 'received']);
  });
});

describe('headers as offices write them (SPEC 7, issue 12)', () => {
  it('matches 收文日期, 问题性质 and 转办机关（单位） (brackets folded)', () => {
    expect(fieldForHeader('收文日期')).toBe('received');
    expect(fieldForHeader('问题性质')).toBe('category');
    expect(fieldForHeader('转办机关（单位）')).toBe('forwardedBy');
    expect(fieldForHeader('转办机关(单位)')).toBe('forwardedBy');
  });

  it('drops 序号 and the rejects file\'s 行号/错误原因; splits 工作单位及职务; English line/problems only as a pair', () => {
    const plan = planColumns(['序号', '收文日期', '工作单位及职务', '内容摘要', '行号', '错误原因'], new Map());
    expect(plan.roles.map((r) => r.kind)).toEqual(['dropped', 'field', 'unitAndPost', 'field', 'dropped', 'dropped']);
    expect(plan.dropped).toEqual(['序号', '行号', '错误原因']);
    expect(plan.unknown).toEqual([]);
    expect(planColumns(['received', 'summary', 'line', 'problems'], new Map()).dropped).toEqual(['line', 'problems']);
    expect(planColumns(['received', 'summary', 'line'], new Map()).unknown).toEqual(['line']);
  });

  it('a --map header the file does not have is a problem, not ignored', () => {
    const plan = planColumns(['收件日期', '内容摘要'], parseMapping(['举报时间=received']).map);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.zh).toContain('文件中没有“举报时间”列');
  });

  it('--map takes sealed, ignore and extra', () => {
    const { map, problems } = parseMapping(['联系方式2=sealed', '备注=忽略', '信访人数=extra']);
    expect(problems).toEqual([]);
    const plan = planColumns(['收件日期', '联系方式2', '备注', '信访人数'], map);
    expect(plan.roles.map((r) => r.kind)).toEqual(['field', 'sealed', 'dropped', 'extra']);
    expect(plan.sealed).toEqual(['联系方式2']);
    expect(plan.problems).toEqual([]);
  });
});

describe('reporter data under headers no alias takes (SPEC 5, issue 8 item 1)', () => {
  it('reads the reporter fields a header names, and never the accused', () => {
    expect(reporterWords('举报人身份证号码')).toEqual(['reporterId']);
    expect(reporterWords('公民身份号码')).toEqual(['reporterId']);
    expect(reporterWords('实名举报人电话')).toEqual(['reporterPhone']);
    expect(reporterWords('手机号码')).toEqual(['reporterPhone']);
    expect(reporterWords('信访人姓名')).toEqual(['reporterName']);
    expect(reporterWords('来信人姓名')).toEqual(['reporterName']);
    expect(reporterWords('实名举报人')).toEqual(['reporterName']);
    expect(reporterWords('举报人姓名及电话')).toEqual(['reporterPhone', 'reporterName']);
    expect(reporterWords('举报人情况')).toEqual([]);
    expect(reporterWords('被反映人电话')).toBeUndefined();
    expect(reporterWords('备注')).toBeUndefined();
  });

  it('maps a column to the one free field its header names', () => {
    const plan = planColumns(['收件日期', '内容摘要', '举报人身份证号码', '手机号码', '信访人姓名'], new Map());
    expect(plan.fields).toEqual(['received', 'summary', 'reporterId', 'reporterPhone', 'reporterName']);
    expect(plan.reporterMapped).toEqual([['举报人身份证号码', 'reporterId'], ['手机号码', 'reporterPhone'], ['信访人姓名', 'reporterName']]);
    expect(plan.problems).toEqual([]);
  });

  it('refuses, naming the column and the --map choices, when the field is taken or several are named', () => {
    const plan = planColumns(['收件日期', '联系电话', '实名举报人电话', '举报人姓名及电话'], new Map());
    expect(plan.problems).toHaveLength(2);
    expect(plan.problems[0]!.zh).toContain('第 3 列“实名举报人电话”');
    expect(plan.problems[0]!.zh).toContain('--map "实名举报人电话=sealed"');
    expect(plan.problems[1]!.en).toContain('names several reporter fields');
    expect(plan.problems[1]!.en).toContain('--map "举报人姓名及电话=sealed"');
    expect(plan.problems[1]!.en).toContain('--map "举报人姓名及电话=reporterName"');
  });

  it('refuses a column whose values look like phone or ID numbers, whatever its header', () => {
    const sample = [['2016-06-03', '13912340003'], ['2016-06-04', ''], ['2016-06-05', '0931-8123456']];
    const plan = planColumns(['收件日期', '备用'], new Map(), sample);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.zh).toContain('其中的值像电话号码');
    const ids = planColumns(['收件日期', '号码'], new Map(), [['2016-06-03', '11010519491231002X']]);
    expect(ids.problems[0]!.en).toContain('look like ID numbers');
    // A number inside text counts too (issue 8 item 1); then the field itself is no choice.
    const inText = planColumns(['收件日期', '备注'], new Map(), [['2016-06-03', '加急，电话13912340003']]);
    expect(inText.problems[0]!.zh).toContain('其中的值含有电话号码');
    expect(inText.problems[0]!.zh).not.toContain('=reporterPhone');
    expect(planColumns(['收件日期', '备注'], new Map(), [['2016-06-03', '加急'], ['2016-06-04', '13912340003'], ['2016-06-05', '核实']]).problems).toEqual([]);
  });
});

describe('a plan with a refused reporter column', () => {
  it('still has one role per column', () => {
    const plan = planColumns(['收件日期', '举报人姓名及电话', '备注'], new Map());
    expect(plan.problems).toHaveLength(1);
    expect(plan.roles).toHaveLength(3);
    expect(plan.fields).toEqual(['received', null, null]);
    expect(plan.extraKeys).toEqual([null, null, '备注']);
  });
});

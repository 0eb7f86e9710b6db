import { describe, expect, it } from 'vitest';
import { fieldForHeader, HEADER_ALIASES, parseMapping, planColumns } from '../../src/domain/columns.js';
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
    expect([...map.values()]).toEqual(['received', 'accusedUnit', 'summary']);
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

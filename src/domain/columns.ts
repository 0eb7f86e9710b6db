// Which CSV column holds which field (SPEC 7): the Chinese headers registers use and their
// common variants, the English field names, and the clerk's own `--map HEADER=field`.
// Columns that match nothing are kept verbatim with the item.

import { say, type Bilingual } from './errors.js';
import { DRAFT_FIELDS, FIELD_LABELS, type DraftField } from './item.js';
import { foldInput } from './text.js';

export const HEADER_ALIASES: Record<DraftField, readonly string[]> = {
  ref: ['来文编号', '文号', '来文文号', '转办文号', '编号文号', '转办单号'],
  forwardedBy: ['转办机关', '来文机关', '转办单位', '来文单位', '交办机关'],
  received: ['收件日期', '受理日期', '来文日期', '登记日期', '收信日期', '收件时间', '受理时间', '来文时间', '登记时间', '日期'],
  channel: ['信访形式', '来信方式', '反映方式', '举报方式', '信访方式'],
  source: ['来源', '线索来源', '信访来源', '件源'],
  kind: ['信访类别', '信访类型', '件类'],
  reporterName: ['反映人', '举报人', '姓名', '反映人姓名', '举报人姓名', '来信人', '信访人'],
  reporterId: ['身份证号', '证件号码', '身份证号码', '反映人身份证号', '举报人身份证号'],
  reporterPhone: ['联系电话', '电话', '手机', '手机号', '联系方式', '反映人电话', '举报人电话'],
  reporterAddress: ['住址', '地址', '通讯地址', '联系地址', '家庭住址', '反映人住址'],
  realName: ['是否实名', '实名', '实名举报'],
  accusedName: ['被反映人', '主要被反映人姓名', '被反映人姓名', '被举报人', '被举报人姓名'],
  accusedUnit: ['被反映人单位', '工作单位', '单位', '被举报人单位', '所在单位'],
  accusedPost: ['职务', '被反映人职务', '现任职务'],
  accusedRank: ['职级', '被反映人职级', '级别'],
  category: ['问题类别', '线索类型', '内容分类', '问题类型', '反映问题类别'],
  summary: ['内容摘要', '主要问题摘要', '反映内容', '主要内容', '摘要', '反映问题', '问题摘要'],
};

function headerKey(h: string): string {
  return foldInput(h).replace(/[\s:：*＊]/g, '').toLowerCase();
}

const INDEX = new Map<string, DraftField>();
for (const field of DRAFT_FIELDS) {
  for (const name of [field, FIELD_LABELS[field].zh, FIELD_LABELS[field].en, ...HEADER_ALIASES[field]]) {
    const k = headerKey(name);
    if (!INDEX.has(k)) INDEX.set(k, field);
  }
}

/** The field a header names, if any. */
export function fieldForHeader(header: string): DraftField | undefined {
  return INDEX.get(headerKey(header));
}

/** Parses `--map` values: "HEADER=field" (the field by its English name or Chinese label). */
export function parseMapping(specs: readonly string[]): { map: Map<string, DraftField>; problems: Bilingual[] } {
  const map = new Map<string, DraftField>();
  const problems: Bilingual[] = [];
  for (const spec of specs) {
    const eq = spec.lastIndexOf('=');
    const header = eq > 0 ? spec.slice(0, eq).trim() : '';
    const target = eq > 0 ? spec.slice(eq + 1).trim() : '';
    const field = (DRAFT_FIELDS as readonly string[]).includes(target) ? (target as DraftField) : fieldForHeader(target);
    if (!header || !field) {
      problems.push(say(
        `--map “${spec}”：应为 列名=字段，字段可用：${DRAFT_FIELDS.join('、')}`,
        `--map "${spec}": expected HEADER=field, fields: ${DRAFT_FIELDS.join(', ')}`,
      ));
      continue;
    }
    map.set(headerKey(header), field);
  }
  return { map, problems };
}

export interface ColumnPlan {
  /** For each column, the field it feeds, or null when it is kept verbatim in `extra`. */
  fields: (DraftField | null)[];
  /** For each column, the key under which an unmatched column is kept. */
  extraKeys: (string | null)[];
  headers: string[];
  unknown: string[];
  problems: Bilingual[];
}

/** Matches a header row to fields. Two columns for one field is a problem; repeated unknown headers are numbered. */
export function planColumns(headers: readonly string[], mapping: Map<string, DraftField>): ColumnPlan {
  const fields: (DraftField | null)[] = [];
  const extraKeys: (string | null)[] = [];
  const unknown: string[] = [];
  const problems: Bilingual[] = [];
  const taken = new Map<DraftField, number>();
  const extraSeen = new Map<string, number>();
  headers.forEach((raw, i) => {
    const h = raw.trim();
    const field = mapping.get(headerKey(h)) ?? fieldForHeader(h) ?? null;
    if (field !== null) {
      const first = taken.get(field);
      if (first !== undefined) {
        const l = FIELD_LABELS[field];
        problems.push(say(
          `第 ${first + 1} 列“${headers[first]}”和第 ${i + 1} 列“${h}”都对应${l.zh}；用 --map 指明哪一列是${l.zh}，另一列对应其他字段`,
          `columns ${first + 1} ("${headers[first]}") and ${i + 1} ("${h}") both give ${l.en}; use --map to say which is which`,
        ));
      } else taken.set(field, i);
      fields.push(field);
      extraKeys.push(null);
      return;
    }
    fields.push(null);
    const name = h === '' ? `列${i + 1}` : h;
    const n = (extraSeen.get(name) ?? 0) + 1;
    extraSeen.set(name, n);
    const key = n === 1 ? name : `${name}(${n})`;
    extraKeys.push(key);
    unknown.push(key);
  });
  return { fields, extraKeys, headers: headers.map((h) => h.trim()), unknown, problems };
}

// Which CSV column holds which field (SPEC 7): the Chinese headers registers use and their
// common variants, the English field names, and the clerk's own `--map HEADER=field`.
// Columns that match nothing are kept verbatim with the item — unless they hold reporter data
// (SPEC 5): a header with reporter words, or values shaped like phone or ID numbers, is mapped to
// the reporter field it names when that is unambiguous, sealed with `--map HEADER=sealed`, or
// refused with a hint. Row numbers (序号) and the importer's own rejects columns are dropped.

import { say, type Bilingual } from './errors.js';
import type { NumberShape } from './spreadsheet.js';
import { findReporterNumber } from './reporter-numbers.js';
import { DRAFT_FIELDS, FIELD_LABELS, type DraftField } from './item.js';
import { foldInput } from './text.js';

export const HEADER_ALIASES: Record<DraftField, readonly string[]> = {
  ref: ['来文编号', '文号', '来文文号', '转办文号', '编号文号', '转办单号'],
  forwardedBy: ['转办机关', '来文机关', '转办单位', '来文单位', '交办机关', '转办机关单位', '来文机关单位', '交办单位', '交办机关单位'],
  received: ['收件日期', '受理日期', '来文日期', '登记日期', '收信日期', '收件时间', '受理时间', '来文时间', '登记时间', '日期',
    '收文日期', '收文时间', '来信日期', '收到日期'],
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
  category: ['问题类别', '线索类型', '内容分类', '问题类型', '反映问题类别', '问题性质', '问题分类'],
  summary: ['内容摘要', '主要问题摘要', '反映内容', '主要内容', '摘要', '反映问题', '问题摘要'],
};

/**
 * A header as matched: NFKC, no blanks, colons, stars or brackets (转办机关（单位） reads as
 * 转办机关单位), lower case.
 */
function headerKey(h: string): string {
  return foldInput(h).replace(/[\s:：*＊()（）[\]【】〔〕]/g, '').toLowerCase();
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


/** Headers of a cell that holds the accused's unit and post together: split on import. */
const UNIT_AND_POST = new Set(['工作单位及职务', '单位及职务', '工作单位和职务', '单位和职务', '单位职务', '工作单位职务',
  '被反映人单位及职务', '被反映人工作单位及职务', '单位及职务职级', '工作单位及职务职级'].map(headerKey));

/** Whether a header names unit and post in one column (工作单位及职务). */
export function isUnitAndPostHeader(header: string): boolean {
  return UNIT_AND_POST.has(headerKey(header));
}

/** The columns the importer adds to its own rejects file (行号, 错误原因). */
const REJECTS_OWN = new Set(['行号', '错误原因'].map(headerKey));
/** Row numbers (序号), and the rejects file's own columns. */
const DROPPED = new Set([...['序号', '顺序号', '编号序号', 'no', 'no.', '#'].map(headerKey), ...REJECTS_OWN]);
/** The English rejects file's two columns, dropped only as that pair. */
const DROPPED_PAIR_EN = ['line', 'problems'];

/** Whether a header is one the importer drops: a row number, or a rejects file's own column. */
export function isDroppedHeader(header: string): boolean {
  return DROPPED.has(headerKey(header));
}

/**
 * Whether a header is one the importer knows: a field's, unit-and-post, one it drops, or one the
 * clerk's `--map` names. For finding the header row below a title.
 */
export function isKnownHeader(header: string, mapping?: Map<string, Mapping>): boolean {
  return fieldForHeader(header) !== undefined || isUnitAndPostHeader(header) || isDroppedHeader(header) || (mapping?.has(headerKey(header)) ?? false);
}

// --- reporter data under a header no alias takes (SPEC 5, issue 8 item 1)
const PERSON_WORDS = /举报人|反映人|信访人|来信人|来访人|投诉人|控告人|申诉人|检举人|联系人|实名|署名|当事人|涉事人/;
/** A person word that may name the accused as well as the reporter: never mapped by its words alone. */
const EITHER_PARTY = /当事人|涉事人/;
/** Contact data that has no reporter field of its own (an e-mail address): sealed or ignored, never kept verbatim. */
const CONTACT_WORDS = /邮箱|电子邮件|电邮|e-?mail/;
/** The reporter fields proper: a column that gives one of them holds reporter data. */
const REPORTER_FIELDS: ReadonlySet<DraftField> = new Set(['reporterName', 'reporterId', 'reporterPhone', 'reporterAddress']);
/** The accused (被反映人, 被举报人 ...) is not the reporter. */
const ACCUSED_WORD = /被/;
const REPORTER_FIELD_WORDS: readonly [DraftField, RegExp][] = [
  ['reporterId', /身份证|公民身份|证件|身份号/],
  ['reporterPhone', /手机|电话|联系方式|联系号码|微信|qq/],
  ['reporterAddress', /住址|地址|住所|居住地/],
  ['reporterName', /姓名|名字/],
];

/**
 * What a header says about reporter data: undefined when it says nothing (no reporter word, or
 * it names the accused); otherwise the reporter fields its words name (none, one, or several, as
 * in 举报人姓名及电话). None for a header naming contact data without a field (电子邮箱) or a person
 * who may be either party (当事人): such a column is sealed or ignored at the clerk's word.
 */
export function reporterWords(header: string): DraftField[] | undefined {
  const k = headerKey(header);
  if (ACCUSED_WORD.test(k)) return undefined;
  const fields = REPORTER_FIELD_WORDS.filter(([, re]) => re.test(k)).map(([f]) => f);
  const person = PERSON_WORDS.exec(k);
  if (fields.length === 0 && !person && !CONTACT_WORDS.test(k)) return undefined;
  if (EITHER_PARTY.test(k) || (fields.length === 0 && !person)) return [];
  // A bare person word (信访人, 实名举报人) names the reporter.
  if (fields.length === 0 && person && k.replace(/^实名/, '') === person[0].replace(/^实名/, '')) return ['reporterName'];
  if (fields.length === 0 && person && /^(实名)?(举报|反映|信访|来信|来访|投诉|控告|申诉|检举)人$/.test(k)) return ['reporterName'];
  return fields;
}

/**
 * Whether a header itself says its column holds reporter data: it is a reporter field's own
 * header (举报人电话), its words name a reporter field (实名举报人手机), or it names contact data
 * (电子邮箱). A bare person word (信访人数) does not: the clerk may keep such a column with `=extra`.
 */
export function headerNamesReporterData(header: string): boolean {
  const field = fieldForHeader(header);
  if (field !== undefined) return REPORTER_FIELDS.has(field);
  const words = reporterWords(header);
  return words !== undefined && (words.length > 0 || CONTACT_WORDS.test(headerKey(header)));
}

/** The `--map` targets besides a field: seal the column with the reporter, drop it, or keep it verbatim. */
export const MAP_TARGETS = ['sealed', 'ignore', 'extra'] as const;
export type MapTarget = DraftField | (typeof MAP_TARGETS)[number];

const TARGET_ALIASES: Record<string, (typeof MAP_TARGETS)[number]> = {
  sealed: 'sealed', seal: 'sealed', 密封: 'sealed', 保密: 'sealed', 加密: 'sealed',
  ignore: 'ignore', drop: 'ignore', 忽略: 'ignore', 不导入: 'ignore',
  extra: 'extra', keep: 'extra', 保留: 'extra', 原样保存: 'extra',
};

export interface Mapping {
  /** The header as the clerk wrote it. */
  header: string;
  target: MapTarget;
  /** The `--map` value, for messages. */
  spec: string;
}

/**
 * Parses `--map` values: "HEADER=field" (the field by its English name or Chinese label), or
 * "HEADER=sealed" (sealed with the reporter), "HEADER=ignore" (not imported), "HEADER=extra" (kept
 * verbatim: the clerk says it holds no reporter data). Keyed by the header's matching form.
 */
export function parseMapping(specs: readonly string[]): { map: Map<string, Mapping>; problems: Bilingual[] } {
  const map = new Map<string, Mapping>();
  const problems: Bilingual[] = [];
  for (const spec of specs) {
    const eq = spec.lastIndexOf('=');
    const header = eq > 0 ? spec.slice(0, eq).trim() : '';
    const target = eq > 0 ? spec.slice(eq + 1).trim() : '';
    const field: MapTarget | undefined = (DRAFT_FIELDS as readonly string[]).includes(target)
      ? (target as DraftField)
      : TARGET_ALIASES[target.toLowerCase()] ?? fieldForHeader(target);
    if (!header || !field) {
      problems.push(say(
        `--map “${spec}”：应为 列名=字段，字段可用：${DRAFT_FIELDS.join('、')}；或 列名=sealed（与反映人信息一起加密保存）、列名=ignore（不导入）、列名=extra（原样保存）`,
        `--map "${spec}": expected HEADER=field, fields: ${DRAFT_FIELDS.join(', ')}; or HEADER=sealed (sealed with the reporter), HEADER=ignore (not imported), HEADER=extra (kept verbatim)`,
      ));
      continue;
    }
    map.set(headerKey(header), { header, target: field, spec });
  }
  return { map, problems };
}

/** What the importer does with one column. */
export type ColumnRole =
  | { kind: 'field'; field: DraftField }
  /** 工作单位及职务: split into the accused's unit and post. */
  | { kind: 'unitAndPost' }
  /** Kept with the reporter, sealed, under `key`. */
  | { kind: 'sealed'; key: string }
  /** Kept verbatim in `extra` under `key`. */
  | { kind: 'extra'; key: string }
  | { kind: 'dropped' };

export interface ColumnPlan {
  roles: ColumnRole[];
  /** For each column, the field it feeds, or null (unit-and-post, sealed, extra and dropped columns). */
  fields: (DraftField | null)[];
  /** For each column, the key under which an extra column is kept, else null. */
  extraKeys: (string | null)[];
  headers: string[];
  /** Columns kept verbatim in `extra`, by key. */
  unknown: string[];
  /** Columns not imported: row numbers, rejects columns, `--map H=ignore`. */
  dropped: string[];
  /** Columns sealed with the reporter. */
  sealed: string[];
  /** Columns taken as a reporter field because of their header's words: [header, field]. */
  reporterMapped: [string, DraftField][];
  /** For each column, whether its role comes from the clerk's `--map`. */
  explicit: boolean[];
  /** Indices of the columns an earlier rejects file added (行号, 错误原因): left out when rows are rejected again. */
  rejectsColumns: number[];
  /** Everything wrong with the header, all at once. */
  problems: Bilingual[];
}

/**
 * Matches a header row to fields. `sample` holds the first data rows (for the shape of values in
 * columns no header names). Problems, all reported at once: two columns for one field; a `--map`
 * header the file does not have; a column that holds reporter data and cannot be placed.
 */
export function planColumns(
  headers: readonly string[],
  mapping: Map<string, Mapping>,
  sample: readonly (readonly string[])[] = [],
): ColumnPlan {
  const roles: (ColumnRole | undefined)[] = [];
  const problems: Bilingual[] = [];
  const taken = new Map<DraftField, number>();
  const used = new Set<string>();
  const trimmed = headers.map((h) => h.trim());
  /** Columns with reporter data to place once the named fields are known: [index, fields its words name, value shape]. */
  const pending: [number, DraftField[] | undefined, NumberShape | undefined, boolean][] = [];
  const explicit = trimmed.map(() => false);
  const englishPair = DROPPED_PAIR_EN.every((p) => trimmed.some((h) => h.toLowerCase() === p));

  const take = (field: DraftField, i: number): void => {
    const first = taken.get(field);
    if (first !== undefined) {
      const l = FIELD_LABELS[field];
      problems.push(say(
        `第 ${first + 1} 列“${trimmed[first]}”和第 ${i + 1} 列“${trimmed[i]}”都对应${l.zh}；用 --map 指明哪一列是${l.zh}，另一列对应其他字段`,
        `columns ${first + 1} ("${trimmed[first]}") and ${i + 1} ("${trimmed[i]}") both give ${l.en}; use --map to say which is which`,
      ));
    } else taken.set(field, i);
  };

  trimmed.forEach((h, i) => {
    const k = headerKey(h);
    const m = mapping.get(k);
    if (m) {
      used.add(k);
      explicit[i] = true;
      if (m.target === 'sealed') roles[i] = { kind: 'sealed', key: '' };
      else if (m.target === 'ignore') roles[i] = { kind: 'dropped' };
      else if (m.target === 'extra') {
        // The clerk's word keeps a column verbatim only when nothing says it holds reporter data (SPEC 5).
        const found = anyReporterNumber(sample, i);
        if (headerNamesReporterData(h) || found) problems.push(keptReporterProblem(i, h, m.spec, found, taken));
        roles[i] = { kind: 'extra', key: '' };
      }
      else {
        take(m.target, i);
        roles[i] = { kind: 'field', field: m.target };
      }
      return;
    }
    const field = fieldForHeader(h);
    if (field !== undefined) {
      take(field, i);
      roles[i] = { kind: 'field', field };
    } else if (isUnitAndPostHeader(h)) roles[i] = { kind: 'unitAndPost' };
    else if (isDroppedHeader(h) || (englishPair && DROPPED_PAIR_EN.includes(h.toLowerCase()))) roles[i] = { kind: 'dropped' };
    else {
      const words = reporterWords(h);
      const shape = words === undefined ? shapeOf(sample, i) : undefined;
      if (words !== undefined || shape !== undefined) pending.push([i, words, shape?.shape, shape?.whole ?? false]);
      else roles[i] = { kind: 'extra', key: '' };
    }
  });

  const reporterMapped: [string, DraftField][] = [];
  for (const [i, words, shape, whole] of pending) {
    const h = trimmed[i]!;
    if (words !== undefined && words.length === 1 && !taken.has(words[0]!)) {
      taken.set(words[0]!, i);
      roles[i] = { kind: 'field', field: words[0]! };
      reporterMapped.push([h, words[0]!]);
      continue;
    }
    problems.push(reporterColumnProblem(i, h, words, shape, whole, taken, trimmed));
  }

  for (const [k, m] of mapping) {
    if (!used.has(k)) {
      problems.push(say(
        `--map “${m.spec}”：文件中没有“${m.header}”列（表头：${trimmed.join('、')}）`,
        `--map "${m.spec}": the file has no column "${m.header}" (header: ${trimmed.join(', ')})`,
      ));
    }
  }

  // Keys for kept and sealed columns: the header, numbered when it repeats; an empty header by its position.
  const fields: (DraftField | null)[] = [];
  const extraKeys: (string | null)[] = [];
  const unknown: string[] = [], dropped: string[] = [], sealed: string[] = [];
  const seen = new Map<string, number>();
  // roles has holes where a reporter column could not be placed: map over every index, not roles.map.
  const final: ColumnRole[] = trimmed.map((_, i) => {
    const r = roles[i];
    const role: ColumnRole = r ?? { kind: 'dropped' }; // a reporter column that could not be placed: refused above
    fields.push(role.kind === 'field' ? role.field : null);
    if (role.kind === 'extra' || role.kind === 'sealed') {
      const name = trimmed[i] === '' ? `列${i + 1}` : trimmed[i]!;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      const key = n === 1 ? name : `${name}(${n})`;
      (role.kind === 'extra' ? unknown : sealed).push(key);
      extraKeys.push(role.kind === 'extra' ? key : null);
      return { kind: role.kind, key };
    }
    extraKeys.push(null);
    if (role.kind === 'dropped' && r) dropped.push(trimmed[i]!);
    return role;
  });
  const rejectsColumns = trimmed.flatMap((h, i) => final[i]!.kind === 'dropped' && !explicit[i]
    && (REJECTS_OWN.has(headerKey(h)) || (englishPair && DROPPED_PAIR_EN.includes(h.toLowerCase()))) ? [i] : []);
  return { roles: final, fields, extraKeys, headers: trimmed, unknown, dropped, sealed, reporterMapped, explicit, rejectsColumns, problems };
}

/**
 * The shape most values of column `i` in the sample carry, when at least half of its non-empty
 * values are or contain phone or ID numbers (reporter-numbers.ts); `whole` when every such value is
 * the number alone (then the reporter field itself is a choice). A column with fewer such values is
 * kept, and the rows that carry one are refused one by one.
 */
function shapeOf(sample: readonly (readonly string[])[], i: number): { shape: NumberShape; whole: boolean } | undefined {
  let filled = 0, phones = 0, ids = 0, whole = true;
  for (const row of sample) {
    const v = row[i];
    if (v === undefined || v.trim() === '') continue;
    filled++;
    const hit = findReporterNumber(v);
    if (hit === undefined) continue;
    if (hit.shape === 'phone') phones++;
    else ids++;
    whole &&= hit.whole;
  }
  if (phones + ids === 0 || (phones + ids) * 2 < filled) return undefined;
  return { shape: ids > phones ? 'id' : 'phone', whole };
}

/** The shape of the first phone or ID number in the sampled values of column `i`, if any carries one. */
function anyReporterNumber(sample: readonly (readonly string[])[], i: number): NumberShape | undefined {
  for (const row of sample) {
    const v = row[i];
    if (v === undefined) continue;
    const hit = findReporterNumber(v);
    if (hit) return hit.shape;
  }
  return undefined;
}

/** `--map H=extra` for a column that holds reporter data: refused, saying why and what to use instead (SPEC 5). */
function keptReporterProblem(i: number, h: string, spec: string, found: NumberShape | undefined, taken: Map<DraftField, number>): Bilingual {
  const field = fieldForHeader(h);
  const named = field !== undefined && REPORTER_FIELDS.has(field) ? [field] : (reporterWords(h) ?? []);
  const free = named.filter((f) => !taken.has(f));
  const choices = [`--map "${h}=sealed"`, ...free.map((f) => `--map "${h}=${f}"`), `--map "${h}=ignore"`].join(' | ');
  const why = headerNamesReporterData(h)
    ? say('列名指向反映人信息', 'its header names reporter data')
    : say(`其中有${found === 'id' ? '身份证号' : '电话号码'}`, `its values hold ${found === 'id' ? 'ID' : 'phone'} numbers`);
  return say(
    `--map “${spec}”：第 ${i + 1} 列“${h}”是反映人信息（${why.zh}），不能原样保存；请用：${choices}`,
    `--map "${spec}": column ${i + 1} "${h}" holds reporter data (${why.en}) and is never kept verbatim; use: ${choices}`,
  );
}

function reporterColumnProblem(i: number, h: string, words: DraftField[] | undefined, shape: NumberShape | undefined, whole: boolean, taken: Map<DraftField, number>, headers: string[]): Bilingual {
  const q = (t: string) => `--map "${h}=${t}"`;
  // A field is a choice only for a cell that is the number alone: a phone inside a remark is no phone field.
  const candidates: DraftField[] = words && words.length > 0 ? words : !whole ? [] : shape === 'id' ? ['reporterId'] : shape === 'phone' ? ['reporterPhone'] : [];
  const free = candidates.filter((f) => !taken.has(f));
  const choices = [q('sealed'), ...free.map(q), q('ignore')].join(words === undefined ? ' | ' : ' | ');
  const why = words === undefined
    ? whole
      ? say(`其中的值像${shape === 'id' ? '身份证号' : '电话号码'}`, `its values look like ${shape === 'id' ? 'ID' : 'phone'} numbers`)
      : say(`其中的值含有${shape === 'id' ? '身份证号' : '电话号码'}`, `its values contain ${shape === 'id' ? 'ID' : 'phone'} numbers`)
    : words.length > 1
      ? say(`列名含有多项反映人信息（${words.map((f) => FIELD_LABELS[f].zh).join('、')}）`, `its header names several reporter fields (${words.map((f) => FIELD_LABELS[f].en).join(', ')})`)
      : words.length === 1
        ? say(`列名指向${FIELD_LABELS[words[0]!].zh}，但第 ${taken.get(words[0]!)! + 1} 列“${headers[taken.get(words[0]!)!]}”已是${FIELD_LABELS[words[0]!].zh}`,
          `its header names the ${FIELD_LABELS[words[0]!].en}, but column ${taken.get(words[0]!)! + 1} ("${headers[taken.get(words[0]!)!]}") already gives it`)
        : say('列名指向反映人信息', 'its header names the reporter or their contact data');
  return say(
    `第 ${i + 1} 列“${h}”可能是反映人信息（${why.zh}），不能原样保存；请指明：${choices}`,
    `column ${i + 1} "${h}" may hold reporter data (${why.en}) and cannot be kept verbatim; say which: ${choices}`,
  );
}

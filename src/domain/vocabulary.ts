// The office's coded vocabularies (SPEC 2) in one table: each value has a stable English code,
// a Chinese label shown by default, an English label for `--lang en`, and the input aliases
// accepted besides the code and the labels. Input parsing, output and help text all read this.

import { foldInput } from './text.js';

export interface Term<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
  readonly aliases?: readonly string[];
}

export type Lang = 'zh' | 'en';

export const SOURCES = [
  { code: 'superior-forwarded', zh: '上级转办', en: 'forwarded by superior', aliases: ['转办', '上级转来', '上级纪委转办'] },
  { code: 'superior-assigned', zh: '上级交办', en: 'assigned by superior', aliases: ['交办', '上级纪委交办'] },
  { code: 'own', zh: '本级受理', en: 'received directly', aliases: ['本级', '自收', '直接受理', '本级接收'] },
  { code: 'leader-assigned', zh: '领导交办', en: 'assigned by a leader', aliases: ['领导批办'] },
  { code: 'judicial', zh: '公检法移交', en: 'transferred by police/procuratorate/court', aliases: ['公检法', '司法机关移交', '公检法机关移交'] },
  { code: 'other-agency', zh: '其他部门移交', en: 'transferred by another agency', aliases: ['其他部门', '部门移交', '其他单位移交'] },
] as const satisfies readonly Term[];
export type Source = (typeof SOURCES)[number]['code'];

export const GROUPS = [
  { code: 'superior', zh: '上级转来', en: 'from superiors', aliases: ['上级'] },
  { code: 'local', zh: '本级接收', en: 'received locally', aliases: ['本级'] },
] as const satisfies readonly Term[];
export type Group = (typeof GROUPS)[number]['code'];

const SOURCE_GROUP: Record<Source, Group> = {
  'superior-forwarded': 'superior',
  'superior-assigned': 'superior',
  own: 'local',
  'leader-assigned': 'local',
  judicial: 'local',
  'other-agency': 'local',
};
export function groupOf(source: Source): Group {
  return SOURCE_GROUP[source];
}
export function isSuperior(source: Source): boolean {
  return SOURCE_GROUP[source] === 'superior';
}

export const CHANNELS = [
  { code: 'letter', zh: '来信', en: 'letter', aliases: ['信件', '信函', '写信'] },
  { code: 'visit', zh: '来访', en: 'visit', aliases: ['走访', '上访'] },
  { code: 'phone', zh: '来电', en: 'phone', aliases: ['电话', '电话举报', '12388'] },
  { code: 'online', zh: '网络举报', en: 'online', aliases: ['网络', '网上举报', '网上', '网站', '网络平台'] },
  { code: 'other', zh: '其他', en: 'other', aliases: ['其它'] },
] as const satisfies readonly Term[];
export type Channel = (typeof CHANNELS)[number]['code'];

export const KINDS = [
  { code: 'accusation', zh: '检举控告', en: 'accusation', aliases: ['检举', '控告', '举报', '检举控告类'] },
  { code: 'appeal', zh: '申诉', en: 'appeal', aliases: ['申诉类'] },
  { code: 'suggestion', zh: '批评建议', en: 'suggestion', aliases: ['批评', '建议', '意见建议', '批评建议类'] },
] as const satisfies readonly Term[];
export type Kind = (typeof KINDS)[number]['code'];

export const DISPOSALS = [
  { code: 'file-case', zh: '拟立案', en: 'propose filing a case', aliases: ['立案', '直接立案', '立案审查'] },
  { code: 'verify', zh: '初步核实', en: 'initial verification', aliases: ['初核'] },
  { code: 'inquire', zh: '谈话函询', en: 'talk or letter inquiry', aliases: ['函询', '谈话', '谈话函询类'] },
  { code: 'hold', zh: '暂存待查', en: 'hold pending', aliases: ['暂存'] },
  { code: 'close', zh: '予以了结', en: 'conclude without action', aliases: ['了结'] },
] as const satisfies readonly Term[];
export type Disposal = (typeof DISPOSALS)[number]['code'];

export const RESULTS = [
  { code: 'substantiated', zh: '属实', en: 'substantiated', aliases: ['基本属实'] },
  { code: 'partly', zh: '部分属实', en: 'partly substantiated', aliases: [] },
  { code: 'unsubstantiated', zh: '不属实', en: 'unsubstantiated', aliases: ['失实', '查无实据'] },
  // A case filed after an initial verification is what the handling found, not a second disposal (SPEC 3).
  { code: 'case-filed', zh: '立案审查', en: 'case filed', aliases: ['立案', '转立案'] },
] as const satisfies readonly Term[];
export type Result = (typeof RESULTS)[number]['code'];

export const METHODS = [
  { code: 'in-person', zh: '当面', en: 'in person', aliases: ['面谈', '当面答复'] },
  { code: 'phone', zh: '电话', en: 'phone', aliases: ['电话答复'] },
  { code: 'letter', zh: '书面', en: 'in writing', aliases: ['书面答复', '信函'] },
  { code: 'on-site', zh: '实地察看', en: 'on-site inspection', aliases: ['实地'] },
  { code: 'report', zh: '听取汇报', en: 'hearing a report', aliases: ['汇报'] },
  { code: 'notice', zh: '交办通知单', en: 'notice', aliases: ['通知单'] },
] as const satisfies readonly Term[];
export type Method = (typeof METHODS)[number]['code'];

export const STATUSES = [
  { code: 'duplicate', zh: '重复件', en: 'duplicate', aliases: ['重复'] },
  { code: 'out-of-scope', zh: '业务范围外', en: 'out of scope', aliases: ['范围外'] },
  { code: 'no-substance', zh: '无实质内容', en: 'no substance', aliases: ['无实质'] },
  { code: 'pending', zh: '待处置', en: 'pending', aliases: [] },
  { code: 'disposed', zh: '已处置', en: 'disposed', aliases: [] },
  { code: 'concluded', zh: '已办结', en: 'concluded', aliases: ['办结'] },
  { code: 'replied', zh: '已答复', en: 'replied', aliases: ['答复'] },
  { code: 'void', zh: '已作废', en: 'void', aliases: ['作废'] },
] as const satisfies readonly Term[];
export type Status = (typeof STATUSES)[number]['code'];

export const ACTIVITY_KINDS = [
  { code: 'visit', zh: '下访/实地走访', en: 'field visit', aliases: ['下访', '实地走访', '走访'] },
  { code: 'investigation-report', zh: '信访调查报告', en: 'investigation report', aliases: ['调查报告'] },
  { code: 'research-report', zh: '调研报告', en: 'research report', aliases: ['调研'] },
  { code: 'bulletin', zh: '工作简报', en: 'bulletin', aliases: ['简报'] },
] as const satisfies readonly Term[];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]['code'];

/** The two ways an item is not for the office to handle (SPEC 3): `scope out --refer-to` or `--no-substance`. */
export const SCOPES = [
  { code: 'out-of-scope', zh: '业务范围外', en: 'out of scope', aliases: ['范围外'] },
  { code: 'no-substance', zh: '无实质内容', en: 'no substance', aliases: ['无实质'] },
] as const satisfies readonly Term[];
export type Scope = (typeof SCOPES)[number]['code'];

/** Kinds of decision events (SPEC 3) and of the corrections recorded beside them, as history shows them. */
export const EVENT_KINDS = [
  { code: 'duplicate', zh: '认定重复件', en: 'marked duplicate', aliases: ['重复件', '重复'] },
  { code: 'duplicate-clear', zh: '撤销重复件认定', en: 'duplicate mark cleared', aliases: ['取消重复'] },
  { code: 'duplicate-dismiss', zh: '排除重复', en: 'not a duplicate', aliases: ['不是重复件'] },
  { code: 'scope-out', zh: '不予受理', en: 'not for the office', aliases: ['范围外', '无实质内容'] },
  { code: 'scope-in', zh: '恢复受理', en: 'back in scope', aliases: ['范围内'] },
  { code: 'instruct', zh: '领导批示', en: 'leader\'s instruction', aliases: ['批示'] },
  { code: 'assign', zh: '交办', en: 'assigned', aliases: ['分流', '交办分流'] },
  { code: 'dispose', zh: '处置', en: 'disposed', aliases: ['处置方式'] },
  { code: 'conclude', zh: '办结', en: 'concluded', aliases: ['办理结果'] },
  { code: 'sanction', zh: '处理处分', en: 'sanction', aliases: ['处分'] },
  { code: 'notify', zh: '受理告知', en: 'acceptance notice', aliases: ['告知'] },
  { code: 'reply', zh: '答复', en: 'reply', aliases: ['结果答复'] },
  { code: 'supervise', zh: '督办', en: 'supervision', aliases: ['督查'] },
  { code: 'extend', zh: '延期', en: 'extension', aliases: ['延长期限'] },
  { code: 'amend', zh: '更正', en: 'amended', aliases: ['更正登记'] },
  { code: 'void', zh: '作废', en: 'voided', aliases: ['登记错误'] },
] as const satisfies readonly Term[];
export type EventKind = (typeof EVENT_KINDS)[number]['code'];

/**
 * What an audit log entry records (SPEC 5) besides the decision events above, which are logged
 * under their event kind: `audit log` and `show` history label entries from this table and EVENT_KINDS.
 */
export const RECORD_ACTIONS = [
  { code: 'init', zh: '建立或升级登记库', en: 'registry created or upgraded', aliases: ['初始化'] },
  { code: 'audit-rekey', zh: '审计日志改用带密钥的链', en: 'audit chain keyed', aliases: [] },
  { code: 'register', zh: '登记', en: 'registered', aliases: [] },
  { code: 'import', zh: '导入', en: 'imported', aliases: [] },
  { code: 'reveal', zh: '查看反映人身份', en: 'reporter revealed', aliases: [] },
  { code: 'reporter-lookup', zh: '按反映人查找', en: 'reporter look-up', aliases: [] },
  { code: 'activity', zh: '下访与调研', en: 'outreach recorded', aliases: [] },
  { code: 'config', zh: '修改设置', en: 'setting changed', aliases: [] },
  { code: 'calendar', zh: '维护工作日历', en: 'calendar changed', aliases: [] },
  { code: 'backup', zh: '备份', en: 'backup', aliases: [] },
  { code: 'export', zh: '明文导出信访件', en: 'exported with reporters in clear', aliases: [] },
  { code: 'migrate-in', zh: '迁入登记库', en: 'registry copied in', aliases: [] },
] as const satisfies readonly Term[];
export type RecordAction = (typeof RECORD_ACTIONS)[number]['code'];
/** Every action an audit entry can carry: a record action or a decision event's kind. */
export type AuditAction = RecordAction | EventKind;

/** Open lists: suggested values only, any text is accepted. */
export const SUGGESTED_CATEGORIES = [
  '违反中央八项规定精神', '违反廉洁纪律', '违反群众纪律', '违反工作纪律', '违反组织纪律',
  '违反生活纪律', '违反政治纪律', '涉嫌职务违法', '涉嫌职务犯罪',
] as const;
export const SUGGESTED_RANKS = ['县处级', '乡科级', '一般干部', '村(社区)干部', '事业单位人员', '企业人员', '其他'] as const;
export const SUGGESTED_SANCTIONS = [
  '诫勉谈话', '批评教育', '警告', '严重警告', '行政警告', '记过', '撤销党内职务', '开除党籍',
] as const;

/** A vocabulary with its lookup index, built once per table. */
export class Vocabulary<C extends string> {
  private readonly index = new Map<string, C>();
  private readonly byCode = new Map<C, Term<C>>();

  constructor(
    readonly name: { zh: string; en: string },
    readonly terms: readonly Term<C>[],
  ) {
    for (const t of terms) {
      this.byCode.set(t.code, t);
      for (const key of [t.code, t.zh, t.en, ...(t.aliases ?? [])]) {
        const folded = foldKey(key);
        if (!this.index.has(folded)) this.index.set(folded, t.code);
      }
    }
  }

  /** The code for an input (code, label or alias), or undefined. */
  parse(input: string): C | undefined {
    // Folding is idempotent, so an input that is already a key needs none (the common case, and
    // an import asks three times a row).
    return this.index.get(input) ?? this.index.get(foldKey(input));
  }

  has(code: string): code is C {
    return this.byCode.has(code as C);
  }

  label(code: C, lang: Lang): string {
    const t = this.byCode.get(code);
    return t ? t[lang] : code;
  }

  /** "上级转办 (superior-forwarded), ..." for error messages. */
  accepted(lang: Lang): string {
    return this.terms.map((t) => (lang === 'zh' ? `${t.zh}(${t.code})` : `${t.code} (${t.zh})`)).join(lang === 'zh' ? '、' : ', ');
  }

  codes(): C[] {
    return this.terms.map((t) => t.code);
  }
}

function foldKey(s: string): string {
  return foldInput(s).toLowerCase().replace(/[\s_]+/g, '-');
}

export const vocab = {
  source: new Vocabulary<Source>({ zh: '来源', en: 'source' }, SOURCES),
  group: new Vocabulary<Group>({ zh: '来源分组', en: 'group' }, GROUPS),
  channel: new Vocabulary<Channel>({ zh: '信访形式', en: 'channel' }, CHANNELS),
  kind: new Vocabulary<Kind>({ zh: '信访类别', en: 'kind' }, KINDS),
  disposal: new Vocabulary<Disposal>({ zh: '处置方式', en: 'disposal' }, DISPOSALS),
  result: new Vocabulary<Result>({ zh: '办理结果', en: 'result' }, RESULTS),
  method: new Vocabulary<Method>({ zh: '方式', en: 'method' }, METHODS),
  status: new Vocabulary<Status>({ zh: '状态', en: 'status' }, STATUSES),
  activity: new Vocabulary<ActivityKind>({ zh: '活动类型', en: 'activity kind' }, ACTIVITY_KINDS),
  scope: new Vocabulary<Scope>({ zh: '不予受理类型', en: 'scope decision' }, SCOPES),
  event: new Vocabulary<EventKind>({ zh: '事项', en: 'event kind' }, EVENT_KINDS),
  auditAction: new Vocabulary<AuditAction>({ zh: '审计事项', en: 'audit action' }, [...RECORD_ACTIONS, ...EVENT_KINDS]),
} as const;

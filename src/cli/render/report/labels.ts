// The words of a report (SPEC 6.1) in both languages: figure names, section titles, and the label
// of every key of a breakdown or analysis row. Coded keys take their label from the vocabulary
// table; the few keys that exist only in reports (the analysis classes) are named here.

import type { Bilingual } from '../../../domain/errors.js';
import {
  formatPercent, type AnalysisView, type BreakdownDimension, type CompareKind, type ReportGroup,
} from '../../../domain/report.js';
import { visibleText } from '../../../domain/text.js';
import { vocab, type Lang } from '../../../domain/vocabulary.js';

const b = (zh: string, en: string): Bilingual => ({ zh, en });

export function tr(lang: Lang, text: Bilingual): string {
  return text[lang];
}

/** Names of the figures of a group (SPEC 6.1 table), by JSON key; disposals by their vocabulary labels. */
export const FIGURE_LABELS = {
  received: b('收件', 'received'),
  duplicates: b('重复件', 'duplicates'),
  outOfScope: b('业务范围外', 'out of scope'),
  noSubstance: b('无实质内容', 'no substance'),
  pending: b('待处置', 'pending'),
  disposals: b('处置', 'disposals'),
  eligible: b('处置件(不含拟立案)', 'eligible (disposed, not file-case)'),
  verified: b('初核', 'verified'),
  verificationRate: b('初核率', 'verification rate'),
  concluded: b('办结', 'concluded'),
  // Not a JSON key: the base of the on-time rate (SPEC 6.1), shown so that the rate can be checked.
  concludedWithDeadline: b('有办理时限的办结件', 'concluded with a handle deadline'),
  onTime: b('按期办结', 'concluded on time'),
  onTimeRate: b('按期办结率', 'on-time rate'),
  realName: b('实名件', 'real-name'),
  replied: b('已答复', 'replied'),
  overdue: b('超期', 'overdue'),
} as const;

export function groupLabel(g: ReportGroup, lang: Lang): string {
  return g === 'all' ? (lang === 'zh' ? '合计' : 'all') : vocab.group.label(g, lang);
}

export function compareLabel(kind: CompareKind, lang: Lang): string {
  return kind === 'yoy' ? (lang === 'zh' ? '去年同期' : 'a year earlier') : lang === 'zh' ? '上期' : 'previous period';
}

export const SECTION_TITLES = {
  report: b('信访举报统计报表', 'Petition report'),
  figures: b('总体情况', 'Figures'),
  sanctions: b('处理处分（人）', 'Sanctions (persons)'),
  activities: b('下访与调研', 'Outreach'),
  monthly: b('按月收件', 'Received by month'),
  repeat: b('重复信访', 'Repeat petitions'),
  breakdown: b('分类统计', 'Breakdown'),
  analysis: b('信访分析', 'Analysis'),
} as const;

export const COLUMN_LABELS = {
  figure: b('指标', 'figure'),
  current: b('本期', 'current'),
  change: b('变化', 'change'),
  count: b('件数', 'count'),
  share: b('占比', 'share'),
  group: b('分组', 'group'),
  persons: b('人数', 'persons'),
  kind: b('种类', 'kind'),
  month: b('月份', 'month'),
  originals: b('原件数', 'originals'),
  drew: b('被重复反映', 'duplicates drawn'),
} as const;

export const DIMENSION_LABELS: Record<BreakdownDimension, Bilingual> = {
  source: b('来源', 'source'),
  channel: b('信访形式', 'channel'),
  kind: b('信访类别', 'kind'),
  category: b('问题类别', 'category'),
  rank: b('被反映人职级', 'accused rank'),
  unit: b('被反映单位', 'unit'),
  office: b('承办部门', 'handling office'),
  disposal: b('处置方式', 'disposal'),
  month: b('月份', 'month'),
  repeat: b('初信初访与重复信访', 'first-time or repeat'),
};

export const VIEW_LABELS: Record<AnalysisView, Bilingual> = {
  source: b('信访来源', 'source'),
  type: b('信访类型', 'type'),
  channel: b('信访形式', 'channel'),
  category: b('反映问题类别', 'problem category'),
  rank: b('被反映人职级', 'accused rank'),
  unit: b('被反映单位（前几位）', 'unit (largest)'),
  repeat: b('初信初访与重复信访', 'first-time or repeat'),
  realName: b('署名情况', 'real-name'),
};

/** Keys that exist only in reports. */
const REPORT_KEYS: Record<string, Bilingual> = {
  'source:local': b('本级受理', 'received directly'),
  'source:superior': b('上级转办交办', 'forwarded or assigned by superiors'),
  'type:out-of-scope': b('业务范围外', 'out of scope'),
  'type:no-substance': b('无实质内容', 'no substance'),
  'repeat:first': b('初信初访', 'first-time'),
  'repeat:repeat': b('重复信访', 'repeat'),
  'realName:real-name': b('署名', 'real-name'),
  'realName:anonymous': b('匿名', 'anonymous'),
};

export const NOT_GIVEN = b('未填写', 'not given');
const NOT_ASSIGNED = b('未交办', 'not assigned');

/** The label of a breakdown row's key, in the chosen language; open-list text as it is. */
export function breakdownKeyLabel(by: BreakdownDimension, key: string | null, lang: Lang): string {
  // By handling office, an item without one was never assigned: not a field left blank.
  if (key === null) return by === 'office' ? NOT_ASSIGNED[lang] : NOT_GIVEN[lang];
  switch (by) {
    case 'source': return vocab.source.has(key) ? vocab.source.label(key, lang) : key;
    case 'channel': return vocab.channel.has(key) ? vocab.channel.label(key, lang) : key;
    case 'kind': return vocab.kind.has(key) ? vocab.kind.label(key, lang) : key;
    // A disposal breakdown partitions the items: the five disposals, and the statuses outside them (duplicate, pending ...).
    case 'disposal': return vocab.disposal.has(key) ? vocab.disposal.label(key, lang) : vocab.status.has(key) ? vocab.status.label(key, lang) : key;
    case 'repeat': return REPORT_KEYS[`repeat:${key}`]?.[lang] ?? key;
    default: return key;
  }
}

/** The label of an analysis row's key. */
export function analysisKeyLabel(view: AnalysisView, key: string | null, lang: Lang): string {
  if (key === null) return NOT_GIVEN[lang];
  const own = REPORT_KEYS[`${view}:${key}`];
  if (own) return own[lang];
  if (view === 'channel' && vocab.channel.has(key)) return vocab.channel.label(key, lang);
  if (view === 'type' && vocab.kind.has(key)) return vocab.kind.label(key, lang);
  return key;
}

/**
 * Text from outside (units, categories, sanction kinds, offices) made safe for a terminal or a
 * document (SPEC 5): control characters and escape sequences shown, never sent raw.
 */
export function visible(s: string): string {
  return visibleText(s);
}

/** A change for a table cell: "+12.5%" / "-41.9%"; a rate's difference in points; null as "—". */
export function changeCell(v: number | null, points: boolean, lang: Lang): string {
  if (v === null) return '—';
  const p = formatPercent(v, { signed: true });
  return points ? p.replace('%', lang === 'zh' ? '个百分点' : ' pp') : p;
}

export function countCell(v: number | null): string {
  return v === null ? '' : String(v);
}

export function percentCell(v: number | null): string {
  return v === null ? '—' : formatPercent(v);
}

/** Activity units for the bulletin and tables: 次, 篇, 期. */
export const ACTIVITY_UNITS: Record<string, Bilingual> = {
  visit: b('次', 'visits'),
  'investigation-report': b('篇', 'reports'),
  'research-report': b('篇', 'reports'),
  bulletin: b('期', 'issues'),
};

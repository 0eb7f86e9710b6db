// How items look in listings: the columns a clerk reads in a table, and every field for CSV.

import { say } from '../../domain/errors.js';
import { FIELD_LABELS, type ItemView } from '../../domain/item.js';
import { vocab, type Lang } from '../../domain/vocabulary.js';
import type { Column, Listing } from './listing.js';

const text = (k: keyof ItemView) => (v: ItemView) => v[k] as string | null;

function coded<K extends 'source' | 'channel' | 'kind' | 'status' | 'group' | 'disposal' | 'result'>(key: K, voc: { label: (c: any, l: Lang) => string }) {
  return {
    human: (v: ItemView, lang: Lang) => (v[key] == null ? '' : voc.label(v[key], lang)),
    raw: (v: ItemView) => v[key] as string | null,
  };
}

const col = (key: keyof ItemView & keyof typeof FIELD_LABELS, extra: Partial<Column<ItemView>> = {}): Column<ItemView> => ({
  key, header: FIELD_LABELS[key], human: text(key), ...extra,
});

const all: Record<string, Column<ItemView>> = {
  code: col('code'),
  received: col('received'),
  source: col('source', coded('source', vocab.source)),
  group: col('group', coded('group', vocab.group)),
  forwardedBy: col('forwardedBy'),
  ref: col('ref'),
  channel: col('channel', coded('channel', vocab.channel)),
  kind: col('kind', coded('kind', vocab.kind)),
  category: col('category'),
  summary: col('summary', { wide: true }),
  realName: col('realName', { human: (v, l) => (v.realName ? (l === 'zh' ? '是' : 'yes') : l === 'zh' ? '否' : 'no'), raw: (v) => v.realName }),
  reporterName: col('reporterName', { human: (v, l) => (v.reporterDamaged ? (l === 'zh' ? '（已损坏）' : '(damaged)') : v.reporterName) }),
  reporterId: col('reporterId'),
  reporterPhone: col('reporterPhone'),
  reporterAddress: col('reporterAddress'),
  accusedName: col('accusedName'),
  accusedUnit: col('accusedUnit'),
  accusedPost: col('accusedPost'),
  accusedRank: col('accusedRank'),
  status: col('status', coded('status', vocab.status)),
  duplicateOf: { key: 'duplicateOf', header: say('原件', 'duplicate of'), human: text('duplicateOf') },
  disposal: { key: 'disposal', header: say('处置方式', 'disposal'), ...coded('disposal', vocab.disposal) },
  assignedTo: { key: 'assignedTo', header: say('承办部门', 'assigned to'), human: text('assignedTo') },
  due: { key: 'due', header: say('办理期限', 'due'), human: text('due') },
  concluded: { key: 'concluded', header: say('办结日期', 'concluded'), human: text('concluded') },
  extra: { key: 'extra', header: say('其他列', 'extra'), human: (v) => (Object.keys(v.extra).length ? JSON.stringify(v.extra) : '') },
};

const TABLE = ['code', 'received', 'source', 'channel', 'accusedName', 'accusedUnit', 'category', 'summary', 'status'];
const CSV = ['code', 'received', 'source', 'group', 'forwardedBy', 'ref', 'channel', 'kind', 'category', 'summary', 'realName',
  'reporterName', 'accusedName', 'accusedUnit', 'accusedPost', 'accusedRank', 'status', 'duplicateOf', 'disposal', 'assignedTo',
  'due', 'concluded', 'extra'];

export function itemListing(pages: AsyncIterable<ItemView[]> | Iterable<ItemView[]>): Listing<ItemView> {
  return {
    columns: TABLE.map((k) => all[k]!),
    csvColumns: CSV.map((k) => all[k]!),
    pages,
  };
}

/** Field/value pairs of one item for `show`, in the chosen language, empty fields left out. */
export function itemRecord(v: ItemView, lang: Lang): [string, string][] {
  const keys = ['code', 'received', 'source', 'forwardedBy', 'ref', 'channel', 'kind', 'category', 'summary', 'realName',
    'reporterName', 'reporterId', 'reporterPhone', 'reporterAddress', 'accusedName', 'accusedUnit', 'accusedPost',
    'accusedRank', 'status', 'duplicateOf', 'disposal', 'assignedTo', 'due', 'concluded'];
  const pairs: [string, string][] = [];
  for (const k of keys) {
    const c = all[k]!;
    const value = c.human(v, lang);
    if (value !== null && value !== undefined && value !== '') pairs.push([c.header[lang], String(value)]);
  }
  if (v.outOfScope) pairs.push([lang === 'zh' ? '转交' : 'refer to', [v.outOfScope.referTo, v.outOfScope.reason].filter(Boolean).join(lang === 'zh' ? '；' : '; ')]);
  for (const [h, value] of Object.entries(v.extra)) pairs.push([h, value]);
  return pairs;
}

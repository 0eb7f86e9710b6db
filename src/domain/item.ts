// The petition item (信访件) and the fields a clerk or a CSV row gives for one.

import type { IsoDate } from './dates.js';
import type { ItemState } from './events.js';
import type { Channel, Group, Kind, Source } from './vocabulary.js';
import type { Reporter } from './reporter.js';
import type { Bilingual } from './errors.js';
import { say } from './errors.js';

/** The item's own fields, as registered. Reporter fields are plaintext here; the store seals them. */
export interface ItemDraft {
  received: IsoDate;
  source: Source;
  forwardedBy?: string;
  ref?: string;
  channel: Channel;
  kind: Kind;
  category?: string;
  summary?: string;
  reporter: Reporter;
  realName: boolean;
  accusedName?: string;
  accusedUnit?: string;
  accusedPost?: string;
  accusedRank?: string;
  /** Imported columns that matched no field, kept verbatim by header. */
  extra: Record<string, string>;
}

/** Field names of a draft as scripts and CSV headers spell them (SPEC 6 JSON keys). */
export const DRAFT_FIELDS = [
  'received', 'source', 'forwardedBy', 'ref', 'channel', 'kind', 'category', 'summary',
  'reporterName', 'reporterId', 'reporterPhone', 'reporterAddress', 'realName',
  'accusedName', 'accusedUnit', 'accusedPost', 'accusedRank',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

export const FIELD_LABELS: Record<DraftField | 'code' | 'status' | 'group', Bilingual> = {
  code: say('编号', 'code'),
  received: say('收件日期', 'received'),
  source: say('来源', 'source'),
  group: say('来源分组', 'group'),
  forwardedBy: say('转办机关', 'forwarded by'),
  ref: say('来文编号', 'reference'),
  channel: say('信访形式', 'channel'),
  kind: say('信访类别', 'kind'),
  category: say('问题类别', 'category'),
  summary: say('内容摘要', 'summary'),
  reporterName: say('反映人', 'reporter'),
  reporterId: say('身份证号', 'reporter ID number'),
  reporterPhone: say('联系电话', 'reporter phone'),
  reporterAddress: say('住址', 'reporter address'),
  realName: say('实名', 'real name'),
  accusedName: say('被反映人', 'accused'),
  accusedUnit: say('被反映人单位', 'accused unit'),
  accusedPost: say('职务', 'post'),
  accusedRank: say('职级', 'rank'),
  status: say('状态', 'status'),
};

/** An item as the store returns it: the draft plus its identity and registration facts. */
export interface StoredItem extends ItemDraft {
  id: number;
  code: string;
  createdAt: string;
  createdBy: string;
}

/** An item with its state at some date, ready for output (reporter already masked or revealed). */
export interface ItemView extends ItemState {
  code: string;
  received: IsoDate;
  source: Source;
  group: Group;
  forwardedBy: string | null;
  ref: string | null;
  channel: Channel;
  kind: Kind;
  category: string | null;
  summary: string | null;
  realName: boolean;
  reporterName: string | null;
  reporterId: string | null;
  reporterPhone: string | null;
  reporterAddress: string | null;
  /** The reporter's sealed block could not be opened: the reporter fields are null (SPEC 5). */
  reporterDamaged: boolean;
  accusedName: string | null;
  accusedUnit: string | null;
  accusedPost: string | null;
  accusedRank: string | null;
  extra: Record<string, string>;
}

/** Registry code `YYYY-NNNN`: the year received and a sequence within that year. */
export function formatCode(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(4, '0')}`;
}

export function parseCode(input: string): { year: number; seq: number } | undefined {
  const m = /^(\d{4})-(\d{1,9})$/.exec(input.normalize('NFKC').trim());
  if (!m) return undefined;
  return { year: Number(m[1]), seq: Number(m[2]) };
}

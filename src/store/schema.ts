// The registry's tables as Kysely sees them. Dates are ISO `YYYY-MM-DD` text and timestamps
// ISO text in every dialect, so that comparisons and grouping behave alike in SQLite and PostgreSQL.

import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface ItemTable {
  id: number;
  code: string;
  year: number;
  seq: number;
  received: string;
  source: string;
  grp: string;
  forwarded_by: string | null;
  ref: string | null;
  channel: string;
  kind: string;
  category: string | null;
  summary: string | null;
  real_name: number;
  /** Reporter identity, authenticated-encrypted (see vault.ts); null for an anonymous item. */
  reporter_sealed: string | null;
  /** Keyed hashes of the normalised reporter fields, for matching without decrypting. */
  reporter_name_hash: string | null;
  reporter_id_hash: string | null;
  reporter_phone_hash: string | null;
  accused_name: string | null;
  accused_unit: string | null;
  accused_post: string | null;
  accused_rank: string | null;
  /** Imported columns that matched no field: JSON object, header → value. */
  extra: string | null;
  /** Keyed hash of the item's content, to tell an identical re-import from a conflicting one. */
  fingerprint: string | null;
  created_at: string;
  created_by: string;
}

export interface EventTable {
  id: number;
  item_id: number;
  kind: string;
  on_date: string;
  at: string;
  operator: string;
  target_id: number | null;
  value: string | null;
  due: string | null;
  note: string | null;
  data: string | null;
}

export interface AuditTable {
  seq: number;
  at: string;
  operator: string;
  action: string;
  item_code: string | null;
  effective: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  meta: MetaTable;
  items: ItemTable;
  events: EventTable;
  audit: AuditTable;
}

export type Dialect = 'sqlite' | 'postgres';
// Generated is re-exported for later tables with database-assigned columns.
export type { Generated };

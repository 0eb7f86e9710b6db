// The registry's tables as Kysely sees them. Dates are ISO `YYYY-MM-DD` text and timestamps
// ISO text in every dialect, so that comparisons and grouping behave alike in SQLite and PostgreSQL.

export interface MetaTable {
  key: string;
  value: string;
}

/** Who registered a set of items, when and how: one row per registration or per imported file. */
export interface IntakeTable {
  id: number;
  at: string;
  operator: string;
  via: string;
  file: string | null;
}

/** Reporter identities of several items sealed together (see vault.ts). */
export interface ReporterBlockTable {
  id: number;
  data: Buffer;
}

export interface ItemTable {
  id: number;
  code: string;
  year: number;
  seq: number;
  received: string;
  source: string;
  forwarded_by: string | null;
  ref: string | null;
  /** The folded (organ, reference) that identifies a forwarded case (domain/identity.ts, storedIdentityKey); null without both. */
  ref_key: string | null;
  channel: string;
  kind: string;
  category: string | null;
  summary: string | null;
  real_name: number;
  /** The sealed block holding this item's reporter; null for an item with no reporter data. */
  reporter_block: number | null;
  /** Keyed 53-bit hashes of the normalised reporter fields, for matching without decrypting. */
  reporter_name_hash: number | null;
  reporter_id_hash: number | null;
  reporter_phone_hash: number | null;
  accused_name: string | null;
  accused_unit: string | null;
  accused_post: string | null;
  accused_rank: string | null;
  /** Imported columns that matched no field: JSON object, header → value. */
  extra: string | null;
  /** Keyed hash of the item's content, to tell an identical re-import from a conflicting one. */
  fingerprint: number;
  intake_id: number;
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

/** Outreach work (下访与调研) counted in reports by its own date. */
export interface ActivityTable {
  id: number;
  kind: string;
  on_date: string;
  count: number;
  note: string | null;
  at: string;
  operator: string;
}

/** A pair of items decided not to be duplicates (`dup dismiss`), lower id first. */
export interface DuplicateDismissalTable {
  low_id: number;
  high_id: number;
  event_id: number;
}

export interface AuditTable {
  seq: number;
  at: string;
  operator: string;
  /** The OS account beside the declared operator (0003); null in entries from before. */
  os_user: string | null;
  action: string;
  item_code: string | null;
  effective: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * One row per item: its state at the end of time as known now (store/item-state.ts), with the
 * registered fields a report counts by, kept by every writer in the same transaction (migration
 * 0007). Derived from items and events; `audit verify` recomputes it.
 */
export interface ItemStateTable {
  item_id: number;
  received: string;
  source: string;
  channel: string;
  kind: string;
  category: string | null;
  accused_rank: string | null;
  accused_unit: string | null;
  real_name: number;
  /** The latest effective date of the item's events that its state depends on (store/events.ts STATE_KINDS); null without any. */
  settled: string | null;
  status: string;
  dup_target: string | null;
  disposal: string | null;
  assigned_to: string | null;
  assigned: string | null;
  due: string | null;
  concluded: string | null;
  notified: string | null;
  replied: string | null;
  triaged: string | null;
}

export interface Database {
  meta: MetaTable;
  intakes: IntakeTable;
  reporter_blocks: ReporterBlockTable;
  items: ItemTable;
  events: EventTable;
  activities: ActivityTable;
  duplicate_dismissals: DuplicateDismissalTable;
  audit: AuditTable;
  item_state: ItemStateTable;
}

export type Dialect = 'sqlite' | 'postgres';

// Items and their events in the registry. Reporter fields are sealed on the way in and opened on
// the way out through the Vault; nothing else in the program sees a sealed value.

import type { Selectable } from 'kysely';
import { yearOf, type IsoDate } from '../domain/dates.js';
import type { ItemEvent, EventKind } from '../domain/events.js';
import { formatCode, type ItemDraft, type StoredItem } from '../domain/item.js';
import { groupOf, type Channel, type Group, type Kind, type Source } from '../domain/vocabulary.js';
import type { Db } from './registry.js';
import type { ItemTable } from './schema.js';
import type { Vault } from './vault.js';

export type ItemRow = Selectable<ItemTable>;

/** The content that identifies an item for re-import: everything a row gives, reporter included. */
export function fingerprintText(d: ItemDraft): string {
  return JSON.stringify([
    d.received, d.source, d.forwardedBy ?? null, d.ref ?? null, d.channel, d.kind, d.category ?? null,
    d.summary ?? null, d.reporter.name ?? null, d.reporter.idNumber ?? null, d.reporter.phone ?? null,
    d.reporter.address ?? null, d.realName, d.accusedName ?? null, d.accusedUnit ?? null,
    d.accusedPost ?? null, d.accusedRank ?? null, d.extra,
  ]);
}

export async function nextSeq(trx: Db, year: number): Promise<number> {
  const r = await trx.selectFrom('items').select((eb) => eb.fn.max('seq').as('m')).where('year', '=', year).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function nextItemId(trx: Db): Promise<number> {
  const r = await trx.selectFrom('items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export function itemRow(id: number, seq: number, d: ItemDraft, vault: Vault, createdAt: string, createdBy: string, fingerprint?: string): ItemRow {
  const year = yearOf(d.received);
  const code = formatCode(year, seq);
  return {
    id, code, year, seq,
    received: d.received,
    source: d.source,
    grp: groupOf(d.source),
    forwarded_by: d.forwardedBy ?? null,
    ref: d.ref ?? null,
    channel: d.channel,
    kind: d.kind,
    category: d.category ?? null,
    summary: d.summary ?? null,
    real_name: d.realName ? 1 : 0,
    reporter_sealed: vault.seal(d.reporter, code),
    reporter_name_hash: vault.match('name', d.reporter.name),
    reporter_id_hash: vault.match('idNumber', d.reporter.idNumber),
    reporter_phone_hash: vault.match('phone', d.reporter.phone),
    accused_name: d.accusedName ?? null,
    accused_unit: d.accusedUnit ?? null,
    accused_post: d.accusedPost ?? null,
    accused_rank: d.accusedRank ?? null,
    extra: Object.keys(d.extra).length > 0 ? JSON.stringify(d.extra) : null,
    fingerprint: fingerprint ?? vault.digest(fingerprintText(d)),
    created_at: createdAt,
    created_by: createdBy,
  };
}

/** Registers one item under the next code of its year. Call inside Registry.write. */
export async function insertItem(trx: Db, vault: Vault, d: ItemDraft, createdAt: string, createdBy: string): Promise<ItemRow> {
  const row = itemRow(await nextItemId(trx), await nextSeq(trx, yearOf(d.received)), d, vault, createdAt, createdBy);
  await trx.insertInto('items').values(row).execute();
  return row;
}

export async function findItemRow(db: Db, code: string): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst();
}

export function rowToItem(r: ItemRow, vault: Vault): StoredItem {
  return {
    id: Number(r.id),
    code: r.code,
    received: r.received,
    source: r.source as Source,
    forwardedBy: r.forwarded_by ?? undefined,
    ref: r.ref ?? undefined,
    channel: r.channel as Channel,
    kind: r.kind as Kind,
    category: r.category ?? undefined,
    summary: r.summary ?? undefined,
    reporter: vault.open(r.reporter_sealed, r.code),
    realName: Number(r.real_name) === 1,
    accusedName: r.accused_name ?? undefined,
    accusedUnit: r.accused_unit ?? undefined,
    accusedPost: r.accused_post ?? undefined,
    accusedRank: r.accused_rank ?? undefined,
    extra: r.extra ? (JSON.parse(r.extra) as Record<string, string>) : {},
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export interface ItemQuery {
  from?: IsoDate;
  to?: IsoDate;
  sources?: Source[];
  group?: Group;
  channels?: Channel[];
  /** Free text over summary, category, accused, unit, reference and organ. */
  search?: string;
  /** Keyed hashes a reporter phone or ID number in `search` would have. */
  searchHashes?: string[];
  accused?: string;
  unit?: string;
  limit?: number;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function queryItemRows(db: Db, q: ItemQuery): Promise<ItemRow[]> {
  let s = db.selectFrom('items').selectAll();
  if (q.from) s = s.where('received', '>=', q.from);
  if (q.to) s = s.where('received', '<=', q.to);
  if (q.sources?.length) s = s.where('source', 'in', q.sources);
  if (q.group) s = s.where('grp', '=', q.group);
  if (q.channels?.length) s = s.where('channel', 'in', q.channels);
  if (q.accused) s = s.where('accused_name', 'like', likePattern(q.accused));
  if (q.unit) s = s.where('accused_unit', 'like', likePattern(q.unit));
  if (q.search) {
    const p = likePattern(q.search);
    const hashes = q.searchHashes ?? [];
    s = s.where((eb) => eb.or([
      ...(['summary', 'category', 'accused_name', 'accused_unit', 'ref', 'forwarded_by', 'code'] as const)
        .map((c) => eb(eb.ref(c), 'like', p)),
      ...(hashes.length ? [eb('reporter_phone_hash', 'in', hashes), eb('reporter_id_hash', 'in', hashes)] : []),
    ]));
  }
  s = s.orderBy('received').orderBy('year').orderBy('seq');
  if (q.limit !== undefined) s = s.limit(q.limit);
  return s.execute();
}

type EventRow = { id: number; item_id: number; kind: string; on_date: string; at: string; operator: string; target_code: string | null; value: string | null; due: string | null; note: string | null; data: string | null };

function toEvent(r: EventRow): ItemEvent {
  return {
    id: Number(r.id), kind: r.kind as EventKind, on: r.on_date, at: r.at, operator: r.operator,
    target: r.target_code, value: r.value, due: r.due, note: r.note,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : undefined,
  };
}

/** Events of the given items, by item id, in recorded order. */
export async function eventsByItem(db: Db, itemIds: readonly number[]): Promise<Map<number, ItemEvent[]>> {
  const out = new Map<number, ItemEvent[]>();
  const CHUNK = 500;
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const rows = await db.selectFrom('events as e')
      .leftJoin('items as t', 't.id', 'e.target_id')
      .select(['e.id', 'e.item_id', 'e.kind', 'e.on_date', 'e.at', 'e.operator', 't.code as target_code', 'e.value', 'e.due', 'e.note', 'e.data'])
      .where('e.item_id', 'in', itemIds.slice(i, i + CHUNK))
      .orderBy('e.id')
      .execute();
    for (const r of rows as EventRow[]) {
      const list = out.get(Number(r.item_id)) ?? [];
      list.push(toEvent(r));
      out.set(Number(r.item_id), list);
    }
  }
  return out;
}

/** Items whose reporter or accused match the given ones: candidates a clerk should look at. */
export async function findSimilarRows(db: Db, m: { idHash: string | null; phoneHash: string | null; accusedName?: string; accusedUnit?: string; excludeId?: number; limit?: number }): Promise<ItemRow[]> {
  const conds = (eb: any) => {
    const ors = [];
    if (m.idHash) ors.push(eb('reporter_id_hash', '=', m.idHash));
    if (m.phoneHash) ors.push(eb('reporter_phone_hash', '=', m.phoneHash));
    if (m.accusedName && m.accusedUnit) ors.push(eb.and([eb('accused_name', '=', m.accusedName), eb('accused_unit', '=', m.accusedUnit)]));
    return eb.or(ors);
  };
  if (!m.idHash && !m.phoneHash && !(m.accusedName && m.accusedUnit)) return [];
  let s = db.selectFrom('items').selectAll().where(conds);
  if (m.excludeId !== undefined) s = s.where('id', '!=', m.excludeId);
  return s.orderBy('received', 'desc').limit(m.limit ?? 5).execute();
}

// The append-only audit log. Entries are written in the caller's transaction (so a change and
// its entry land together) and chained by hash; the registry also keeps the head (last seq and
// hash) so that removing the newest entries is noticed too.

import { chainEntry, GENESIS_HASH, type AuditEntry } from '../domain/audit.js';
import { getMeta, setMeta } from './meta.js';
import type { Db } from './registry.js';

export interface AuditInput {
  at: Date;
  operator: string;
  action: string;
  itemCode?: string | null;
  effective?: string | null;
  details: Record<string, unknown>;
}

const HEAD_KEY = 'audit.head';

export async function appendAudit(trx: Db, input: AuditInput): Promise<AuditEntry> {
  const last = await trx.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = chainEntry(
    {
      seq: (last?.seq ?? 0) + 1,
      at: input.at.toISOString(),
      operator: input.operator,
      action: input.action,
      itemCode: input.itemCode ?? null,
      effective: input.effective ?? null,
      details: JSON.stringify(input.details),
    },
    last?.hash ?? GENESIS_HASH,
  );
  await trx.insertInto('audit').values({
    seq: entry.seq, at: entry.at, operator: entry.operator, action: entry.action,
    item_code: entry.itemCode, effective: entry.effective, details: entry.details,
    prev_hash: entry.prevHash, hash: entry.hash,
  }).execute();
  await setMeta(trx, HEAD_KEY, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
  return entry;
}

export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const v = await getMeta(db, HEAD_KEY);
  return v ? JSON.parse(v) : undefined;
}

function toEntry(r: { seq: number; at: string; operator: string; action: string; item_code: string | null; effective: string | null; details: string; prev_hash: string; hash: string }): AuditEntry {
  return {
    seq: Number(r.seq), at: r.at, operator: r.operator, action: r.action, itemCode: r.item_code,
    effective: r.effective, details: r.details, prevHash: r.prev_hash, hash: r.hash,
  };
}

/** Entries in order, read in pages so that a long log does not fill memory. */
export async function* auditEntries(db: Db, opts: { itemCode?: string; pageSize?: number } = {}): AsyncGenerator<AuditEntry> {
  const pageSize = opts.pageSize ?? 5000;
  let after = 0;
  for (;;) {
    let q = db.selectFrom('audit').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize);
    if (opts.itemCode !== undefined) q = q.where('item_code', '=', opts.itemCode);
    const rows = await q.execute();
    for (const r of rows) yield toEntry(r);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

// The append-only audit log. Entries are written in the caller's transaction (so a change and
// its entry land together) and chained by a keyed hash (domain/audit.ts); the registry also keeps
// the head (last seq and hash) so that removing the newest entries is noticed too. The key and the
// OS user are bound to each write transaction by Registry.write (bindSigner), so that every caller
// of appendAudit signs without handling keys.

import { sql } from 'kysely';
import { chainEntry, GENESIS_HASH, legacyEntryHash, ChainVerifier, type AuditEntry, type ChainFault } from '../domain/audit.js';
import { internalError, say } from '../domain/errors.js';
import { getMeta, setMeta } from './meta.js';
import type { Db } from './engine/engine.js';
import type { Dialect } from './schema.js';

export interface AuditInput {
  at: Date;
  operator: string;
  action: string;
  itemCode?: string | null;
  effective?: string | null;
  details: Record<string, unknown>;
}

/** What signs a transaction's audit entries: the registry's audit key and the OS account. */
export interface AuditSigner {
  key: Buffer;
  osUser: string;
}

const SIGNERS = new WeakMap<Db, AuditSigner>();

/** Binds the signer to a write transaction (Registry.write does this; init binds the key it has just made). */
export function bindSigner(trx: Db, signer: AuditSigner): void {
  SIGNERS.set(trx, signer);
}

const HEAD_KEY = 'audit.head';
/** Which chain the log is: 'hmac-sha256' once keyed (every registry made or upgraded by this version). */
export const SCHEME_KEY = 'audit.scheme';
export const KEYED_SCHEME = 'hmac-sha256';

export async function appendAudit(trx: Db, input: AuditInput): Promise<AuditEntry> {
  const signer = SIGNERS.get(trx);
  if (!signer) throw internalError(say('审计日志只能在带密钥的写事务中写入', 'the audit log is written only inside a keyed write transaction'));
  const last = await trx.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = chainEntry(
    {
      seq: Number(last?.seq ?? 0) + 1,
      at: input.at.toISOString(),
      operator: input.operator,
      osUser: signer.osUser,
      action: input.action,
      itemCode: input.itemCode ?? null,
      effective: input.effective ?? null,
      details: JSON.stringify(input.details),
    },
    last?.hash ?? GENESIS_HASH,
    signer.key,
  );
  await trx.insertInto('audit').values({
    seq: entry.seq, at: entry.at, operator: entry.operator, os_user: entry.osUser, action: entry.action,
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

type AuditRow = { seq: number; at: string; operator: string; os_user: string | null; action: string; item_code: string | null; effective: string | null; details: string; prev_hash: string; hash: string };

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: Number(r.seq), at: r.at, operator: r.operator, osUser: r.os_user ?? null, action: r.action, itemCode: r.item_code,
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
    for (const r of rows) yield toEntry(r as AuditRow);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

export type RekeyResult = { rekeyed: number; legacyHead: { seq: number; hash: string } } | { fault: ChainFault };

/**
 * Upgrades a log written under the unkeyed chain (registries from before the keyed chain): checks
 * it as it stands, then re-chains every entry under the key, in the transaction `trx` of init. The
 * append-only guard is lifted for these updates only and restored before the transaction ends.
 * Returns the fault, changing nothing, when the log does not verify as it stands.
 */
export async function rekeyAudit(trx: Db, dialect: Dialect, key: Buffer): Promise<RekeyResult> {
  const entries: AuditEntry[] = [];
  for await (const e of auditEntries(trx)) entries.push(e);
  const legacy = new ChainVerifier(undefined);
  for (const e of entries) {
    const fault = legacy.check(e);
    if (fault) return { fault };
  }
  const fault = legacy.finish(await auditHead(trx));
  if (fault) return { fault };
  const legacyHead = legacy.head();
  await setAppendOnly(trx, dialect, false);
  let prev = GENESIS_HASH;
  for (const e of entries) {
    const keyed = chainEntry(e, prev, key);
    await trx.updateTable('audit').set({ prev_hash: keyed.prevHash, hash: keyed.hash }).where('seq', '=', e.seq).execute();
    prev = keyed.hash;
  }
  await setAppendOnly(trx, dialect, true);
  if (entries.length > 0) await setMeta(trx, HEAD_KEY, JSON.stringify({ seq: entries.at(-1)!.seq, hash: prev }));
  return { rekeyed: entries.length, legacyHead };
}

/** The store refuses to change or remove audit entries: triggers on both engines (migrations/0001). */
export async function setAppendOnly(trx: Db, dialect: Dialect, on: boolean): Promise<void> {
  if (dialect === 'postgres') {
    await sql.raw(`ALTER TABLE audit ${on ? 'ENABLE' : 'DISABLE'} TRIGGER audit_no_change`).execute(trx);
    return;
  }
  if (on) {
    await sql`CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(trx);
    await sql`CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`.execute(trx);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_no_update`.execute(trx);
    await sql`DROP TRIGGER IF EXISTS audit_no_delete`.execute(trx);
  }
}

export { legacyEntryHash };

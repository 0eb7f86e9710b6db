// Reading and checking the audit log.

import { ChainVerifier, type AuditEntry, type ChainFault } from '../domain/audit.js';
import { DIGESTED_TABLES, RowLedger, type RowFault } from '../domain/row-digest.js';
import { auditEntries, auditHead, KEYED_SCHEME, SCHEME_KEY } from '../store/audit.js';
import { getMeta } from '../store/meta.js';
import { damagedReporterBlocks } from '../store/items.js';
import { itemStateFaults } from '../store/item-state.js';
import type { Db } from '../store/registry.js';
import { forEachRowDigest, ROWS_SCHEME, ROWS_SCHEME_KEY } from '../store/row-digests.js';
import { META_KEY_CHECK, META_KEY_SALT, type UseCaseContext } from './context.js';

export async function readAuditLog(ctx: Pick<UseCaseContext, 'registry'>, itemCode?: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of auditEntries(ctx.registry.db, { itemCode })) out.push(e);
  return out;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The last entry that verified: printed as SEQ:HASH, to be kept elsewhere and given back as --expect. */
  head: { seq: number; hash: string };
  /** False for a log still under the unkeyed chain of earlier versions (init upgrades it). */
  keyed: boolean;
  fault?: ChainFault;
  /** Sealed reporter blocks that do not open, or do not hold the items pointing at them, with those items. */
  damagedBlocks: { block: number; codes: string[] }[];
  /** False until init has given every earlier row an owning entry (registries from before row digests). */
  rowsChecked: boolean;
  /** Entries whose item, event or activity rows differ from their digests, and rows no entry wrote. */
  rowFaults: RowFault[];
  /**
   * Items whose kept state for reports (item_state) differs from what their rows and events give:
   * how many, and the codes of the first 20 (`init` recomputes them).
   */
  stateFaults: { count: number; itemCodes: string[] };
}

/**
 * Checks the keyed chain entry by entry, the head the registry keeps, and with `expect` (a head
 * kept elsewhere: a printed report, another machine) that entry `expect.seq` is still there with
 * that hash — which also catches the newest entries removed and the kept head rewritten (SPEC 5).
 */
export async function verifyAuditLog(ctx: Pick<UseCaseContext, 'registry' | 'vault'>, expect?: { seq: number; hash: string }): Promise<VerifyResult> {
  const vault = await ctx.vault();
  const db = ctx.registry.db;
  // A version 2 key check (made only with the key, by init) says the chain is keyed and the rows
  // digested, whatever the registry's notes say: deleting them cannot downgrade what is checked.
  const upgraded = vault.checkVersion((await getMeta(db, META_KEY_CHECK)) ?? '', (await getMeta(db, META_KEY_SALT)) ?? '') === 2;
  const keyed = upgraded || (await getMeta(db, SCHEME_KEY)) === KEYED_SCHEME;
  const v = new ChainVerifier(keyed ? vault.auditKey() : undefined);
  // Also when init's entry in the log says so, which the chain protects.
  let rowsChecked = upgraded || (keyed && (await getMeta(db, ROWS_SCHEME_KEY)) === ROWS_SCHEME);
  const ledger = new RowLedger();
  let expectedSeen = false;
  let damagedBlocks: VerifyResult['damagedBlocks'] = [];
  let rowFaults: RowFault[] = [];
  let stateFaults: VerifyResult['stateFaults'] = { count: 0, itemCodes: [] };
  const result = (fault?: ChainFault): VerifyResult => ({
    ok: fault === undefined && damagedBlocks.length === 0 && rowFaults.length === 0 && stateFaults.count === 0, checked: v.count, head: v.head(), keyed,
    ...(fault ? { fault } : {}), damagedBlocks, rowsChecked, rowFaults, stateFaults,
  });
  for await (const e of auditEntries(ctx.registry.db)) {
    const fault = v.check(e);
    if (fault) return result(fault);
    if (keyed) ledger.entry(e);
    if (expect && e.seq === expect.seq) {
      if (e.hash !== expect.hash) return result({ seq: e.seq, problem: 'unexpected-head' });
      expectedSeen = true;
    }
  }
  if (expect && !expectedSeen && expect.seq > 0) return result({ seq: expect.seq, problem: 'unexpected-head' });
  // An upgraded registry's log begins with init's entry: an empty one was removed whole.
  const fault = v.finish(await auditHead(db)) ?? (upgraded && v.count === 0 ? { seq: 1, problem: 'truncated' as const } : undefined);
  rowsChecked ||= ledger.digesting;
  if (!fault) {
    damagedBlocks = await damagedReporterBlocks(ctx.registry.db, vault);
    if (rowsChecked) {
      // Every item, event and activity row against the entry that wrote it (SPEC 5).
      const digester = vault.rowDigester();
      for (const table of DIGESTED_TABLES) await forEachRowDigest(ctx.registry, ctx.registry.db, digester, table, (id, d, label) => ledger.row(table, id, d, label));
      rowFaults = ledger.faults();
    }
    // The states reports read, recomputed from the rows just checked (store/item-state.ts).
    const states = await itemStateFaults(db, ctx.registry.dialect);
    stateFaults = { count: states.count, itemCodes: await itemCodes(db, states.itemIds) };
  }
  return result(fault);
}

/** The codes of the given items, in the order given (the id itself for an id no item has). */
async function itemCodes(db: Db, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('items').select(['id', 'code']).where('id', 'in', ids).execute();
  const code = new Map(rows.map((r) => [Number(r.id), r.code]));
  return ids.map((id) => code.get(id) ?? `#${id}`);
}

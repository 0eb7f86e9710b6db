// Reading and checking the audit log.

import { ChainVerifier, type AuditEntry, type ChainFault } from '../domain/audit.js';
import { DIGESTED_TABLES, RowLedger, type RowFault } from '../domain/row-digest.js';
import { auditEntries, auditHead, KEYED_SCHEME, SCHEME_KEY } from '../store/audit.js';
import { getMeta } from '../store/meta.js';
import { damagedReporterBlocks } from '../store/items.js';
import { forEachRowDigest, ROWS_SCHEME, ROWS_SCHEME_KEY } from '../store/row-digests.js';
import type { UseCaseContext } from './context.js';

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
}

/**
 * Checks the keyed chain entry by entry, the head the registry keeps, and with `expect` (a head
 * kept elsewhere: a printed report, another machine) that entry `expect.seq` is still there with
 * that hash — which also catches the newest entries removed and the kept head rewritten (SPEC 5).
 */
export async function verifyAuditLog(ctx: Pick<UseCaseContext, 'registry' | 'vault'>, expect?: { seq: number; hash: string }): Promise<VerifyResult> {
  const keyed = (await getMeta(ctx.registry.db, SCHEME_KEY)) === KEYED_SCHEME;
  const v = new ChainVerifier(keyed ? (await ctx.vault()).auditKey() : undefined);
  // The registry's note says rows are digested; so does init's entry in the log, which the chain
  // protects (the note alone could be deleted to skip the row check).
  let rowsChecked = keyed && (await getMeta(ctx.registry.db, ROWS_SCHEME_KEY)) === ROWS_SCHEME;
  const ledger = new RowLedger();
  let expectedSeen = false;
  let damagedBlocks: VerifyResult['damagedBlocks'] = [];
  let rowFaults: RowFault[] = [];
  const result = (fault?: ChainFault): VerifyResult => ({
    ok: fault === undefined && damagedBlocks.length === 0 && rowFaults.length === 0, checked: v.count, head: v.head(), keyed,
    ...(fault ? { fault } : {}), damagedBlocks, rowsChecked, rowFaults,
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
  const fault = v.finish(await auditHead(ctx.registry.db));
  rowsChecked ||= ledger.digesting;
  if (!fault) {
    const vault = await ctx.vault();
    damagedBlocks = await damagedReporterBlocks(ctx.registry.db, vault);
    if (rowsChecked) {
      // Every item, event and activity row against the entry that wrote it (SPEC 5).
      const digester = vault.rowDigester();
      for (const table of DIGESTED_TABLES) await forEachRowDigest(ctx.registry, ctx.registry.db, digester, table, (id, d, label) => ledger.row(table, id, d, label));
      rowFaults = ledger.faults();
    }
  }
  return result(fault);
}

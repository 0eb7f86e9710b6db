// Reading and checking the audit log.

import { ChainVerifier, type AuditEntry, type ChainFault } from '../domain/audit.js';
import { auditEntries, auditHead } from '../store/audit.js';
import type { UseCaseContext } from './context.js';

export async function readAuditLog(ctx: Pick<UseCaseContext, 'registry'>, itemCode?: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of auditEntries(ctx.registry.db, { itemCode })) out.push(e);
  return out;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  fault?: ChainFault;
}

export async function verifyAuditLog(ctx: Pick<UseCaseContext, 'registry'>): Promise<VerifyResult> {
  const v = new ChainVerifier();
  for await (const e of auditEntries(ctx.registry.db)) {
    const fault = v.check(e);
    if (fault) return { ok: false, checked: v.count, fault };
  }
  const fault = v.finish(await auditHead(ctx.registry.db));
  return fault ? { ok: false, checked: v.count, fault } : { ok: true, checked: v.count };
}

// The audit log is a hash chain: each entry's hash covers its own fields and the previous
// entry's hash, so that altering, inserting or removing an entry breaks every link after it.

import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  operator: string;
  action: string;
  itemCode: string | null;
  effective: string | null;
  details: string;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export function entryHash(e: AuditFields, prevHash: string): string {
  const h = createHash('sha256');
  // Length-prefixed fields: no two different entries serialise alike.
  for (const part of [String(e.seq), e.at, e.operator, e.action, e.itemCode ?? '\u0000', e.effective ?? '\u0000', e.details, prevHash]) {
    h.update(`${Buffer.byteLength(part)}:${part};`);
  }
  return h.digest('hex');
}

export function chainEntry(e: AuditFields, prevHash: string): AuditEntry {
  return { ...e, prevHash, hash: entryHash(e, prevHash) };
}

export type ChainFault =
  | { seq: number; problem: 'altered' }
  | { seq: number; problem: 'missing'; expectedSeq: number }
  | { seq: number; problem: 'relinked' }
  | { seq: number; problem: 'truncated' };

/** Checks entries in seq order, incrementally; `check` returns the first fault seen. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  count = 0;

  check(e: AuditEntry): ChainFault | undefined {
    if (e.seq !== this.expectedSeq) return { seq: e.seq, problem: 'missing', expectedSeq: this.expectedSeq };
    if (e.prevHash !== this.prevHash) return { seq: e.seq, problem: 'relinked' };
    if (entryHash(e, e.prevHash) !== e.hash) return { seq: e.seq, problem: 'altered' };
    this.prevHash = e.hash;
    this.expectedSeq++;
    this.count++;
    return undefined;
  }

  /** After the last entry: the registry remembers how many entries and which last hash it wrote. */
  finish(head: { seq: number; hash: string } | undefined): ChainFault | undefined {
    if (!head) return undefined;
    if (head.seq !== this.count || (head.seq > 0 && head.hash !== this.prevHash)) {
      return { seq: Math.min(head.seq, this.count + 1), problem: 'truncated' };
    }
    return undefined;
  }
}

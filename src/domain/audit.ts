// The audit log is a keyed hash chain (SPEC 5): each entry's hash is an HMAC, under a key derived
// from the registry key, of its own fields and the previous entry's hash, so that altering,
// inserting or removing an entry breaks every link after it — and someone who can write the
// registry file but lacks the key cannot recompute the chain. Registries from before the keyed
// chain had a plain SHA-256 chain (`legacyEntryHash`); `init` checks and re-keys them once.

import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  /** The operator the clerk declared (--operator, XINFANG_OPERATOR, else the OS user). */
  operator: string;
  /** The OS account that ran the command, recorded beside the declared operator; null in entries from before it was. */
  osUser: string | null;
  action: string;
  itemCode: string | null;
  effective: string | null;
  details: string;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

/** Length-prefixed fields: no two different entries serialise alike. */
function feed(h: Hash | Hmac, e: AuditFields, prevHash: string, withOsUser: boolean): string {
  const parts = [String(e.seq), e.at, e.operator, e.action, e.itemCode ?? '\u0000', e.effective ?? '\u0000', e.details, prevHash];
  if (withOsUser) parts.splice(3, 0, e.osUser ?? '\u0000');
  for (const part of parts) h.update(`${Buffer.byteLength(part)}:${part};`);
  return h.digest('hex');
}

/** The keyed hash of an entry (hex HMAC-SHA256). `key`: the registry's audit key (Vault.auditKey). */
export function entryHash(e: AuditFields, prevHash: string, key: Buffer): string {
  return feed(createHmac('sha256', key), e, prevHash, true);
}

/** The unkeyed hash entries had before the keyed chain (no OS user); read only to upgrade. */
export function legacyEntryHash(e: AuditFields, prevHash: string): string {
  return feed(createHash('sha256'), e, prevHash, false);
}

export function chainEntry(e: AuditFields, prevHash: string, key: Buffer): AuditEntry {
  return { ...e, prevHash, hash: entryHash(e, prevHash, key) };
}

export type ChainFault =
  | { seq: number; problem: 'altered' }
  | { seq: number; problem: 'missing'; expectedSeq: number }
  | { seq: number; problem: 'relinked' }
  | { seq: number; problem: 'truncated' }
  /** `--expect SEQ:HASH`: the log has no entry SEQ, or entry SEQ has another hash. */
  | { seq: number; problem: 'unexpected-head' };

/**
 * Checks entries in seq order, incrementally; `check` returns the first fault seen. With `key`
 * the keyed chain is checked; without, the legacy unkeyed one (the upgrade's check).
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  count = 0;

  constructor(private readonly key: Buffer | undefined) {}

  check(e: AuditEntry): ChainFault | undefined {
    if (e.seq !== this.expectedSeq) return { seq: e.seq, problem: 'missing', expectedSeq: this.expectedSeq };
    if (e.prevHash !== this.prevHash) return { seq: e.seq, problem: 'relinked' };
    const expected = this.key ? entryHash(e, e.prevHash, this.key) : legacyEntryHash(e, e.prevHash);
    if (expected !== e.hash) return { seq: e.seq, problem: 'altered' };
    this.prevHash = e.hash;
    this.expectedSeq++;
    this.count++;
    return undefined;
  }

  /** The last entry checked, as `SEQ:HASH` is printed (SPEC 5); `0:` + genesis for an empty log. */
  head(): { seq: number; hash: string } {
    return { seq: this.count, hash: this.prevHash };
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

/** Reads `SEQ:HASH` (as `audit verify` prints it); undefined when the text is not of that form. */
export function parseHead(text: string): { seq: number; hash: string } | undefined {
  const m = /^\s*(\d+):([0-9a-fA-F]{64})\s*$/.exec(text);
  return m ? { seq: Number(m[1]), hash: m[2]!.toLowerCase() } : undefined;
}

export function formatHead(h: { seq: number; hash: string }): string {
  return `${h.seq}:${h.hash}`;
}

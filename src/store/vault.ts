// Reporter identities are sealed with AES-256-GCM (authenticated encryption) and matched
// through HMAC-SHA256 of their normalised values, so that neither a copied registry file nor
// its indexes reveal a reporter. Both keys derive (HKDF) from one master key, which comes from
// XINFANG_KEY or the key file `init` writes beside the registry with owner-only permissions.

import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { say, usageError, type Bilingual } from '../domain/errors.js';
import { NORMALIZERS, REPORTER_FIELDS, type Reporter, type ReporterField } from '../domain/reporter.js';

/** First byte of a sealed block: the format, so that a later one can be told apart. */
const SEAL_VERSION = Uint8Array.of(1);

// Random IVs drawn in bulk: one randomBytes call per 1024 seals instead of one per seal.
const IV_POOL_SIZE = 1024;

export interface ReporterHashes {
  name: number | null;
  idNumber: number | null;
  phone: number | null;
}

export class Vault {
  private readonly sealKey: Buffer;
  private readonly matchKey: Buffer;
  /** Hex of the match key, the secret prefix of keyed hashes. */
  private readonly matchPrefix: string;
  private readonly digestPrefix: string;
  private ivPool = Buffer.alloc(0);
  private ivNext = 0;

  constructor(private readonly master: Buffer) {
    this.sealKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'xinfang reporter seal v1', 32));
    this.matchKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'xinfang reporter match v1', 32));
    this.matchPrefix = this.matchKey.toString('hex');
    this.digestPrefix = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'xinfang content digest v1', 32)).toString('hex');
  }

  private nextIv(): Buffer {
    if (this.ivNext >= this.ivPool.length) {
      this.ivPool = randomBytes(12 * IV_POOL_SIZE);
      this.ivNext = 0;
    }
    const iv = this.ivPool.subarray(this.ivNext, this.ivNext + 12);
    this.ivNext += 12;
    return iv;
  }

  /** A value stored in the registry that tells whether a key is the registry's own. */
  keyCheck(): string {
    return createHmac('sha256', this.matchKey).update('xinfang key check').digest('base64url');
  }

  matchesCheck(stored: string): boolean {
    const a = Buffer.from(this.keyCheck());
    const b = Buffer.from(stored);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * Seals the reporters of several items as one block (one cipher per block rather than per item:
   * an import seals a million reporters). Each entry carries its item code, and the block id is
   * authenticated data, so that an item pointed at another block finds no reporter of its own.
   */
  sealBlock(blockId: number, entries: readonly (readonly [code: string, r: Reporter])[]): Buffer {
    return this.sealTuples(blockId, entries.map(([code, r]) => [code, r.name ?? null, r.idNumber ?? null, r.phone ?? null, r.address ?? null]));
  }

  /** sealBlock for entries already laid out as stored: [code, name, idNumber, phone, address]. */
  sealTuples(blockId: number, entries: readonly (readonly (string | number | null)[])[]): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(`reporter-block:${blockId}`));
    const plain = Buffer.from(JSON.stringify(entries));
    return Buffer.concat([Buffer.from(SEAL_VERSION), iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  /** The error for a block that does not hold what it should. */
  damaged(blockId: number) {
    return blockDamaged(blockId);
  }

  openBlock(blockId: number, data: Buffer): Map<string, Reporter> {
    if (data.length < 29 || data[0] !== SEAL_VERSION[0]) throw blockDamaged(blockId);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, data.subarray(1, 13));
    decipher.setAAD(Buffer.from(`reporter-block:${blockId}`));
    decipher.setAuthTag(data.subarray(data.length - 16));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(13, data.length - 16)), decipher.final()]);
    } catch {
      throw blockDamaged(blockId);
    }
    const out = new Map<string, Reporter>();
    for (const [code, ...values] of JSON.parse(plain.toString('utf8')) as [string, ...(string | null)[]][]) {
      const r: Reporter = {};
      REPORTER_FIELDS.forEach((f, i) => {
        const v = values[i];
        if (v != null) r[f] = v;
      });
      out.set(code, r);
    }
    return out;
  }

  // Keyed hashes are SHA-256 over a secret 256-bit prefix and the value: one-shot hashing costs a
  // quarter of an HMAC object per call, which counts at a million imported rows. They are only
  // compared for equality, so length extension (the reason HMAC exists) gains an attacker nothing.

  /** Keyed hash of a normalised reporter value; null when there is no value. */
  match(field: ReporterField, value: string | undefined): number | null {
    if (value === undefined) return null;
    const norm = NORMALIZERS[field](value);
    if (norm === '') return null;
    return int53(hash('sha256', `${this.matchPrefix}\u0000${field}\u0000${norm}`, 'binary'));
  }

  reporterHashes(r: Reporter): ReporterHashes {
    return { name: this.match('name', r.name), idNumber: this.match('idNumber', r.idNumber), phone: this.match('phone', r.phone) };
  }

  /** The master key, for a worker thread of this process that hashes for an import. */
  keyMaterial(): Buffer {
    return Buffer.from(this.master);
  }

  /** Keyed hash of any text (content fingerprints). */
  digest(text: string): number {
    return int53(hash('sha256', `${this.digestPrefix}\u0000${text}`, 'binary'));
  }
}

function blockDamaged(blockId: number) {
  return usageError(
    say(`反映人信息（第 ${blockId} 块）无法解密：数据已损坏或被改动`, `reporter data (block ${blockId}) cannot be decrypted: it is damaged or was altered`),
  );
}

/**
 * The first 53 bits of a digest: a non-negative integer exact in JavaScript, SQLite and PostgreSQL
 * bigint. The digest comes as a latin1 ("binary") string, one character per byte: a Buffer result costs an
 * allocation that took more than half of each hash's time (a second per million imported rows).
 */
export function int53(d: string): number {
  const b = (i: number) => d.charCodeAt(i);
  return (((((b(0) * 256 + b(1)) * 256 + b(2)) * 256 + b(3)) * 256 + b(4)) * 256 + b(5)) * 32 + (b(6) >> 3);
}

export function keyFilePath(registryPath: string): string {
  return `${registryPath}.key`;
}

/** Where the master key comes from, for messages. */
export type KeySource = { kind: 'env' } | { kind: 'file'; path: string };

/**
 * The master key: XINFANG_KEY (32 bytes as base64 or hex, or else a passphrase stretched with
 * scrypt and the registry's salt), else the key file beside the registry.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv, keyFile: string | undefined, salt: string, warn: (msg: Bilingual) => void): { key: Buffer; source: KeySource } {
  const fromEnv = env.XINFANG_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { key: decodeKeyMaterial(fromEnv.trim(), salt), source: { kind: 'env' } };
  if (keyFile === undefined || !existsSync(keyFile)) {
    throw usageError(
      say(`找不到密钥：没有设置 XINFANG_KEY，也没有密钥文件 ${keyFile ?? ''}`, `no key: XINFANG_KEY is not set and there is no key file ${keyFile ?? ''}`),
      say('把登记库的密钥文件放回登记库旁边，或用 XINFANG_KEY 给出密钥', 'put the registry\'s key file back beside it, or give the key in XINFANG_KEY'),
    );
  }
  const mode = statSync(keyFile).mode;
  if ((mode & 0o077) !== 0) warn(say(`密钥文件 ${keyFile} 的权限过宽（应仅所有者可读写：chmod 600）`, `the key file ${keyFile} is readable by others (make it owner-only: chmod 600)`));
  const text = readFileSync(keyFile, 'utf8').trim();
  const key = decodeRawKey(text);
  if (!key) throw usageError(say(`密钥文件 ${keyFile} 内容无效`, `the key file ${keyFile} is not a valid key`));
  return { key, source: { kind: 'file', path: keyFile } };
}

export function createKeyFile(path: string): void {
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

function decodeRawKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const b = Buffer.from(text, 'base64');
    if (b.length === 32) return b;
  }
  return undefined;
}

function decodeKeyMaterial(text: string, salt: string): Buffer {
  return decodeRawKey(text) ?? scryptSync(text, Buffer.from(salt, 'base64'), 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

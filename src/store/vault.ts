// Reporter identities are sealed with AES-256-GCM (authenticated encryption) and matched
// through HMAC-SHA256 of their normalised values, so that neither a copied registry file nor
// its indexes reveal a reporter. Both keys derive (HKDF) from one master key, which comes from
// XINFANG_KEY or the key file `init` writes beside the registry with owner-only permissions.
// A passphrase in XINFANG_KEY is stretched with scrypt at current cost and refused when weak
// (SPEC 5): anyone holding the file can test guesses against its salt and key check offline.

import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { say, usageError, type Bilingual } from '../domain/errors.js';
import { NORMALIZERS, REPORTER_FIELDS, type Reporter, type ReporterField } from '../domain/reporter.js';
import { RowDigester } from '../domain/row-digest.js';

/** How a version 2 key check begins (see Vault.keyCheck). */
const KEY_CHECK_V2 = 'v2:';

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

  /** The key of the audit log's keyed hash chain (SPEC 5), derived from the master key. */
  auditKey(): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), 'xinfang audit chain v1', 32));
  }

  /**
   * Digests of the rows audit entries write (SPEC 5; domain/row-digest.ts), under their own key
   * derived from the master key: made once per vault.
   */
  rowDigester(): RowDigester {
    return (this.rows ??= new RowDigester(Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), 'xinfang row digest v1', 32)).toString('hex')));
  }

  private rows: RowDigester | undefined;

  /**
   * A value stored in the registry that tells whether a key is the registry's own (version 2:
   * salted with the registry's salt, so that one key gives another check in every registry).
   * A version 2 check also says that the registry is upgraded: its audit chain is keyed and every
   * item and event row has an owning entry (SPEC 5). Only the key can make one, so deleting the
   * registry's notes of these (meta audit.scheme, rows.scheme) cannot downgrade a registry to the
   * checks of an earlier version.
   */
  keyCheck(salt: string): string {
    return KEY_CHECK_V2 + createHmac('sha256', this.matchKey).update(`xinfang key check v2\u0000${salt}`).digest('base64url');
  }

  /** The check of registries before version 2 (unsalted): read to upgrade them, and by tests that make one. */
  legacyKeyCheck(): string {
    return createHmac('sha256', this.matchKey).update('xinfang key check').digest('base64url');
  }

  /** Which version of this key's check `stored` is (registry salt `salt`): 2, 1, or undefined for another key's. */
  checkVersion(stored: string, salt: string): 1 | 2 | undefined {
    const same = (a: string, b: string) => Buffer.byteLength(a) === Buffer.byteLength(b) && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    if (stored.startsWith(KEY_CHECK_V2)) return same(stored, this.keyCheck(salt)) ? 2 : undefined;
    return same(stored, this.legacyKeyCheck()) ? 1 : undefined;
  }

  /**
   * Seals the reporters of several items as one block (one cipher per block rather than per item:
   * an import seals a million reporters). Each entry carries its item code, and the block id is
   * authenticated data, so that an item pointed at another block finds no reporter of its own.
   */
  sealBlock(blockId: number, entries: readonly (readonly [code: string, r: Reporter])[]): Buffer {
    return this.sealTuples(blockId, entries.map(([code, r]) => [code, r.name ?? null, r.idNumber ?? null, r.phone ?? null, r.address ?? null, sealedJson(r.sealed)]));
  }

  /**
   * sealBlock for entries already laid out as stored: [code, name, idNumber, phone, address,
   * sealed columns as JSON or null] (blocks sealed before sealed columns existed have five).
   */
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
      const sealed = values[REPORTER_FIELDS.length];
      if (typeof sealed === 'string') r.sealed = JSON.parse(sealed) as Record<string, string>;
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

/** Sealed columns (`--map HEADER=sealed`) travel in the block as one JSON text, or null. */
export function sealedJson(sealed: Record<string, string> | undefined): string | null {
  return sealed && Object.keys(sealed).length > 0 ? JSON.stringify(sealed) : null;
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

/** scrypt's cost parameters. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * The cost new registries stretch a passphrase with: OWASP's Password Storage Cheat Sheet
 * recommends scrypt N=2^17, r=8, p=1 (128 MiB, about half a second here). Recorded in the salt
 * string, so that raising it later leaves existing registries readable.
 */
export const KDF: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** The cost of registries whose salt is a bare base64 string (before the cost was recorded). */
const LEGACY_KDF: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

/** The smallest passphrase accepted, in characters (code points), and its fewest distinct characters. */
export const PASSPHRASE_MIN_LENGTH = 12;
const PASSPHRASE_MIN_DISTINCT = 6;

/**
 * The master key: XINFANG_KEY (32 bytes as base64 or hex, or else a passphrase stretched with
 * scrypt and the registry's salt, see parseSalt), else the key file beside the registry.
 * Throws a usage error (exit 2) when there is no key, the key file is not the user's own or
 * readable by others (item 10 of issue 8), or a passphrase is weak (see passphraseProblem) —
 * except for a registry made before that rule (old-form salt), which still opens, with a warning,
 * since refusing would lock the office out of its own data.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv, keyFile: string | undefined, salt: string, warn: (msg: Bilingual) => void): { key: Buffer; source: KeySource } {
  const fromEnv = env.XINFANG_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { key: decodeKeyMaterial(fromEnv.trim(), salt, warn), source: { kind: 'env' } };
  if (keyFile === undefined) {
    // A server registry keeps no key file beside it: there is no path to name.
    throw usageError(
      say('找不到密钥：没有设置 XINFANG_KEY，也没有设置 XINFANG_KEY_FILE', 'no key: neither XINFANG_KEY nor XINFANG_KEY_FILE is set'),
      say('用 XINFANG_KEY 给出这个登记库的密钥，或用 XINFANG_KEY_FILE 指向它的密钥文件', 'give this registry\'s key in XINFANG_KEY, or its key file in XINFANG_KEY_FILE'),
    );
  }
  if (!existsSync(keyFile)) {
    throw usageError(
      say(`找不到密钥：没有设置 XINFANG_KEY，也没有密钥文件 ${keyFile}`, `no key: XINFANG_KEY is not set and there is no key file ${keyFile}`),
      say('把登记库的密钥文件放回登记库旁边，或用 XINFANG_KEY 给出密钥', 'put the registry\'s key file back beside it, or give the key in XINFANG_KEY'),
    );
  }
  const problem = keyFileProblem(keyFile, statSync(keyFile), typeof process.getuid === 'function' ? process.getuid() : undefined);
  if (problem) {
    throw usageError(problem, say(
      `由文件所有者执行 chmod 600 ${keyFile}（仅所有者可读写），或用 XINFANG_KEY 给出密钥`,
      `have its owner run chmod 600 ${keyFile} (owner-only), or give the key in XINFANG_KEY`,
    ));
  }
  const text = readFileSync(keyFile, 'utf8').trim();
  const key = decodeRawKey(text);
  if (!key) throw usageError(say(`密钥文件 ${keyFile} 内容无效`, `the key file ${keyFile} is not a valid key`));
  return { key, source: { kind: 'file', path: keyFile } };
}

/**
 * Why a key file may not be used, or undefined when it may: it must belong to the user running
 * the program (else whoever owns it could swap the key) and give no permission to group or others
 * (mode & 0o077 == 0). `uid` is undefined where there are no POSIX ids (Windows): not checked.
 */
export function keyFileProblem(path: string, st: { uid: number; mode: number }, uid: number | undefined): Bilingual | undefined {
  if (uid === undefined) return undefined;
  if (st.uid !== uid) {
    return say(`密钥文件 ${path} 不属于当前用户（所有者 uid ${st.uid}），不予使用`, `the key file ${path} does not belong to the current user (owner uid ${st.uid}); not used`);
  }
  if ((st.mode & 0o077) !== 0) {
    const m = (st.mode & 0o777).toString(8).padStart(3, '0');
    return say(`密钥文件 ${path} 的权限过宽（${m}：同组或其他用户可以读取或改写），不予使用`, `the key file ${path} is open to other users (mode ${m}); not used`);
  }
  return undefined;
}

/**
 * Why a passphrase is too weak, naming the first rule it breaks, or undefined when it is
 * acceptable (SPEC 5): fewer than 12 characters (code points, so a Chinese passphrase counts its
 * characters), fewer than 6 distinct characters, digits only, or guessable — mostly a common
 * password, a keyboard row or a run of consecutive characters (see guessable). A 32-byte key (hex
 * or base64) is not a passphrase and never comes here.
 */
export function passphraseProblem(text: string): Bilingual | undefined {
  const trimmed = text.trim();
  const chars = [...trimmed];
  const distinct = new Set(chars).size;
  let rule: Bilingual | undefined;
  if (chars.length < PASSPHRASE_MIN_LENGTH) {
    rule = say(`只有 ${chars.length} 个字符，至少要 ${PASSPHRASE_MIN_LENGTH} 个`, `it has ${chars.length} characters; at least ${PASSPHRASE_MIN_LENGTH} are needed`);
  } else if (distinct < PASSPHRASE_MIN_DISTINCT) {
    rule = say(`只有 ${distinct} 个不同的字符，至少要 ${PASSPHRASE_MIN_DISTINCT} 个`,
      `it has only ${distinct} different character${distinct === 1 ? '' : 's'}; at least ${PASSPHRASE_MIN_DISTINCT} are needed`);
  } else if (/^[\d\s]*$/.test(trimmed)) {
    rule = say('只有数字', 'it is digits only');
  } else if (guessable(trimmed.toLowerCase())) {
    rule = say('它主要是常见密码、键盘上的一排键或连续的字符（如 password、qwerty、123456、abcdef），猜口令的人最先试这些',
      'it is mostly a common password, a keyboard row or a run of consecutive characters (such as password, qwerty, 123456, abcdef), which guessing tries first');
  }
  return rule && say(
    `XINFANG_KEY 中的口令太弱，拿到登记库文件的人可以离线猜出：${rule.zh}`,
    `the passphrase in XINFANG_KEY is too weak: anyone with the registry file could guess it offline (${rule.en})`,
  );
}

/** Words and keyboard runs that offline guessing tries first (password lists), and their Chinese pinyin kin. */
const GUESSED_FIRST = ['password', 'passwd', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx', 'qwerty', 'asdfgh', 'zxcvbn', 'iloveyou', 'admin', 'welcome', 'letmein', 'xinfang', 'woaini', 'mima', 'jiwei'];

/**
 * True for a passphrase that is mostly one of GUESSED_FIRST or a run of consecutive characters
 * (abcdefghijkl, 123456789012, 987654…): what a cracker's first million guesses cover.
 */
function guessable(text: string): boolean {
  let rest = text;
  for (const w of GUESSED_FIRST) rest = rest.split(w).join('');
  const cps = [...rest].map((c) => c.codePointAt(0)!);
  let runs = 0;
  for (let i = 1; i < cps.length; i++) if (Math.abs(cps[i]! - cps[i - 1]!) <= 1) runs++;
  // What is left after the guessable words is short, or is mostly a run.
  return cps.length < 6 || runs >= (cps.length - 1) * 0.6;
}

/** What to do about a weak passphrase (the refusal itself names the rule it breaks). */
export const PASSPHRASE_HINT = say(
  `换一句较长、不常见的话作口令（至少 ${PASSPHRASE_MIN_LENGTH} 个字符、${PASSPHRASE_MIN_DISTINCT} 个以上不同字符，不只是数字，不用常见密码、键盘上的一排键或连续的字符）；或用 openssl rand -base64 32 生成 32 字节密钥`,
  `use a longer, uncommon sentence (at least ${PASSPHRASE_MIN_LENGTH} characters, ${PASSPHRASE_MIN_DISTINCT} of them different, not only digits, no common password, keyboard row or run); or a 32-byte key from openssl rand -base64 32`,
);

export function createKeyFile(path: string): void {
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/**
 * A new registry's salt string, which the store keeps as it is: the KDF, its cost and 16 random
 * bytes, as `scrypt:N=131072,r=8,p=1:BASE64`.
 */
export function newSalt(): string {
  return `scrypt:N=${KDF.N},r=${KDF.r},p=${KDF.p}:${randomBytes(16).toString('base64')}`;
}

/**
 * Reads a salt string: `scrypt:N=…,r=…,p=…:BASE64`, or the old form, a bare base64 salt (or
 * none), stretched at the old cost N=2^15 (`legacy` when there is a salt). Throws a usage error for anything else, or
 * a cost outside sane bounds (N a power of two from 2^14 to 2^20, r ≤ 32, p ≤ 4): a doctored
 * salt could otherwise make opening the registry take all memory.
 */
export function parseSalt(text: string): { kdf: ScryptCost; salt: Buffer; legacy: boolean } {
  const damaged = () => usageError(
    say('登记库记录的密钥参数无效（已损坏或被改动）', 'the key parameters recorded in the registry are invalid (damaged or altered)'),
  );
  if (!text.includes(':')) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw damaged();
    // No salt at all is a registry whose init never finished, not one made before the rule.
    return { kdf: LEGACY_KDF, salt: Buffer.from(text, 'base64'), legacy: text !== '' };
  }
  const m = /^scrypt:N=(\d{1,8}),r=(\d{1,2}),p=(\d{1,2}):([A-Za-z0-9+/]{16,}={0,2})$/.exec(text);
  if (!m) throw damaged();
  const kdf = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const powerOfTwo = (kdf.N & (kdf.N - 1)) === 0;
  if (!powerOfTwo || kdf.N < 2 ** 14 || kdf.N > 2 ** 20 || kdf.r < 1 || kdf.r > 32 || kdf.p < 1 || kdf.p > 4) throw damaged();
  return { kdf, salt: Buffer.from(m[4]!, 'base64'), legacy: false };
}

/** A 32-byte key written as 64 hex digits or base64 (XINFANG_KEY or a key file); undefined for anything else (a passphrase). */
export function decodeRawKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const b = Buffer.from(text, 'base64');
    if (b.length === 32) return b;
  }
  return undefined;
}

function decodeKeyMaterial(text: string, saltText: string, warn: (msg: Bilingual) => void): Buffer {
  const raw = decodeRawKey(text);
  if (raw) return raw;
  const { kdf, salt, legacy } = parseSalt(saltText);
  const weak = passphraseProblem(text);
  if (weak && !legacy) throw usageError(weak, PASSPHRASE_HINT);
  if (weak) {
    warn(say(
      `${weak.zh}；这个登记库是在口令规则之前建立的，仍可打开，但应尽快换用强口令（需重新加密）`,
      `${weak.en}; this registry predates the rule and still opens, but should move to a strong key (re-encryption needed)`,
    ));
  }
  // scrypt needs 128·N·r bytes; Node refuses more than maxmem (32 MiB by default).
  return scryptSync(text, salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r });
}

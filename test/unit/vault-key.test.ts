// The master key (issue 8 items 8 and 10, SPEC 5): passphrases stretched with scrypt at current
// cost and refused when weak; the KDF and its parameters recorded in the registry's salt string, so
// that registries made under the old cost keep opening; a key file only its owner can read.
import { scryptSync } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XinfangError, type Bilingual } from '../../src/domain/errors.js';
import { KDF, keyFileProblem, loadMasterKey, newSalt, parseSalt, passphraseProblem } from '../../src/store/vault.js';

const GOOD = 'correct horse battery staple 信访';
const LEGACY_SALT = Buffer.alloc(16, 3).toString('base64'); // what newSalt() returned before
const noWarn = (m: Bilingual) => { throw new Error(`unexpected warning: ${m.en}`); };

function refusal(fn: () => unknown): XinfangError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XinfangError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('passphrases', () => {
  it('are stretched with scrypt N=2^17, r=8, p=1 (OWASP), recorded in the salt string', () => {
    expect(KDF).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const salt = newSalt();
    expect(salt).toMatch(/^scrypt:N=131072,r=8,p=1:[A-Za-z0-9+/]{22}==$/);
    const parsed = parseSalt(salt);
    expect(parsed.kdf).toEqual(KDF);
    expect(parsed.salt).toHaveLength(16);
    const { key } = loadMasterKey({ XINFANG_KEY: GOOD }, undefined, salt, noWarn);
    expect(key.equals(scryptSync(GOOD, parsed.salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }))).toBe(true);
  });

  it('a registry whose salt is in the old form keeps opening with the old cost (N=2^15)', () => {
    const { key } = loadMasterKey({ XINFANG_KEY: GOOD }, undefined, LEGACY_SALT, noWarn);
    expect(key.equals(scryptSync(GOOD, Buffer.alloc(16, 3), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }))).toBe(true);
    expect(parseSalt(LEGACY_SALT)).toMatchObject({ kdf: { N: 2 ** 15, r: 8, p: 1 }, legacy: true });
  });

  it.each(['1', 'short pass', 'aaaaaaaaaaaaaaaa', 'abababababababab', '1234567890123456', '   12345    ',
    // What offline guessing tries first: password-list words, keyboard rows, runs (found by a review).
    'password1234', 'Password2024!', 'abcdefghijkl', 'zyxwvutsrqpo', 'qwertyuiop12', 'xinfang12345'])('refuses the weak passphrase %j with a hint', (weak) => {
    expect(passphraseProblem(weak)).toBeDefined();
    const e = refusal(() => loadMasterKey({ XINFANG_KEY: weak }, undefined, newSalt(), noWarn));
    expect(e.exitCode).toBe(2);
    expect(e.text.zh).toContain('XINFANG_KEY');
    expect(e.hint?.zh).toContain('12');
  });

  it.each([
    ['short pass', '只有 10 个字符，至少要 12 个', 'it has 10 characters; at least 12 are needed'],
    ['aaaaaaaaaaaaaaaa', '只有 1 个不同的字符，至少要 6 个', 'only 1 different character'],
    ['1234567890123456', '只有数字', 'digits only'],
    ['password1234', '常见密码、键盘上的一排键或连续的字符', 'a common password, a keyboard row or a run of consecutive characters'],
    ['abcdefghijkl', '常见密码、键盘上的一排键或连续的字符', 'a run of consecutive characters'],
  ])('says which rule the weak passphrase %j breaks, in Chinese and English', (weak, zh, en) => {
    const e = refusal(() => loadMasterKey({ XINFANG_KEY: weak }, undefined, newSalt(), noWarn));
    expect(e.text.zh).toContain(zh);
    expect(e.text.en).toContain(en);
    // The hint is advice, not the list of length rules that password1234 already meets.
    expect(e.hint?.zh).not.toContain('不能只是数字（一句较长的话即可）');
  });

  it('with no key and no key file to look for (a server registry), names XINFANG_KEY and XINFANG_KEY_FILE, not an empty path', () => {
    const e = refusal(() => loadMasterKey({}, undefined, newSalt(), noWarn));
    expect(e.exitCode).toBe(2);
    expect(e.text.zh).toContain('XINFANG_KEY_FILE');
    expect(e.text.en).toContain('XINFANG_KEY_FILE');
    expect(e.text.zh).not.toMatch(/密钥文件\s*$/);
    expect(e.hint?.zh).not.toContain('放回');
  });

  it('accepts long passphrases in any script, and 32-byte keys as hex or base64 always', () => {
    for (const p of [GOOD, '我们信访室的口令要足够长才行', 'Tr0ub4dor&3xyz', 'b9#kLm2$qWz7', '信访室二〇一六年的口令很长']) expect(passphraseProblem(p)).toBeUndefined();
    const salt = newSalt();
    const hex = 'ab'.repeat(32);
    expect(loadMasterKey({ XINFANG_KEY: hex }, undefined, salt, noWarn).key).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 9).toString('base64');
    expect(loadMasterKey({ XINFANG_KEY: b64 }, undefined, salt, noWarn).key).toEqual(Buffer.alloc(32, 9));
  });

  it('a weak passphrase of a registry made before the rule still opens it, with a warning', () => {
    const warnings: Bilingual[] = [];
    const { key } = loadMasterKey({ XINFANG_KEY: '1' }, undefined, LEGACY_SALT, (m) => warnings.push(m));
    expect(key).toHaveLength(32);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.zh).toContain('口令');
  });

  it('refuses a salt string whose parameters are not sane (a damaged or doctored registry)', () => {
    for (const bad of ['scrypt:N=2,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt:N=1073741824,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt:N=100000,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA==', 'argon2:x', 'scrypt:N=131072,r=8,p=1:']) {
      expect(refusal(() => parseSalt(bad)).exitCode).toBe(2);
    }
  });
});

describe('key file', () => {
  let dir: string;
  let keyFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xinfang-key-'));
    keyFile = join(dir, 'registry.db.key');
    writeFileSync(keyFile, Buffer.alloc(32, 5).toString('base64') + '\n', { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens when owner-only', () => {
    expect(loadMasterKey({}, keyFile, newSalt(), noWarn).key).toEqual(Buffer.alloc(32, 5));
  });

  it.each([0o640, 0o604, 0o620, 0o644, 0o660])('is refused when its mode is %o, naming the file and the chmod 600 fix', (mode) => {
    chmodSync(keyFile, mode);
    const e = refusal(() => loadMasterKey({}, keyFile, newSalt(), noWarn));
    expect(e.exitCode).toBe(2);
    expect(e.text.zh).toContain(keyFile);
    expect(e.hint?.zh).toContain(`chmod 600 ${keyFile}`);
  });

  it('is refused when another user owns it', () => {
    expect(keyFileProblem(keyFile, { uid: 1234, mode: 0o100600 }, 1000)?.zh).toContain('不属于当前用户');
    expect(keyFileProblem(keyFile, { uid: 1000, mode: 0o100600 }, 1000)).toBeUndefined();
    expect(keyFileProblem(keyFile, { uid: 1000, mode: 0o100600 }, undefined)).toBeUndefined(); // no POSIX ids (Windows)
    if (process.getuid?.() === 0) {
      chownSync(keyFile, 1, 1);
      const e = refusal(() => loadMasterKey({}, keyFile, newSalt(), noWarn));
      expect(e.text.zh).toContain(keyFile);
      expect(e.text.zh).toContain('不属于当前用户');
    }
  });
});

describe('a registry without a salt (its init never finished)', () => {
  it('is not taken for an old registry: a weak passphrase is refused', () => {
    expect(parseSalt('')).toMatchObject({ legacy: false });
    expect(refusal(() => loadMasterKey({ XINFANG_KEY: '1' }, undefined, '', noWarn)).exitCode).toBe(2);
  });
});

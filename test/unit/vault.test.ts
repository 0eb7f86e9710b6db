import { createHash, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { int53, Vault } from '../../src/store/vault.js';

// Keyed hashes are stored in every registry: these pin their definition (SHA-256 over a secret
// prefix and the value, first 53 bits), whatever the implementation does to be fast.
const master = Buffer.alloc(32, 7);
const prefix = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32)).toString('hex');
const first53 = (text: string) => {
  const d = createHash('sha256').update(text, 'utf8').digest();
  return d.readUIntBE(0, 6) * 32 + (d[6]! >> 3);
};

describe('keyed hashes', () => {
  const vault = new Vault(master);

  it('digest is the first 53 bits of SHA-256 over the content prefix and the text', () => {
    for (const text of ['', 'a', '反映宋有武在精准扶贫中索要好处费，每户4600元。', 'x'.repeat(1000), '\u0000\u001f𠀀']) {
      expect(vault.digest(text)).toBe(first53(`${prefix('xinfang content digest v1')}\u0000${text}`));
    }
  });

  it('reporter hashes use the match prefix, the field name and the normalised value', () => {
    const h = vault.reporterHashes({ name: ' 王 小明 ', phone: '138-0013-8000', idNumber: '11010519491231002x' });
    const m = prefix('xinfang reporter match v1');
    expect(h.phone).toBe(first53(`${m}\u0000phone\u000013800138000`));
    expect(h.idNumber).toBe(first53(`${m}\u0000idNumber\u000011010519491231002X`));
    expect(h.name).toBe(vault.match('name', '王小明'));
    expect(vault.reporterHashes({})).toEqual({ name: null, idNumber: null, phone: null });
  });

  it('int53 reads the first 53 bits of a latin1 digest exactly', () => {
    const all = String.fromCharCode(255, 255, 255, 255, 255, 255, 255, 255);
    expect(int53(all)).toBe(2 ** 53 - 1);
    expect(int53(String.fromCharCode(0, 0, 0, 0, 0, 0, 8, 0))).toBe(1);
    expect(int53(String.fromCharCode(1, 0, 0, 0, 0, 0, 0))).toBe(2 ** 45);
  });
});

// What every use case is given rather than reaching for: the registry, the key (opened on first
// use), the clock, the operator, and a place for warnings.

import { localDate, type IsoDate } from '../domain/dates.js';
import { integrityError, say, usageError, type Bilingual } from '../domain/errors.js';
import { getMeta } from '../store/meta.js';
import type { Registry } from '../store/registry.js';
import { keyFilePath, loadMasterKey, Vault } from '../store/vault.js';

export interface UseCaseContext {
  registry: Registry;
  now: () => Date;
  operator: string;
  env: NodeJS.ProcessEnv;
  warn: (msg: Bilingual) => void;
  /** The registry's vault, opened (and the key checked) on first use. */
  vault: () => Promise<Vault>;
}

export function today(ctx: Pick<UseCaseContext, 'now'>): IsoDate {
  return localDate(ctx.now());
}

export const META_KEY_CHECK = 'key.check';
export const META_KEY_SALT = 'key.salt';

/**
 * Where the registry's key file is: XINFANG_KEY_FILE when set, else beside an SQLite registry
 * (`<registry>.key`); a server registry has no file beside it (SPEC 8), so undefined.
 */
export function keyFileLocation(registry: Pick<Registry, 'dialect' | 'location'>, env: NodeJS.ProcessEnv): string | undefined {
  const named = env.XINFANG_KEY_FILE?.trim();
  if (named) return named;
  return registry.dialect === 'sqlite' ? keyFilePath(registry.location) : undefined;
}

/** Opens the vault for a registry and makes sure the key is the one the registry was sealed with. */
export async function openVault(registry: Registry, env: NodeJS.ProcessEnv, warn: (m: Bilingual) => void): Promise<Vault> {
  const salt = (await getMeta(registry.db, META_KEY_SALT)) ?? '';
  const check = await getMeta(registry.db, META_KEY_CHECK);
  const keyFile = keyFileLocation(registry, env);
  const { key, source } = loadMasterKey(env, keyFile, salt, warn);
  const vault = new Vault(key);
  if (check === undefined) {
    // init writes the check before anything else: without it any key would be taken, and new
    // reporters sealed under a mistyped passphrase (SPEC 5).
    const items = await registry.db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    if (Number(items?.n ?? 0) > 0) {
      throw integrityError(
        say(`登记库 ${registry.display} 有信访件，却没有密钥校验值：它被改动过，不能确认密钥`, `the registry ${registry.display} has items but no key check: it was altered, and no key can be confirmed`),
        say('从备份恢复登记库，并用 xinfang audit verify 检查', 'restore the registry from a backup and check it with `xinfang audit verify`'),
      );
    }
    throw usageError(
      say(`登记库 ${registry.display} 还没有密钥（初始化未完成）`, `the registry ${registry.display} has no key yet (init did not finish)`),
      say('运行 xinfang init', 'run `xinfang init`'),
    );
  }
  const version = vault.checkVersion(check, salt);
  if (version === 1) {
    // Made by an earlier version: until init upgrades it (keyed chain, row digests, the salted
    // check), `audit verify` could only trust the registry's own notes of what it protects.
    throw usageError(
      say(`登记库 ${registry.display} 由较早版本建立，需要升级（带密钥的审计链与数据摘要）`, `the registry ${registry.display} was made by an earlier version and needs an upgrade (keyed audit chain and row digests)`),
      say('运行 xinfang init 升级登记库（不会丢失数据）', 'run `xinfang init` to upgrade it (no data is lost)'),
    );
  }
  if (version === undefined) {
    const where = source.kind === 'env' ? 'XINFANG_KEY' : source.path;
    throw usageError(
      say(`密钥不对：${where} 中的密钥不是这个登记库的密钥`, `wrong key: the key in ${where} is not this registry's key`),
      say('使用创建登记库时生成的密钥文件或 XINFANG_KEY', 'use the key file or XINFANG_KEY the registry was created with'),
    );
  }
  return vault;
}

export function lazyVault(registry: Registry, env: NodeJS.ProcessEnv, warn: (m: Bilingual) => void): () => Promise<Vault> {
  let p: Promise<Vault> | undefined;
  return () => (p ??= openVault(registry, env, warn));
}

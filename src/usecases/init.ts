// Create or upgrade a registry (idempotent) and make sure it has a key.

import { existsSync } from 'node:fs';
import { say, usageError, type Bilingual } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import { getMeta, setMeta } from '../store/meta.js';
import { Registry } from '../store/registry.js';
import { createKeyFile, keyFilePath, loadMasterKey, newSalt, Vault } from '../store/vault.js';
import { META_KEY_CHECK, META_KEY_SALT } from './context.js';

export interface InitResult {
  registry: string;
  created: boolean;
  migrations: string[];
  key: { source: 'env' | 'file'; path?: string; created: boolean };
}

export async function initRegistry(opts: { location: string; env: NodeJS.ProcessEnv; now: () => Date; operator: string; warn: (m: Bilingual) => void }): Promise<InitResult> {
  const created = !existsSync(opts.location);
  const registry = await Registry.openSqlite(opts.location, { create: true });
  try {
    const migrations = await registry.migrate();
    const keyFile = keyFilePath(opts.location);
    const useEnv = (opts.env.XINFANG_KEY ?? '').trim() !== '';
    let keyCreated = false;
    await registry.write(async (trx) => {
      let salt = await getMeta(trx, META_KEY_SALT);
      if (salt === undefined) {
        salt = newSalt();
        await setMeta(trx, META_KEY_SALT, salt);
      }
      const check = await getMeta(trx, META_KEY_CHECK);
      if (!useEnv && !existsSync(keyFile)) {
        if (check !== undefined) {
          throw usageError(
            say(`登记库已有密钥，但找不到密钥文件 ${keyFile}`, `the registry already has a key, but the key file ${keyFile} is missing`),
            say('把原来的密钥文件放回，或用 XINFANG_KEY 给出密钥；新建密钥会使已登记的反映人信息无法读取，因此不会自动新建', 'restore the key file or set XINFANG_KEY; a new key would make the registered reporters unreadable, so none is made'),
          );
        }
        createKeyFile(keyFile);
        keyCreated = true;
      }
      const vault = new Vault(loadMasterKey(opts.env, keyFile, salt, opts.warn).key);
      if (check === undefined) {
        await setMeta(trx, META_KEY_CHECK, vault.keyCheck());
      } else if (!vault.matchesCheck(check)) {
        throw usageError(
          say('密钥不对：给出的密钥不是这个登记库的密钥', 'wrong key: the key given is not this registry\'s key'),
          say('使用创建登记库时生成的密钥文件或 XINFANG_KEY', 'use the key file or XINFANG_KEY the registry was created with'),
        );
      }
      if (created || migrations.length > 0 || keyCreated) {
        await appendAudit(trx, {
          at: opts.now(), operator: opts.operator, action: 'init',
          details: { migrations, keyCreated },
        });
      }
    });
    return {
      registry: opts.location, created, migrations,
      key: useEnv ? { source: 'env', created: false } : { source: 'file', path: keyFile, created: keyCreated },
    };
  } finally {
    await registry.close();
  }
}

// Create or upgrade a registry (idempotent) and make sure it has a key.

import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { integrityError, say, usageError, type Bilingual } from '../domain/errors.js';
import { formatHead } from '../domain/audit.js';
import { DIGESTED_TABLES, ROW_DIGESTS_MARK, RowLedger } from '../domain/row-digest.js';
import { appendAudit, auditEntries, bindSigner, KEYED_SCHEME, rekeyAudit, SCHEME_KEY } from '../store/audit.js';
import { forEachRowDigest, ROWS_SCHEME, ROWS_SCHEME_KEY } from '../store/row-digests.js';
import type { Db } from '../store/registry.js';
import { refingerprintItems } from '../store/items.js';
import { ITEM_STATE_MIGRATION, itemStateFaults, rebuildItemState, refreshItemState } from '../store/item-state.js';
import { getMeta, setMeta } from '../store/meta.js';
import { isServerLocation, Registry } from '../store/registry.js';
import { createKeyFile, decodeRawKey, loadMasterKey, newSalt, parseSalt, PASSPHRASE_HINT, passphraseProblem, Vault } from '../store/vault.js';
import { keyFileLocation, META_KEY_CHECK, META_KEY_SALT } from './context.js';

/** The first migration: applying it means the registry was created just now. */
const FIRST_MIGRATION = '0001_registry';

export interface InitResult {
  registry: string;
  created: boolean;
  migrations: string[];
  key: { source: 'env' | 'file'; path?: string; created: boolean };
}

/**
 * A log from before the keyed chain is checked as it stands and re-chained under the key, once
 * (SPEC 5); returns what to record, or undefined when the log is keyed already. A log that does not
 * verify is not upgraded: integrity error (exit 5), nothing changed.
 */
async function keyTheChain(trx: Db, registry: Registry, vault: Vault): Promise<Record<string, unknown> | undefined> {
  if ((await getMeta(trx, SCHEME_KEY)) === KEYED_SCHEME) return undefined;
  const r = await rekeyAudit(trx, registry.dialect, vault.auditKey());
  if ('fault' in r) {
    throw integrityError(
      say(`审计日志（第 ${r.fault.seq} 条）校验不通过，不能升级为带密钥的哈希链`, `the audit log does not verify (entry ${r.fault.seq}); it cannot be upgraded to the keyed chain`),
      say('从备份恢复登记库后再运行 xinfang init', 'restore the registry from a backup, then run `xinfang init`'),
    );
  }
  await setMeta(trx, SCHEME_KEY, KEYED_SCHEME);
  return r.rekeyed > 0 ? { entries: r.rekeyed, legacyHead: formatHead(r.legacyHead) } : undefined;
}

/** Which content text the items' fingerprints are digests of: 'content-v2' is domain/identity.ts's contentText. */
const FINGERPRINT_KEY = 'fingerprint.scheme';
const FINGERPRINT_SCHEME = 'content-v2';

/**
 * Items keyed before imports compared folded references and normalised text, and before 15-digit
 * IDs were matched as their 18-digit form, get the new fingerprint and reporter hashes once (with
 * the key, which only init has here), so that re-importing a file read before — or the same file
 * re-saved with LF or other brackets — finds its items as present rather than as conflicts, and a
 * reporter is matched by today's rules (SPEC 7). Returns how many items changed.
 */
async function fingerprintByContent(trx: Db, vault: Vault): Promise<number> {
  if ((await getMeta(trx, FINGERPRINT_KEY)) === FINGERPRINT_SCHEME) return 0;
  const changed = await refingerprintItems(trx, vault);
  await setMeta(trx, FINGERPRINT_KEY, FINGERPRINT_SCHEME);
  return changed;
}

/**
 * Rows written before entries recorded their digests (registries from before row digests) get
 * one owner, once: the init entry records their id ranges and digest (`wrote`, SPEC 5) and the
 * mark that rows are digested from then on, so that `audit verify` checks every row. Rows an entry
 * already owns (written by this version before init ran) keep their owner. Returns what the entry
 * records, or undefined when the registry has had this already.
 */
async function baselineRows(registry: Registry, trx: Db, vault: Vault): Promise<Record<string, unknown> | undefined> {
  if ((await getMeta(trx, ROWS_SCHEME_KEY)) === ROWS_SCHEME) return undefined;
  const ledger = new RowLedger();
  for await (const e of auditEntries(trx)) ledger.entry(e);
  await setMeta(trx, ROWS_SCHEME_KEY, ROWS_SCHEME);
  // The log says the baseline was taken already: the meta note was removed, and rows that no
  // entry owns now were slipped in since (audit verify names them); they are not adopted.
  if (ledger.digesting) return undefined;
  const digester = vault.rowDigester();
  for (const table of DIGESTED_TABLES) await forEachRowDigest(registry, trx, digester, table, (id, d) => ledger.baselineRow(table, id, d));
  const base = ledger.unownedRows();
  return { [ROW_DIGESTS_MARK]: ROWS_SCHEME, ...(base.count > 0 ? { wrote: { ...base.ranges, digest: base.digest.hex() } } : {}) };
}

/** The key notes a registry holds already: none for a new one (or a database that is not a registry yet). */
async function existingKeyNotes(registry: Registry): Promise<{ salt?: string; check?: string }> {
  try {
    return { salt: await getMeta(registry.db, META_KEY_SALT), check: await getMeta(registry.db, META_KEY_CHECK) };
  } catch {
    // No meta table: nothing is created yet (the migrations make it).
    return {};
  }
}

/**
 * Refuses, before anything is created or migrated, a key that init could not have — so that a
 * refused init leaves nothing behind (no SQLite file, no tables) and the next init still creates the
 * registry. The key is XINFANG_KEY or else the key file `keyFile` (undefined on a server without
 * XINFANG_KEY_FILE). `notes` are the registry's salt and key check, empty for a new registry.
 * Usage errors (exit 2): a weak passphrase (vault.ts passphraseProblem, SPEC 5) unless the registry's
 * salt is of the old form (such a registry opens with a warning); no key for a server registry; a
 * key file that may not be used or holds no key (loadMasterKey); a missing key file for a registry
 * that has a key already; a key file that cannot be made (its folder missing or not writable —
 * except the folder of a new SQLite registry, `registryFolder`, which opening the registry makes).
 */
function checkKeyFirst(env: NodeJS.ProcessEnv, keyFile: string | undefined, notes: { salt?: string; check?: string }, warn: (m: Bilingual) => void, registryFolder?: string): void {
  const fromEnv = (env.XINFANG_KEY ?? '').trim();
  if (fromEnv !== '') {
    if (decodeRawKey(fromEnv) !== undefined) return;
    if (notes.salt !== undefined && notes.salt !== '' && parseSalt(notes.salt).legacy) return;
    const weak = passphraseProblem(fromEnv);
    if (weak) throw usageError(weak, PASSPHRASE_HINT);
    return;
  }
  if (keyFile === undefined) {
    throw usageError(
      say('服务器上的登记库旁边没有密钥文件：请用 XINFANG_KEY 或 XINFANG_KEY_FILE 给出密钥', 'a server registry has no key file beside it: give the key in XINFANG_KEY or XINFANG_KEY_FILE'),
      say('例如 XINFANG_KEY_FILE=/etc/xinfang/registry.key xinfang init --db postgres://...（登记库还没有密钥时，init 会在那里新建密钥文件，仅所有者可读写）',
        'e.g. XINFANG_KEY_FILE=/etc/xinfang/registry.key xinfang init --db postgres://... (when the registry has no key yet, init creates an owner-only key file there)'),
    );
  }
  if (existsSync(keyFile)) {
    // Its owner, permissions and content, as every command will check them.
    loadMasterKey({}, keyFile, notes.salt ?? '', warn);
    return;
  }
  if (notes.check !== undefined) throw keyFileMissing(keyFile);
  const folder = dirname(keyFile);
  // Beside a new SQLite registry: opening it makes that folder, or says why it cannot.
  if (registryFolder !== undefined && resolve(folder) === registryFolder) return;
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw usageError(
      say(`不能新建密钥文件 ${keyFile}：文件夹 ${folder} 不存在或不可写`, `cannot create the key file ${keyFile}: the folder ${folder} does not exist or is not writable`),
      say('先建好这个文件夹，或用 XINFANG_KEY_FILE 指定别的位置，或用 XINFANG_KEY 给出密钥', 'create the folder first, name another place in XINFANG_KEY_FILE, or give the key in XINFANG_KEY'),
    );
  }
}

function keyFileMissing(keyFile: string) {
  return usageError(
    say(`登记库已有密钥，但找不到密钥文件 ${keyFile}`, `the registry already has a key, but the key file ${keyFile} is missing`),
    say('把原来的密钥文件放回，或用 XINFANG_KEY 给出密钥；新建密钥会使已登记的反映人信息无法读取，因此不会自动新建', 'restore the key file or set XINFANG_KEY; a new key would make the registered reporters unreadable, so none is made'),
  );
}

function wrongKey() {
  return usageError(
    say('密钥不对：给出的密钥不是这个登记库的密钥', 'wrong key: the key given is not this registry\'s key'),
    say('使用创建登记库时生成的密钥文件或 XINFANG_KEY', 'use the key file or XINFANG_KEY the registry was created with'),
  );
}

/**
 * Creates or upgrades the registry at `opts.location` and makes sure it has a key (SPEC 5). The key
 * is checked before anything is created or migrated (checkKeyFirst): a refused init changes nothing.
 */
export async function initRegistry(opts: { location: string; env: NodeJS.ProcessEnv; now: () => Date; operator: string; osUser: string; warn: (m: Bilingual) => void }): Promise<InitResult> {
  const server = isServerLocation(opts.location);
  const fileExisted = !server && existsSync(opts.location);
  const keyFile = keyFileLocation({ dialect: server ? 'postgres' : 'sqlite', location: opts.location }, opts.env);
  const useEnv = (opts.env.XINFANG_KEY ?? '').trim() !== '';
  // Opening a new SQLite registry creates its file: check the key before.
  if (!server && !fileExisted) checkKeyFirst(opts.env, keyFile, {}, opts.warn, resolve(dirname(opts.location)));
  const registry = await Registry.open(opts.location, { create: true });
  try {
    if (server || fileExisted) {
      const notes = await existingKeyNotes(registry);
      checkKeyFirst(opts.env, keyFile, notes, opts.warn);
      // A registry with a key: the key given must be it, before any migration changes the registry.
      if (notes.check !== undefined && notes.salt !== undefined) {
        const vault = new Vault(loadMasterKey(opts.env, keyFile, notes.salt, () => undefined).key);
        if (vault.checkVersion(notes.check, notes.salt) === undefined) throw wrongKey();
      }
    }
    const migrations = await registry.migrate();
    const created = server ? migrations.includes(FIRST_MIGRATION) : !fileExisted;
    let keyCreated = false;
    await registry.write(async (trx) => {
      let salt = await getMeta(trx, META_KEY_SALT);
      if (salt === undefined) {
        salt = newSalt();
        await setMeta(trx, META_KEY_SALT, salt);
      }
      const check = await getMeta(trx, META_KEY_CHECK);
      if (!useEnv && keyFile !== undefined && !existsSync(keyFile)) {
        if (check !== undefined) throw keyFileMissing(keyFile);
        createKeyFile(keyFile);
        keyCreated = true;
      }
      const vault = new Vault(loadMasterKey(opts.env, keyFile, salt, opts.warn).key);
      if (check === undefined) {
        // A new registry (its check is written below, once its log is set up).
        const items = await trx.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
        if (Number(items?.n ?? 0) > 0) {
          // Someone removed the check: taking this key now would seal new reporters under any key (SPEC 5).
          throw integrityError(
            say(`登记库 ${registry.display} 有信访件，却没有密钥校验值：它被改动过，不会为它设定新的密钥`, `the registry ${registry.display} has items but no key check: it was altered; no key will be set for it`),
            say('从备份恢复登记库，并用 xinfang audit verify 检查', 'restore the registry from a backup and check it with `xinfang audit verify`'),
          );
        }
      }
      const version = check === undefined ? undefined : vault.checkVersion(check, salt);
      if (check !== undefined && version === undefined) throw wrongKey();
      bindSigner(trx, { key: vault.auditKey(), osUser: opts.osUser });
      let rekeyed: Record<string, unknown> | undefined;
      let refingerprinted = 0;
      let rows: Record<string, unknown> | undefined;
      if (version === 2) {
        // Upgraded already (the check says so, and only the key makes one): nothing is re-keyed,
        // re-fingerprinted or adopted, whatever the registry's notes say now — restored if removed,
        // so that verify finds a downgraded chain or rows slipped in (SPEC 5).
        await setMeta(trx, SCHEME_KEY, KEYED_SCHEME);
        await setMeta(trx, ROWS_SCHEME_KEY, ROWS_SCHEME);
      } else {
        rekeyed = await keyTheChain(trx, registry, vault);
        refingerprinted = await fingerprintByContent(trx, vault);
        // After the re-fingerprint, which changes item rows: the baseline takes them as they now are.
        rows = await baselineRows(registry, trx, vault);
        // From now on the check itself says the chain is keyed and the rows digested.
        await setMeta(trx, META_KEY_CHECK, vault.keyCheck(salt));
      }
      // The states reports read (store/item-state.ts): recomputed for every item whose kept row
      // differs from its decisions (altered behind the program's back; `audit verify` names them).
      let statesRecomputed = 0;
      if (!created && !migrations.includes(ITEM_STATE_MIGRATION)) {
        const faults = await itemStateFaults(trx, registry.dialect, Number.POSITIVE_INFINITY);
        // Many: the whole table in one pass (a registry written behind the program, a benchmark's).
        if (faults.count > 10_000) await rebuildItemState(trx, registry.dialect);
        else for (let i = 0; i < faults.itemIds.length; i += 500) await refreshItemState(trx, faults.itemIds.slice(i, i + 500));
        statesRecomputed = faults.count;
      }
      if (rekeyed !== undefined) {
        await appendAudit(trx, { at: opts.now(), operator: opts.operator, action: 'audit-rekey', details: rekeyed });
      }
      if (created || migrations.length > 0 || keyCreated || refingerprinted > 0 || rows !== undefined || statesRecomputed > 0) {
        await appendAudit(trx, {
          at: opts.now(), operator: opts.operator, action: 'init',
          details: { migrations, keyCreated, ...(refingerprinted > 0 ? { refingerprinted } : {}), ...(statesRecomputed > 0 ? { statesRecomputed } : {}), ...rows },
        });
      }
    });
    return {
      registry: registry.display, created, migrations,
      key: useEnv ? { source: 'env', created: false } : { source: 'file', path: keyFile, created: keyCreated },
    };
  } finally {
    await registry.close();
  }
}

// A registry as an earlier version of xinfang left it, made from a current one with the key (as
// that version, which had the key, would have written it): no row digests in the log (`wrote`,
// `replaced`, init's mark), no note that rows are digested, the unsalted key check of version 1 —
// the log re-chained under the key. For tests of what `init` upgrades.

import { chainEntry, GENESIS_HASH } from '../../src/domain/audit.js';
import { ROW_DIGESTS_MARK } from '../../src/domain/row-digest.js';
import { auditEntries, setAppendOnly } from '../../src/store/audit.js';
import { setMeta } from '../../src/store/meta.js';
import { Registry, type Db } from '../../src/store/registry.js';
import { openVault } from '../../src/usecases/context.js';

/**
 * Turns the registry at `db` (environment `env`, for its key) into one of an earlier version;
 * `change`, run first in the same transaction, alters what else that version stored differently.
 */
export async function asEarlierVersion(db: string, env: NodeJS.ProcessEnv, change?: (trx: Db) => Promise<void>): Promise<void> {
  const reg = await Registry.open(db, { create: false });
  try {
    const vault = await openVault(reg, env, () => undefined);
    await reg.write(async (trx) => {
      await change?.(trx);
      await setAppendOnly(trx, reg.dialect, false);
      let prev = GENESIS_HASH;
      const entries = [];
      for await (const e of auditEntries(trx)) entries.push(e);
      for (const e of entries) {
        const { wrote: _w, replaced: _r, [ROW_DIGESTS_MARK]: _m, ...details } = JSON.parse(e.details) as Record<string, unknown>;
        const old = chainEntry({ ...e, details: JSON.stringify(details) }, prev, vault.auditKey());
        await trx.updateTable('audit').set({ details: old.details, prev_hash: old.prevHash, hash: old.hash }).where('seq', '=', e.seq).execute();
        prev = old.hash;
      }
      await setAppendOnly(trx, reg.dialect, true);
      await setMeta(trx, 'audit.head', JSON.stringify({ seq: entries.length, hash: prev }));
      await trx.deleteFrom('meta').where('key', '=', 'rows.scheme').execute();
      await setMeta(trx, 'key.check', vault.legacyKeyCheck());
    });
  } finally {
    await reg.close();
  }
}

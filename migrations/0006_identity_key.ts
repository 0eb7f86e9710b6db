// A forwarded case is identified by its organ and reference compared after folding (SPEC 7: NFKC,
// blanks removed, every bracket form read as 〔〕): 甘纪转[2016]12号 and 甘纪转（2016）12号 are one
// case. The folded key is kept in its own column (domain/identity.ts, identityKey) with an index the
// importers look up; the organ and reference themselves stay as given. Existing items get their key
// here: it needs no registry key. Not unique: a registry may already hold one case twice under
// different brackets (the import then finds the earliest). Safe to re-run.

import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { storedIdentityKey } from '../src/domain/identity.js';
import type { Dialect } from '../src/store/schema.js';

export function identityKey0006(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const items = (await db.introspection.getTables()).find((t) => t.name === 'items');
      if (!items?.columns.some((c) => c.name === 'ref_key')) {
        await db.schema.alterTable('items').addColumn('ref_key', 'text').execute();
      }
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('items').select(['id', 'forwarded_by', 'ref'])
          .where('id', '>', after).where('ref', 'is not', null).where('forwarded_by', 'is not', null).where('ref_key', 'is', null)
          .orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1]!.id);
        for (const r of rows) {
          const key = storedIdentityKey(r.forwarded_by, r.ref);
          if (key !== null) await db.updateTable('items').set({ ref_key: key }).where('id', '=', r.id).execute();
        }
      }
      await db.schema.createIndex('items_ref_key').ifNotExists().on('items').column('ref_key')
        .where(sql.ref('ref_key'), 'is not', null).execute();
    },
  };
}

// The audit log records the OS account beside the declared operator (SPEC 5). The keyed chain
// itself needs the registry key, which migrations do not have: `init` re-keys an existing log
// right after this migration (store/audit.ts, rekeyAudit) and records that in the log.

import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';

export function auditKeyed0003(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const audit = (await db.introspection.getTables()).find((t) => t.name === 'audit');
      if (!audit?.columns.some((c) => c.name === 'os_user')) {
        await db.schema.alterTable('audit').addColumn('os_user', 'text').execute();
      }
    },
  };
}

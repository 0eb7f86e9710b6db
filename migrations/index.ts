// Every migration, imported statically (no file scanning at run time) and named by number.
// Append new ones; never edit or renumber one that has shipped.

import type { Migration } from 'kysely';
import type { Dialect } from '../src/store/schema.js';
import { registry0001 } from './0001_registry.js';
import { decisions0002 } from './0002_decisions.js';
import { auditKeyed0003 } from './0003_audit_keyed.js';
import { dupIndex0004 } from './0004_dup_index.js';
import { stateIndex0005 } from './0005_state_index.js';
import { identityKey0006 } from './0006_identity_key.js';
import { itemState0007 } from './0007_item_state.js';

export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_registry': registry0001(dialect),
    '0002_decisions': decisions0002(dialect),
    '0003_audit_keyed': auditKeyed0003(dialect),
    '0004_dup_index': dupIndex0004(dialect),
    '0005_state_index': stateIndex0005(dialect),
    '0006_identity_key': identityKey0006(dialect),
    '0007_item_state': itemState0007(dialect),
  };
}

// Opening the registry named by --db / XINFANG_DB / the data directory. Loaded only by commands
// that touch the registry, so that `--help` and `--version` stay fast.

import { say, usageError } from '../domain/errors.js';
import { Registry } from '../store/registry.js';
import { lazyVault, type UseCaseContext } from '../usecases/context.js';
import type { Factory } from './factory.js';

/** The registry location, refused when it names a PostgreSQL server (not supported yet). */
export function sqliteLocation(f: Factory): string {
  const location = f.dbLocation();
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw usageError(
      say('这个版本还不支持 PostgreSQL 登记库', 'PostgreSQL registries are not supported by this version yet'),
      say('用 --db 指定 SQLite 登记库文件', 'point --db at an SQLite registry file'),
    );
  }
  return location;
}

export async function openContext(f: Factory): Promise<UseCaseContext> {
  const location = sqliteLocation(f);
  const registry = await Registry.openSqlite(location, { create: false });
  return {
    registry,
    now: f.now,
    operator: f.operator(),
    env: f.env,
    warn: (m) => f.warn(m),
    vault: lazyVault(registry, f.env, (m) => f.warn(m)),
  };
}

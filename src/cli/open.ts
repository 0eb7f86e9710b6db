// Opening the registry named by --db / XINFANG_DB / the data directory: an SQLite file or a
// postgres:// URL. Loaded only by commands that touch the registry, so that `--help` and
// `--version` stay fast.

import { Registry } from '../store/registry.js';
import { lazyVault, type UseCaseContext } from '../usecases/context.js';
import { osUser, type Factory } from './factory.js';

export async function openContext(f: Factory): Promise<UseCaseContext> {
  const registry = await Registry.open(f.dbLocation(), { create: false });
  const vault = lazyVault(registry, f.env, (m) => f.warn(m));
  // Every write's audit entry is signed with the registry's audit key and the OS user (SPEC 5).
  registry.useSigner(async () => ({ key: (await vault()).auditKey(), osUser: osUser() }));
  return {
    registry,
    now: f.now,
    operator: f.operator(),
    env: f.env,
    warn: (m) => f.warn(m),
    vault,
  };
}

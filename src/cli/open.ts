// Opening the registry named by --db / XINFANG_DB / the data directory: an SQLite file or a
// postgres:// URL. Loaded only by commands that touch the registry, so that `--help` and
// `--version` stay fast.

import { Registry } from '../store/registry.js';
import { lazyVault, type UseCaseContext } from '../usecases/context.js';
import type { Factory } from './factory.js';

export async function openContext(f: Factory): Promise<UseCaseContext> {
  const registry = await Registry.open(f.dbLocation(), { create: false });
  return {
    registry,
    now: f.now,
    operator: f.operator(),
    env: f.env,
    warn: (m) => f.warn(m),
    vault: lazyVault(registry, f.env, (m) => f.warn(m)),
  };
}

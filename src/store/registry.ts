// The registry: one store over either engine (SQLite file by default, PostgreSQL for a shared
// registry, SPEC 8). Use cases see only this class and Kysely queries; what differs per engine —
// opening, the write lock, the bulk writer, backups, error codes — is behind engine/*.ts.
// Drivers are loaded only when a registry is opened, so that `--help` and `--version` stay fast.

import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { say, usageError } from '../domain/errors.js';
import type { Dialect } from './schema.js';
import { storeFault } from './errors.js';
import { bindSigner, type AuditSigner } from './audit.js';
import type { BulkOptions, Intake, ItemBulkWriter } from './bulk.js';
import type { BackupResult, Db, Engine } from './engine/engine.js';
import type { Vault } from './vault.js';
import { allMigrations } from '../../migrations/index.js';

export type { Db } from './engine/engine.js';

export function isServerLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

export class Registry {
  private signer: (() => Promise<AuditSigner>) | undefined;

  private constructor(private readonly engine: Engine, readonly location: string) {}

  /**
   * What signs the audit entries of every write from now on (the registry's audit key and the OS
   * user), obtained once, before the first write takes the lock.
   */
  useSigner(provider: () => Promise<AuditSigner>): void {
    let p: Promise<AuditSigner> | undefined;
    this.signer = () => (p ??= provider());
  }

  get db(): Db {
    return this.engine.db;
  }

  get dialect(): Dialect {
    return this.engine.dialect;
  }

  /** The location for messages: a file path, or a postgres:// URL without its password. */
  get display(): string {
    return this.engine.display;
  }

  /**
   * Opens the registry at `location`: a file path (SQLite) or a postgres:// URL. `create` makes an
   * SQLite file (init); otherwise a missing file, a database that is not a registry, or a registry
   * behind the program's migrations is refused with a hint (exit 2).
   */
  static async open(location: string, opts: { create: boolean }): Promise<Registry> {
    let engine: Engine;
    if (isServerLocation(location)) {
      const { PostgresEngine } = await import('./engine/postgres.js');
      engine = await PostgresEngine.open(location.trim());
    } else {
      const { SqliteEngine } = await import('./engine/sqlite.js');
      engine = await SqliteEngine.open(location, opts);
    }
    const registry = new Registry(engine, location);
    if (!opts.create) {
      try {
        await registry.checkSchema();
      } catch (e) {
        await registry.close();
        throw e;
      }
    }
    return registry;
  }

  /** Applies every pending migration; returns the names applied. */
  async migrate(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: staticProvider(allMigrations(this.dialect)) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  /** Refuses a registry that is not one, or that needs `init` to upgrade it. */
  async checkSchema(): Promise<void> {
    const known = Object.keys(allMigrations(this.dialect));
    let applied: string[];
    try {
      const rows = await this.db.selectFrom('kysely_migration' as any).select('name' as any).execute();
      applied = rows.map((r: any) => String(r.name));
    } catch (e) {
      const fault = storeFault(e);
      // SQLite names a missing table in its message only (SQLITE_ERROR); PostgreSQL has 42P01.
      if (fault === 'undefined-table' || (this.dialect === 'sqlite' && /no such table/i.test(String((e as Error)?.message)))) {
        throw usageError(
          say(`${this.display} 不是 xinfang 登记库（未初始化）`, `${this.display} is not an xinfang registry (not initialised)`),
          say('运行 xinfang init 初始化', 'run `xinfang init` to initialise it'),
        );
      }
      throw e;
    }
    const missing = known.filter((n) => !applied.includes(n));
    const unknown = applied.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw usageError(
        say(`登记库 ${this.display} 由更新版本的 xinfang 创建（${unknown.join(', ')}）`, `the registry ${this.display} was written by a newer xinfang (${unknown.join(', ')})`),
        say('请升级 xinfang', 'upgrade xinfang'),
      );
    }
    if (missing.length > 0) {
      throw usageError(
        say(`登记库 ${this.display} 需要升级（缺少 ${missing.join(', ')}）`, `the registry ${this.display} needs an upgrade (missing ${missing.join(', ')})`),
        say('运行 xinfang init 升级登记库（不会丢失数据）', 'run `xinfang init` to upgrade it (no data is lost)'),
      );
    }
  }

  /**
   * Runs `fn` in one write transaction: all of it or nothing. The registry's one write lock is
   * held for the whole transaction on both engines (engine/*.ts), so writers queue, and ids, codes
   * and audit sequence numbers taken as max()+1 stay unique and gap-free.
   */
  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    const signer = await this.signer?.();
    return this.engine.write((trx) => {
      if (signer) bindSigner(trx, signer);
      return fn(trx);
    });
  }

  /** The engine's bulk writer on the transaction `trx` of a running `write`. */
  bulkWriter(trx: Db, vault: Vault, intake: Intake, opts: BulkOptions = {}): Promise<ItemBulkWriter> {
    return this.engine.bulkWriter(trx, vault, intake, opts);
  }

  /** SQLite: a consistent online copy at `dest`; PostgreSQL: the pg_dump command to run. */
  backup(dest: string): Promise<BackupResult> {
    return this.engine.backup(dest);
  }

  /** Signs `other`'s audit entries as this registry's are signed (migrate-to: the copy keeps the key). */
  shareSigner(other: Registry): void {
    other.signer = this.signer;
  }

  /** The engine itself, for store modules that need what only one engine has (migrate-to). */
  get engineForStore(): Engine {
    return this.engine;
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}

function staticProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations };
}

// Opening the registry: SQLite through better-sqlite3 and Kysely, with the settings several clerks
// on one machine need (WAL, busy timeout, foreign keys, synchronous=FULL), migration checks, and
// the one way to write: a transaction that takes the write lock up front, so that concurrent
// clerks queue instead of failing with "database is locked".

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect, sql, Migrator, type Migration, type MigrationProvider } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { say, usageError, XinfangError } from '../domain/errors.js';
import type { Database, Dialect } from './schema.js';
import { allMigrations } from '../../migrations/index.js';

export type Db = Kysely<Database>;

const PAGE_SIZE = 16384;

const BUSY_TIMEOUT_MS = 30_000;

export class Registry {
  private constructor(
    readonly db: Db,
    readonly dialect: Dialect,
    /** The registry file (SQLite) or URL (PostgreSQL), for messages and the key file. */
    readonly location: string,
    /** The raw SQLite handle, for bulk paths inside the store. */
    readonly sqlite: BetterSqlite3.Database | undefined,
  ) {}

  /**
   * Opens a SQLite registry. `create` makes the file (init); otherwise a missing file, a file
   * that is not SQLite, or a registry behind the program's migrations is refused with a hint.
   */
  static async openSqlite(path: string, opts: { create: boolean }): Promise<Registry> {
    if (!opts.create && !existsSync(path)) {
      throw usageError(
        say(`登记库不存在：${path}`, `no registry at ${path}`),
        say('先运行 xinfang init 创建登记库，或用 --db 指定已有的登记库', 'run `xinfang init` to create it, or point --db at an existing registry'),
      );
    }
    if (opts.create) makeParents(path);
    const { default: SqliteDatabase } = await import('better-sqlite3');
    let raw: BetterSqlite3.Database;
    try {
      raw = new SqliteDatabase(path, { fileMustExist: !opts.create, timeout: BUSY_TIMEOUT_MS });
      raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // A new registry gets 16 KiB pages (SQLite's default is 4): items are ~500-byte rows, and an
      // import of a million of them writes a third fewer WAL frames. No effect on an existing file.
      if (opts.create) raw.pragma(`page_size = ${PAGE_SIZE}`);
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
    } catch (e) {
      throw notARegistry(path, e);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    const registry = new Registry(db, 'sqlite', path, raw);
    if (!opts.create) await registry.checkSchema();
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
      const m = String((e as Error)?.message ?? e);
      if (/no such table/i.test(m) || /does not exist/i.test(m)) {
        throw usageError(
          say(`${this.location} 不是 xinfang 登记库（未初始化）`, `${this.location} is not an xinfang registry (not initialised)`),
          say('运行 xinfang init 初始化', 'run `xinfang init` to initialise it'),
        );
      }
      throw notARegistry(this.location, e);
    }
    const missing = known.filter((n) => !applied.includes(n));
    const unknown = applied.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw usageError(
        say(`登记库 ${this.location} 由更新版本的 xinfang 创建（${unknown.join(', ')}）`, `the registry ${this.location} was written by a newer xinfang (${unknown.join(', ')})`),
        say('请升级 xinfang', 'upgrade xinfang'),
      );
    }
    if (missing.length > 0) {
      throw usageError(
        say(`登记库 ${this.location} 需要升级（缺少 ${missing.join(', ')}）`, `the registry ${this.location} needs an upgrade (missing ${missing.join(', ')})`),
        say('运行 xinfang init 升级登记库（不会丢失数据）', 'run `xinfang init` to upgrade it (no data is lost)'),
      );
    }
  }

  /**
   * Runs `fn` in one write transaction: all of it or nothing. On SQLite the write lock is taken
   * at BEGIN (IMMEDIATE) and waits for other writers up to the busy timeout.
   */
  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
      try {
        const result = await fn(conn);
        await sql.raw('COMMIT').execute(conn);
        return result;
      } catch (e) {
        await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * Creates the registry's missing parent folders one level at a time (Node 20's recursive mkdir
 * spins forever under /proc), turning a failure into a clear message.
 */
function makeParents(path: string): void {
  const missing: string[] = [];
  for (let dir = dirname(resolve(path)); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (e) {
      throw usageError(say(`无法创建登记库所在的文件夹 ${dir}：${(e as Error).message}`, `cannot create the registry's folder ${dir}: ${(e as Error).message}`));
    }
  }
}

function staticProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations };
}

function notARegistry(path: string, e: unknown): XinfangError {
  const m = String((e as Error)?.message ?? e);
  if (/not a database|file is encrypted|malformed/i.test(m)) {
    return usageError(
      say(`${path} 不是 xinfang 登记库（不是 SQLite 数据库文件）`, `${path} is not an xinfang registry (not an SQLite database file)`),
      say('用 --db 指定正确的登记库文件', 'point --db at the registry file'),
    );
  }
  return usageError(say(`无法打开登记库 ${path}：${m}`, `cannot open the registry ${path}: ${m}`));
}

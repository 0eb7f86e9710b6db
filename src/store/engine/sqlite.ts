// The SQLite engine: one registry file through better-sqlite3, with what several clerks on one
// machine need (WAL, a busy timeout, foreign keys, synchronous=FULL, secure_delete). The write lock
// is SQLite's own, taken at BEGIN IMMEDIATE: a second writer waits up to the busy timeout.

import { chmodSync, closeSync, existsSync, fchmodSync, fchownSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { sideFileAccess } from '../../domain/access.js';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { say, usageError, XinfangError } from '../../domain/errors.js';
import type { Database } from '../schema.js';
import { storeFault } from '../errors.js';
import { sqliteBulkWriter } from './sqlite-bulk.js';
import type { BulkOptions, Intake, ItemBulkWriter } from '../bulk.js';
import type { Vault } from '../vault.js';
import type { BackupResult, Db, Engine } from './engine.js';

const PAGE_SIZE = 16384;
const BUSY_TIMEOUT_MS = 30_000;

export class SqliteEngine implements Engine {
  readonly dialect = 'sqlite' as const;
  readonly display: string;

  private constructor(readonly db: Db, private readonly raw: BetterSqlite3.Database, readonly path: string) {
    this.display = path;
  }

  /** Opens (or with `create`, makes) the registry file. A missing file without `create` is refused with a hint. */
  static async open(path: string, opts: { create: boolean }): Promise<SqliteEngine> {
    if (!opts.create && !existsSync(path)) {
      throw usageError(
        say(`登记库不存在：${path}`, `no registry at ${path}`),
        say('先运行 xinfang init 创建登记库，或用 --db 指定已有的登记库', 'run `xinfang init` to create it, or point --db at an existing registry'),
      );
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw usageError(
        say(`${path} 是文件夹，不是登记库文件`, `${path} is a folder, not a registry file`),
        say('用 --db 指定登记库文件，如 --db 文件夹/xinfang.db', 'point --db at the registry file, e.g. --db folder/xinfang.db'),
      );
    }
    if (opts.create) {
      makeParents(path);
      ownerOnly(path);
    }
    const { default: SqliteDatabase } = await import('better-sqlite3');
    let raw: BetterSqlite3.Database;
    try {
      raw = new SqliteDatabase(path, { fileMustExist: !opts.create, timeout: BUSY_TIMEOUT_MS });
      raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // A new registry gets 16 KiB pages (SQLite's default is 4): items are ~500-byte rows, and an
      // import of a million of them writes a third fewer WAL frames. No effect on an existing file.
      if (opts.create) raw.pragma(`page_size = ${PAGE_SIZE}`);
      // WAL needs to write the -wal file beside the registry: on a read-only file or folder the
      // journal mode stays as it is and reading still works.
      try {
        raw.pragma('journal_mode = WAL');
      } catch (e) {
        if (storeFault(e) !== 'readonly' && storeFault(e) !== 'cannot-open') throw e;
      }
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
      // Deleted reporter data does not linger in free pages (SPEC 5).
      raw.pragma('secure_delete = ON');
      raw.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      const fault = storeFault(e);
      if (opts.create || (fault !== 'cannot-open' && fault !== 'readonly')) throw sqliteOpenError(path, e);
      raw = readOnlySnapshot(SqliteDatabase, path, e);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    return new SqliteEngine(db, raw, path);
  }

  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      try {
        await sql.raw('BEGIN IMMEDIATE').execute(conn);
      } catch (e) {
        throw sqliteWriteError(this.path, e);
      }
      try {
        const result = await fn(conn);
        await sql.raw('COMMIT').execute(conn);
        return result;
      } catch (e) {
        await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
        throw sqliteWriteError(this.path, e);
      }
    });
  }

  /** The writer binds prepared statements on the one connection, which the running write holds. */
  async bulkWriter(_trx: Db, vault: Vault, intake: Intake, opts: BulkOptions): Promise<ItemBulkWriter> {
    return sqliteBulkWriter(this.raw, vault, intake, opts);
  }

  /** A consistent online copy through SQLite's backup API (readers and writers may go on). */
  private readonly scans = new Map<string, BetterSqlite3.Statement>();

  async readRows(_db: Db, table: string, columns: readonly string[], afterId: number, limit: number): Promise<unknown[][]> {
    // One connection: the raw handle sees what a running write on it has written.
    const text = `SELECT ${columns.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`;
    let scan = this.scans.get(text);
    if (!scan) this.scans.set(text, (scan = this.raw.prepare(text).raw()));
    return scan.all(afterId, limit) as unknown[][];
  }

  async backup(dest: string): Promise<BackupResult> {
    await this.raw.backup(dest);
    return { kind: 'copied', path: dest, bytes: statSync(dest).size };
  }

  /** The raw handle, for the store's own maintenance (migrate-to reads every table through it). */
  get handle(): BetterSqlite3.Database {
    return this.raw;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * A registry whose folder cannot be written (a read-only share, a locked-down folder): SQLite cannot
 * make the -shm file a WAL reader needs, so reads would fail too. When no -wal file is there (the
 * last writer checkpointed and closed, so the file holds every commit), the file is read into memory
 * and opened read-only from there, marked as a rollback-journal file (a WAL header cannot be
 * deserialised): list, show and report work; any write is refused as on a read-only file. Costs
 * memory of the file's size, only in this case.
 */
function readOnlySnapshot(SqliteDatabase: typeof BetterSqlite3, path: string, cause: unknown): BetterSqlite3.Database {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw sqliteOpenError(path, cause);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw sqliteOpenError(path, e);
  }
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  try {
    const raw = new SqliteDatabase(bytes, { readonly: true });
    raw.pragma('foreign_keys = ON');
    return raw;
  } catch (e) {
    throw sqliteOpenError(path, e);
  }
}

/**
 * The registry file and its -wal/-shm are never readable by others (SPEC 5): owner only, or owner
 * and group in an office-group folder (domain/access.ts). A new file is created so before SQLite
 * opens it (SQLite gives -wal and -shm the database file's mode); `init` narrows an existing
 * registry whose files are wider.
 */
function ownerOnly(path: string): void {
  const folder = statSync(dirname(resolve(path)));
  const user = typeof process.getgid === 'function' ? { gid: process.getgid() } : undefined;
  const access = sideFileAccess({ gid: folder.gid, mode: folder.mode }, user);
  try {
    if (!existsSync(path)) {
      const fd = openSync(path, 'wx', access.mode);
      try {
        fchmodSync(fd, access.mode);
        if (access.gid !== undefined) fchownSync(fd, process.getuid!(), access.gid);
      } catch { /* not in the folder's group: the file stays owner-only */ } finally {
        closeSync(fd);
      }
      return;
    }
    for (const f of [path, `${path}-wal`, `${path}-shm`]) {
      if (existsSync(f) && (statSync(f).mode & 0o007) !== 0) chmodSync(f, access.mode);
    }
  } catch (e) {
    throw usageError(say(`无法设置登记库文件 ${path} 的权限：${(e as Error).message}`, `cannot set the permissions of the registry file ${path}: ${(e as Error).message}`));
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

function sqliteOpenError(path: string, e: unknown): XinfangError {
  if (e instanceof XinfangError) return e;
  const fault = storeFault(e);
  if (fault === 'not-a-database' || fault === 'corrupt') {
    return usageError(
      say(`${path} 不是 xinfang 登记库（不是 SQLite 数据库文件，或已损坏）`, `${path} is not an xinfang registry (not an SQLite database file, or damaged)`),
      say('用 --db 指定正确的登记库文件', 'point --db at the registry file'),
    );
  }
  if (fault === 'cannot-open' || fault === 'readonly') {
    return usageError(
      say(`无法打开登记库 ${path}：没有权限，或所在文件夹不可写`, `cannot open the registry ${path}: no permission, or its folder cannot be written`),
      say('检查文件和所在文件夹的权限，或用 --db 指定别的位置', 'check the permissions of the file and its folder, or point --db elsewhere'),
    );
  }
  const m = (e as Error)?.message ?? String(e);
  return usageError(say(`无法打开登记库 ${path}：${m}`, `cannot open the registry ${path}: ${m}`));
}

/** A write that failed because of the file (read-only, busy) becomes one clear line; others pass through. */
function sqliteWriteError(path: string, e: unknown): unknown {
  const fault = storeFault(e);
  if (fault === 'readonly') {
    return usageError(
      say(`登记库 ${path} 是只读的，不能写入（文件或所在文件夹没有写权限）`, `the registry ${path} is read-only (no write permission on the file or its folder)`),
      say('只读命令（list、show、report 等）仍可使用；要写入，请让管理员开放写权限', 'read-only commands (list, show, report ...) still work; to write, ask for write permission'),
    );
  }
  return e;
}

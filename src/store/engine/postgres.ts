// The PostgreSQL engine: a shared registry on a database server, for offices whose clerks work
// on many machines (SPEC 8), through Kysely's PostgresDialect and `pg`.
//
// The write lock: a plain BEGIN takes no lock, so every write transaction first takes one
// transaction-scoped advisory lock (pg_advisory_xact_lock) that all xinfang writers share. Writers
// then queue as they do on SQLite (BEGIN IMMEDIATE), under READ COMMITTED each statement after the
// lock sees every earlier writer's commit, and the store's max()+1 allocation of ids, codes and audit
// sequence numbers stays unique and gap-free (ids.ts). Readers never wait for it.
//
// Values: bigint and numeric come back from pg as strings and `date` as a local-midnight Date;
// this pool parses int8/numeric to safe integers and keeps dates and timestamps as text, without
// changing pg's global parsers.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { say, usageError, XinfangError } from '../../domain/errors.js';
import type { BulkOptions, Intake, ItemBulkWriter } from '../bulk.js';
import { storeFault } from '../errors.js';
import type { Database } from '../schema.js';
import type { Vault } from '../vault.js';
import type { BackupResult, Db, Engine } from './engine.js';
import { postgresBulkWriter } from './postgres-bulk.js';

/** The advisory lock every xinfang writer of a database takes (two int4 keys: "xf", 1). */
const WRITE_LOCK = [0x7866, 1] as const;
/** How long a writer waits for another's lock, as SQLite's busy timeout. */
const LOCK_TIMEOUT = '30s';
const CONNECT_TIMEOUT_MS = 5000;

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** The URL without its password, for messages and the audit log. */
export function displayUrl(location: string): string {
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return location.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

function safeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond 2^53: not exact in JavaScript`);
  return n;
}

export class PostgresEngine implements Engine {
  readonly dialect = 'postgres' as const;
  readonly display: string;
  /** The pg client behind each running write's Kysely instance, for COPY. */
  private readonly clients = new WeakMap<Db, pg.PoolClient>();

  private constructor(readonly db: Db, private readonly pool: pg.Pool, readonly url: string) {
    this.display = displayUrl(url);
  }

  /** Connects (within seconds, or one clear error) to the database the URL names. */
  static async open(url: string): Promise<PostgresEngine> {
    const display = displayUrl(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw usageError(
        say(`PostgreSQL 地址写法不对：${display}`, `not a valid PostgreSQL URL: ${display}`),
        say('格式：postgres://用户:密码@主机:端口/数据库', 'expected postgres://user:password@host:port/database'),
      );
    }
    if (parsed.pathname.replace(/^\//, '') === '') {
      throw usageError(
        say(`PostgreSQL 地址没有写数据库名：${display}`, `the PostgreSQL URL names no database: ${display}`),
        say('格式：postgres://用户:密码@主机:端口/数据库', 'expected postgres://user:password@host:port/database'),
      );
    }
    const { default: pgModule } = await import('pg');
    const builtin = pgModule.types;
    const pool = new pgModule.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // An idle pool must not keep the process alive after the command is done.
      idleTimeoutMillis: 1000,
      allowExitOnIdle: true,
      application_name: 'xinfang',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === OID.int8 || oid === OID.numeric) return safeInteger;
          if (oid === OID.date || oid === OID.timestamp || oid === OID.timestamptz) return (v: string) => v;
          return builtin.getTypeParser(oid, format as 'text');
        }) as typeof builtin.getTypeParser,
      },
    });
    // A pool emits errors of idle clients (a server restart); without a listener they crash the process.
    pool.on('error', () => undefined);
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw postgresConnectError(display, e);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return new PostgresEngine(db, pool, url);
  }

  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((e: unknown) => { throw postgresConnectError(this.display, e); });
    const trx = oneClientKysely(client);
    this.clients.set(trx, client);
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...WRITE_LOCK]);
      const result = await fn(trx);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw postgresWriteError(this.display, e);
    } finally {
      this.clients.delete(trx);
      client.release();
    }
  }

  async bulkWriter(trx: Db, vault: Vault, intake: Intake, opts: BulkOptions): Promise<ItemBulkWriter> {
    const client = this.clients.get(trx);
    if (!client) throw new Error('postgres bulk writer: not inside Registry.write');
    return postgresBulkWriter(client, vault, intake, opts);
  }

  async readRows(db: Db, table: string, columns: readonly string[], afterId: number, limit: number): Promise<unknown[][]> {
    const query = { text: `SELECT ${columns.join(', ')} FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, values: [afterId, limit], rowMode: 'array' as const };
    // Inside a write, on its own connection (it sees the write's changes); else any pooled one.
    const client = this.clients.get(db);
    return (client ? await client.query(query) : await this.pool.query(query)).rows as unknown[][];
  }

  /** A server registry is backed up with pg_dump; this says the exact command. */
  async backup(dest: string): Promise<BackupResult> {
    const u = new URL(this.url);
    const password = u.password;
    u.password = '';
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const env = password ? 'PGPASSWORD=… ' : '';
    return { kind: 'command', command: `${env}pg_dump --format=custom --no-owner --file=${quote(dest)} ${quote(u.toString())}` };
  }

  /** Copies rows into a table with COPY inside a running write (migrate-to, bulk paths). */
  async copyInto(trx: Db, table: string, columns: readonly string[], text: string): Promise<void> {
    const client = this.clients.get(trx);
    if (!client) throw new Error('postgres copy: not inside Registry.write');
    const { from } = await import('pg-copy-streams');
    await pipeline(Readable.from([text]), client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** A Kysely instance over one checked-out client (the transaction's), whose release is the engine's. */
function oneClientKysely(client: pg.PoolClient): Db {
  const pool: PostgresPool = {
    connect: async () => ({
      query: client.query.bind(client) as never,
      release: () => undefined,
    }),
    end: async () => undefined,
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const URL_HINT = say('检查 --db 或 XINFANG_DB 中的 PostgreSQL 地址（postgres://用户:密码@主机:端口/数据库）', 'check the PostgreSQL URL in --db or XINFANG_DB (postgres://user:password@host:port/database)');

/** A connection that failed becomes one clear line (exit 2). */
export function postgresConnectError(display: string, e: unknown): XinfangError {
  if (e instanceof XinfangError) return e;
  switch (storeFault(e)) {
    case 'unreachable':
      return usageError(say(`连不上 PostgreSQL 服务器：${display}（没有响应或拒绝连接）`, `cannot reach the PostgreSQL server: ${display} (no answer, or the connection was refused)`), URL_HINT);
    case 'timeout':
      return usageError(say(`连接 PostgreSQL 服务器超时：${display}`, `timed out connecting to the PostgreSQL server: ${display}`), URL_HINT);
    case 'auth':
      return usageError(say(`PostgreSQL 拒绝登录：用户名或密码不对（${display}）`, `PostgreSQL refused the login: wrong user or password (${display})`), URL_HINT);
    case 'no-database':
      return usageError(
        say(`PostgreSQL 服务器上没有这个数据库：${display}`, `the PostgreSQL server has no such database: ${display}`),
        say('先由管理员建库（CREATE DATABASE ...），再运行 xinfang init', 'have the administrator create it (CREATE DATABASE ...), then run `xinfang init`'),
      );
    default: {
      const m = (e as Error)?.message ?? String(e);
      return usageError(say(`无法连接 PostgreSQL 登记库 ${display}：${m}`, `cannot connect to the PostgreSQL registry ${display}: ${m}`), URL_HINT);
    }
  }
}

function postgresWriteError(display: string, e: unknown): unknown {
  switch (storeFault(e)) {
    case 'unreachable': case 'timeout': case 'auth': case 'no-database':
      return postgresConnectError(display, e);
    case 'readonly':
      return usageError(say(`登记库 ${display} 是只读的，不能写入`, `the registry ${display} is read-only`));
    default:
      return e;
  }
}

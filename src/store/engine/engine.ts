// What differs between the two engines, behind one interface (after Kysely's own dialect split):
// opening and configuring a connection, the write transaction and its lock, the bulk writer,
// backups, and closing. Everything else in the store is Kysely queries that both engines run.

import type { Kysely } from 'kysely';
import type { BulkOptions, Intake, ItemBulkWriter } from '../bulk.js';
import type { Database, Dialect } from '../schema.js';
import type { Vault } from '../vault.js';

export type Db = Kysely<Database>;

export type BackupResult =
  | { kind: 'copied'; path: string; bytes: number }
  /** A server registry is backed up by the server's own tool: the command to run. */
  | { kind: 'command'; command: string };

export interface Engine {
  readonly dialect: Dialect;
  readonly db: Db;
  /** The location for messages: a file path, or a URL without its password. */
  readonly display: string;
  /**
   * Runs `fn` in one transaction holding the registry's one write lock for its whole length, so
   * that writers queue (and max()+1 allocation is safe, see ids.ts): all of it or nothing.
   */
  write<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** A bulk writer on the transaction `trx` of a running `write`. */
  bulkWriter(trx: Db, vault: Vault, intake: Intake, opts: BulkOptions): Promise<ItemBulkWriter>;
  /**
   * Up to `limit` rows of `table` with an id above `afterId`, in id order, each as an array of
   * `columns` (names from the store's own lists, never from input): a full scan without an object
   * per row (audit verify reads a million). `db` is the registry or a running write's transaction,
   * whose own changes the read sees.
   */
  readRows(db: Db, table: string, columns: readonly string[], afterId: number, limit: number): Promise<unknown[][]>;
  backup(dest: string): Promise<BackupResult>;
  close(): Promise<void>;
}

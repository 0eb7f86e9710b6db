// Recognising what went wrong in a database driver, by the drivers' own error codes (never by
// message text): better-sqlite3's SqliteError.code ('SQLITE_BUSY', 'SQLITE_READONLY_…'), pg's
// DatabaseError.code (SQLSTATE, e.g. '28P01'), and Node's socket errors (ECONNREFUSED, …).
// No driver is imported here, so the command line can use it on any error.

export type StoreFault =
  | 'busy' // another writer held the lock past the wait
  | 'readonly' // the registry (file, folder or server) cannot be written
  | 'not-a-database' // the file is not an SQLite database
  | 'cannot-open' // the file or its folder cannot be opened
  | 'corrupt'
  | 'undefined-table' // the database has no such table: not an xinfang registry
  | 'unique' // a unique key was violated
  | 'unreachable' // no server answers at that address
  | 'auth' // the server refused the user or password
  | 'no-database' // the server has no database of that name
  | 'timeout'; // the server did not answer in time

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** What kind of store failure `e` is, or undefined when it is none we know. */
export function storeFault(e: unknown): StoreFault | undefined {
  const code = codeOf(e);
  if (code === undefined) {
    // pg reports a connection timeout as a plain Error (no code) from its own timer.
    const m = (e as Error | null)?.message ?? '';
    return e instanceof Error && /^(timeout expired|Connection terminated due to connection timeout)/.test(m) ? 'timeout' : undefined;
  }
  if (code.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'readonly';
    if (code === 'SQLITE_NOTADB') return 'not-a-database';
    if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot-open';
    if (code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
    return undefined;
  }
  switch (code) {
    case '23505': return 'unique';
    case '42P01': return 'undefined-table';
    case '28P01': case '28000': return 'auth';
    case '3D000': return 'no-database';
    case '55P03': case '40P01': return 'busy';
    case '25006': return 'readonly';
    case '57P03': case 'ECONNREFUSED': case 'ENOTFOUND': case 'EHOSTUNREACH': case 'ENETUNREACH': case 'EAI_AGAIN': case 'ECONNRESET':
      return 'unreachable';
    case 'ETIMEDOUT': return 'timeout';
    case 'EACCES': case 'EROFS': case 'EPERM': return 'readonly';
    default: return undefined;
  }
}

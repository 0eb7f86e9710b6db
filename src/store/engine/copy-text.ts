// PostgreSQL's COPY text format, for the rows the store sends by COPY (the bulk writer, migrate-to).

/**
 * One value as a COPY text field: null as \N; numbers as digits; bytes as bytea hex (\\x…, the
 * backslash itself escaped); text with backslash, newline, carriage return and tab escaped.
 */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  const s = String(v);
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : s;
}

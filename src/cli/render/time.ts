// Timestamps are stored in UTC; people read them on their own clock.

export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * A recorded-time bound (`--as-known-at`, stored as an ISO instant in UTC, often ending in .999 so
 * that a time given to the minute or second includes it whole) on the reader's own clock, as the
 * clerk would type it: `2026-12-01 00:30`, with `:ss` only when the seconds are not zero
 * (the end of a day shows as `2026-11-30 23:59:59`). Milliseconds are never shown. Unparseable
 * text is returned unchanged.
 */
export function localRecordedTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.getSeconds() === 0 ? base : `${base}:${p(d.getSeconds())}`;
}

// How sizes, times and dates read in the console.

const units = ['B', 'KB', 'MB', 'GB'];

/** 26143 → "25.5 KB" (1 KB = 1024 bytes, as docs/errors.md counts). */
export function bytes(count) {
  if (count === null || count === undefined) return '—';
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** "1200 × 900 px". */
export function pixels(width, height) {
  return width && height ? `${width} × ${height} px` : '—';
}

/** 1.234 → "1.23 s", 0.05 → "50 ms". */
export function seconds(value) {
  if (value === null || value === undefined) return '—';
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
}

/** An instant in the reader's locale, or "—". */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** The statuses a job ends in. */
export const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired']);

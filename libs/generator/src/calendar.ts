/** UTC day arithmetic on epoch milliseconds; no time zones, no wall clock. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const DAYS_PER_YEAR = 365.2425;

/** Days since 1970-01-01 (UTC) of an epoch-ms instant. */
export function dayNumber(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/** Epoch ms of 00:00 UTC of a day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS;
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday (3). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  return weekdayOf(day) >= 5;
}

/** Approximate day of the year (0-based, fractional), good enough for smooth seasonality. */
export function dayOfYear(day: number): number {
  const d = day % DAYS_PER_YEAR;
  return d < 0 ? d + DAYS_PER_YEAR : d;
}

// Calendar days in a time zone. Spend is reported per day in the configured zone, so day boundaries are the
// zone's midnights, which move with daylight saving time.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function wallClock(at: Date, timezone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The calendar day (YYYY-MM-DD) `at` falls on in `timezone`. */
export function dayInZone(at: Date, timezone: string): string {
  const p = wallClock(at, timezone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Milliseconds the zone is ahead of UTC at instant `at`. */
function zoneOffsetMs(at: Date, timezone: string): number {
  const p = wallClock(at, timezone);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant `day` begins in `timezone` (its local midnight). */
export function startOfDayInZone(day: string, timezone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Two rounds settle the offset when midnight is near a daylight-saving change.
  let guess = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timezone);
  guess = midnightUtc - zoneOffsetMs(new Date(guess), timezone);
  return new Date(guess);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every day from `from` (inclusive) to `to` (exclusive). */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The earlier of two YYYY-MM-DD days (ISO dates order as text). */
export function earlierDay(a: string, b: string): string {
  return a.localeCompare(b) <= 0 ? a : b;
}

/** The later of two YYYY-MM-DD days. */
export function laterDay(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}

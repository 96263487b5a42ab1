// Simulated time. The clock starts at the `now` the server was given and only moves when told to
// (POST /_sim/advance), so every answer is reproducible regardless of how long a test takes.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export class SimClock {
  private advancedMs = 0;

  constructor(readonly origin: Date) {}

  now(): Date {
    return new Date(this.origin.getTime() + this.advancedMs);
  }

  nowMs(): number {
    return this.origin.getTime() + this.advancedMs;
  }

  advanceHours(hours: number): void {
    this.advancedMs += hours * HOUR_MS;
  }

  reset(): void {
    this.advancedMs = 0;
  }

  /** A moment given relative to the scenario's origin, e.g. "started 40 hours ago". */
  hoursBeforeOrigin(hours: number): Date {
    return new Date(this.origin.getTime() - hours * HOUR_MS);
  }
}

export function startOfUtcHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** YYYY-MM-DD of the UTC day containing the instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** RFC 3339 as Google writes it (UTC, with a Z). */
export function rfc3339(date: Date | number): string {
  return new Date(date).toISOString();
}

/** "3600s" → 3600; proto3 JSON durations are decimal seconds with an "s". */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

import cron from 'node-cron';

const MINUTE_MS = 60_000;

/** Tells whether a cron expression fires at an instant, in a time zone (node-cron's own matching). */
export type CronMatcher = (at: Date) => boolean;

/** A matcher using node-cron's parser and time-zone rules, so due times agree with what node-cron fires. */
export function cronMatcher(expression: string, timeZone: string): CronMatcher {
  const probe = cron.createTask(expression, () => undefined, {
    timezone: timeZone,
    name: `probe:${expression}`,
  });
  const matches = (at: Date) => probe.match(at);
  // The probe is never started; it only answers match(). Remove it from node-cron's registry right away.
  void probe.destroy();
  return matches;
}

/**
 * The latest instant at or before `now` (whole minutes, second 0) when the expression fired, looking back at
 * most `lookbackMs`; null when it did not fire in that window.
 */
export function lastDueAt(matches: CronMatcher, now: Date, lookbackMs: number): Date | null {
  const newest = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let at = newest; at >= now.getTime() - lookbackMs; at -= MINUTE_MS) {
    const candidate = new Date(at);
    if (matches(candidate)) return candidate;
  }
  return null;
}

/** Whether a cron expression is valid for node-cron (5 or 6 fields). */
export function validCron(expression: string): boolean {
  return cron.validate(expression);
}

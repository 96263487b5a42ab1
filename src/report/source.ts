import type { Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { estimateSpend } from '../spend/estimateSpend.js';
import { type Day, formatDay } from '../time/days.js';

/** Says where a figure over [start, end) comes from. */
export interface FigureSource {
  /** Last day covered by the billing export, or null when none. */
  actualThrough: Day | null;
  /** Days of the period after actualThrough whose spend is an estimate from catalog prices (empty = none). */
  estimatedDays: Day[];
}

/** "billing export through Oct 25" / "billing export through Oct 24, Oct 25 estimated from catalog prices". */
export function describeSource(source: FigureSource): string {
  const actual = source.actualThrough
    ? `billing export through ${formatDay(source.actualThrough)}`
    : 'no billing export data';
  const first = source.estimatedDays[0];
  const last = source.estimatedDays[source.estimatedDays.length - 1];
  if (!first || !last) return actual;
  const span = first === last ? formatDay(first) : `${formatDay(first)}–${formatDay(last)}`;
  // Worded as spend answers word it, so the same days read the same everywhere.
  return `${actual}; ${span} estimated from catalog prices (not billed yet)`;
}

/**
 * Estimated spend per day for days the billing export does not cover yet, from catalog prices of the resources
 * that ran (src/pricing). Days it cannot estimate are absent.
 */
export type SpendEstimator = (fromDay: Day, toDay: Day, scope?: Scope) => Map<Day, number>;

/** No estimate: figures after the actual-through day are left out (and said to be). */
export const noEstimate: SpendEstimator = () => new Map();

/** The pricing module's estimate (stored hourly prices × hours run), summed per day; nothing past `now`. */
export function catalogEstimator(store: Store, timezone: string, now: Date): SpendEstimator {
  return (fromDay, toDay, scope) => {
    const estimate = estimateSpend({
      store,
      fromDay,
      toDay,
      timezone,
      now,
      ...(scope ? { scope: { projects: scope.projects, labels: scope.labels } } : {}),
    });
    const byDay = new Map<Day, number>();
    for (const row of estimate.rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.amount);
    return byDay;
  };
}

import type { Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { billingBreakdown } from '../db/queries/billingReads.js';
import { actualThrough as billedThrough } from '../spend/actualThrough.js';
import {
  addDays,
  addMonths,
  type Day,
  dayInZone,
  eachDay,
  formatDay,
  isoWeekday,
  startOfMonth,
} from '../time/days.js';
import { mean, stddev } from './aggregate.js';
import { noEstimate, type SpendEstimator } from './source.js';

// Weeks of history the weekday-aware run rate averages over.
const RUN_RATE_WEEKS = 4;
// z for a two-sided 80 % range: wide enough to be honest, narrow enough to act on.
const RANGE_Z = 1.2816;

export interface MonthForecast {
  /** YYYY-MM */
  month: string;
  start: Day;
  /** Exclusive: the first day of the next month. */
  end: Day;
  today: Day;
  actualThrough: Day | null;
  /** Billing-export spend in the month up to actualThrough. */
  actualToDate: number;
  /** Catalog-price estimate for completed days the export does not cover yet. */
  estimated: number;
  estimatedDays: Day[];
  /** Weekday-aware run rate for the rest of the month (today included). */
  projected: number;
  projectedDays: Day[];
  /** actualToDate + estimated + projected, unrounded. */
  forecast: number;
  low: number;
  high: number;
  /** Days of history behind the run rate; 0 means the projection is 0 for want of data. */
  historyDays: number;
  /** One line saying how the figure was made. */
  basis: string;
}

export interface ProjectInput {
  /** Billing-export daily totals (any days; those after actualThrough are ignored). */
  actualByDay: ReadonlyMap<Day, number>;
  actualThrough: Day | null;
  /** Estimates for days after actualThrough (ignored elsewhere). */
  estimatedByDay: ReadonlyMap<Day, number>;
  today: Day;
}

/** Pure month-end projection for the month `today` falls in. */
export function projectMonthEnd(input: ProjectInput): MonthForecast {
  const { today, actualThrough } = input;
  const start = startOfMonth(today);
  const end = addMonths(start, 1);
  const cutoff = actualThrough && actualThrough < today ? actualThrough : addDays(today, -1);

  let actualToDate = 0;
  for (const day of eachDay(start, addDays(cutoff, 1))) actualToDate += input.actualByDay.get(day) ?? 0;

  const estimatedDays: Day[] = [];
  let estimated = 0;
  const projectedDays: Day[] = [];
  for (const day of eachDay(laterDay(addDays(cutoff, 1), start), end)) {
    const estimate = day < today ? input.estimatedByDay.get(day) : undefined;
    if (estimate !== undefined) {
      estimatedDays.push(day);
      estimated += estimate;
    } else {
      projectedDays.push(day);
    }
  }

  // History: the complete weeks before the cutoff, actual figures only.
  const historyStart = addDays(cutoff, 1 - RUN_RATE_WEEKS * 7);
  const history = eachDay(historyStart, addDays(cutoff, 1))
    .filter((d) => input.actualByDay.has(d))
    .map((d) => ({ day: d, cost: input.actualByDay.get(d) ?? 0 }));
  const byWeekday = new Map<number, number[]>();
  for (const h of history) {
    const list = byWeekday.get(isoWeekday(h.day)) ?? [];
    list.push(h.cost);
    byWeekday.set(isoWeekday(h.day), list);
  }
  const overall = history.length > 0 ? mean(history.map((h) => h.cost)) : 0;
  const rateFor = (day: Day) => {
    const same = byWeekday.get(isoWeekday(day));
    return same && same.length > 0 ? mean(same) : overall;
  };
  const residuals = history.map((h) => h.cost - rateFor(h.day));
  const sigma = residuals.length >= 2 ? stddev(residuals) : overall * 0.25;

  let projected = 0;
  for (const day of projectedDays) projected += rateFor(day);
  const point = actualToDate + estimated + projected;
  const halfWidth = RANGE_Z * sigma * Math.sqrt(projectedDays.length);
  const floor = actualToDate + estimated;

  const parts = [
    actualThrough ? `actual through ${formatDay(cutoff)}` : 'no billing data yet',
    estimatedDays.length > 0 ? `${describeDays(estimatedDays)} estimated from catalog prices` : null,
    projectedDays.length > 0
      ? `${describeDays(projectedDays)} projected from the ${RUN_RATE_WEEKS}-week weekday run rate (${history.length} days of history)`
      : null,
  ].filter((p): p is string => p !== null);

  return {
    month: start.slice(0, 7),
    start,
    end,
    today,
    actualThrough,
    actualToDate,
    estimated,
    estimatedDays,
    projected,
    projectedDays,
    forecast: point,
    low: Math.max(floor, point - halfWidth),
    high: point + halfWidth,
    historyDays: history.length,
    basis: parts.join('; '),
  };
}

function laterDay(a: Day, b: Day): Day {
  return a.localeCompare(b) >= 0 ? a : b;
}

function describeDays(days: readonly Day[]): string {
  const first = days[0]!;
  const last = days[days.length - 1]!;
  return first === last ? formatDay(first) : `${formatDay(first)}–${formatDay(last)}`;
}

export interface ForecastOptions {
  store: Store;
  timezone: string;
  now: Date;
  scope?: Scope;
  estimate?: SpendEstimator;
}

/** Month-end forecast for the month `now` falls in (config.timezone), from the store. */
export function forecastMonthEnd(opts: ForecastOptions): MonthForecast {
  const today = dayInZone(opts.now, opts.timezone);
  const from = addDays(startOfMonth(today), -(RUN_RATE_WEEKS + 1) * 7);
  // Daily totals, summed by SQL from the rollups: the forecast needs nothing finer.
  const daily = billingBreakdown(opts.store, {
    start: from,
    end: addDays(today, 1),
    projects: opts.scope?.projects,
    labels: opts.scope?.labels,
  }).daily;
  const actualThrough = billedThrough(opts.store.sqlite, today);
  const actualByDay = new Map([...daily].filter(([day]) => actualThrough === null || day <= actualThrough));
  const estimateFrom = actualThrough ? addDays(actualThrough, 1) : startOfMonth(today);
  const estimatedByDay =
    estimateFrom < today
      ? (opts.estimate ?? noEstimate)(estimateFrom, today, opts.scope)
      : new Map<Day, number>();
  return projectMonthEnd({ actualByDay, actualThrough, estimatedByDay, today });
}

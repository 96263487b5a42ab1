// How far to trust the estimated days: each day's catalog estimate, per kind, is recorded after every sync while
// the day is not billed yet, and kept once the billing export is actual for it, so the two can be set side by
// side. The error is (estimated − billed) / billed over the days that have both.

import type { Store } from '../db/open.js';
import { billedByDayAndKind } from '../db/queries/billingReads.js';
import { estimatesBetween, replaceDayEstimates } from '../db/queries/estimates.js';
import { inTransaction } from '../db/rows.js';
import { ESTIMATED_KINDS, SPEND_KINDS, type SpendKind } from '../domain/kinds.js';
import { addDays, type Day, dayInZone, startOfWeek } from '../time/days.js';
import { actualThrough } from './actualThrough.js';
import { dailyResourceCosts } from './resourceCosts.js';

// Days back an estimate is still recorded: more than an export lags, few enough to cost little per sync.
const RECORD_DAYS_BACK = 14;
// Days the longer window of the accuracy report covers.
const LONG_WINDOW_DAYS = 30;

/**
 * Records the estimate of every whole day after the export's actual-through day (up to yesterday), per kind,
 * as answers show it now. Days already actual keep what was recorded last. Returns the days recorded.
 */
export function recordDailyEstimates(store: Store, opts: { timezone: string; now: Date }): number {
  const today = dayInZone(opts.now, opts.timezone);
  const through = actualThrough(store.sqlite, today);
  // Without billing data there is nothing an estimate will be compared with.
  if (through === null) return 0;
  const from = laterDay(addDays(through, 1), addDays(today, -RECORD_DAYS_BACK));
  if (from >= today) return 0;
  const days = dailyResourceCosts({
    store,
    fromDay: from,
    toDay: today,
    timezone: opts.timezone,
    now: opts.now,
  });
  const at = opts.now.toISOString();
  inTransaction(store, () => {
    for (const { day, costs } of days) {
      const byKind = new Map<SpendKind, { estimated: number; unpriced: number }>();
      for (const r of costs) {
        const entry = byKind.get(r.kind) ?? { estimated: 0, unpriced: 0 };
        if (r.cost === null) entry.unpriced += 1;
        else entry.estimated += r.cost;
        byKind.set(r.kind, entry);
      }
      const rows = [...byKind].map(([kind, e]) => ({ day, kind, ...e }));
      replaceDayEstimates(store.sqlite, day, rows, at);
    }
  });
  return days.length;
}

export interface KindAccuracy {
  kind: SpendKind;
  estimated: number;
  billed: number;
  /** (estimated − billed) / billed; null when nothing was billed. */
  error: number | null;
}

export interface AccuracyWindow {
  start: Day;
  /** Exclusive. */
  end: Day;
  /** Days of the window that have both an estimate and billed figures. */
  days: number;
  estimated: number;
  billed: number;
  error: number | null;
  byKind: KindAccuracy[];
}

export interface EstimateAccuracy {
  lastWeek: AccuracyWindow;
  last30Days: AccuracyWindow;
  /** Percent the estimates may be off before they are said to drift. */
  tolerancePercent: number;
  /** The last 30 days' estimates are off by more than the tolerance. */
  drifting: boolean;
  /** Kinds off by more than the tolerance over the last 30 days, the largest difference first. */
  driftingKinds: KindAccuracy[];
}

/**
 * The estimates' error over last week and the last 30 days, by kind, and whether they drift: of the kinds
 * estimated (generative AI never is), or of `kind` alone.
 */
export function estimateAccuracy(
  store: Store,
  opts: { today: Day; tolerancePercent: number; kind?: SpendKind },
): EstimateAccuracy {
  const { today, tolerancePercent } = opts;
  const kinds = ESTIMATED_KINDS.filter((k) => opts.kind === undefined || k === opts.kind);
  const through = actualThrough(store.sqlite, today);
  const monday = startOfWeek(today);
  const lastWeek = accuracyOver(store, addDays(monday, -7), monday, through, kinds);
  const last30Days = accuracyOver(store, addDays(today, -LONG_WINDOW_DAYS), today, through, kinds);
  const tolerance = tolerancePercent / 100;
  const beyond = (e: { estimated: number; error: number | null }) =>
    e.error === null ? e.estimated > 0 : Math.abs(e.error) > tolerance;
  return {
    lastWeek,
    last30Days,
    tolerancePercent,
    drifting: last30Days.days > 0 && beyond(last30Days),
    driftingKinds: last30Days.byKind
      .filter(beyond)
      .sort((a, b) => Math.abs(b.estimated - b.billed) - Math.abs(a.estimated - a.billed)),
  };
}

function accuracyOver(
  store: Store,
  start: Day,
  end: Day,
  through: Day | null,
  kinds: readonly SpendKind[],
): AccuracyWindow {
  const estimated = new Map<SpendKind, number>();
  const days = new Set<Day>();
  if (through !== null) {
    for (const e of estimatesBetween(store.sqlite, start, end)) {
      const kind = SPEND_KINDS.find((k) => k === e.kind) ?? 'other';
      if (e.day > through || !kinds.includes(kind)) continue;
      days.add(e.day);
      estimated.set(kind, (estimated.get(kind) ?? 0) + e.estimated);
    }
  }
  const billed = new Map<SpendKind, number>();
  if (days.size > 0) {
    for (const b of billedByDayAndKind(store.sqlite, start, end)) {
      if (days.has(b.day)) billed.set(b.kind, (billed.get(b.kind) ?? 0) + b.cost);
    }
  }
  const byKind = kinds
    .map((kind) => ({
      kind,
      estimated: estimated.get(kind) ?? 0,
      billed: billed.get(kind) ?? 0,
    }))
    .filter((k) => k.estimated !== 0 || k.billed !== 0)
    .map((k) => ({ ...k, error: errorOf(k.estimated, k.billed) }));
  const totalEstimated = byKind.reduce((sum, k) => sum + k.estimated, 0);
  const totalBilled = byKind.reduce((sum, k) => sum + k.billed, 0);
  return {
    start,
    end,
    days: days.size,
    estimated: totalEstimated,
    billed: totalBilled,
    error: errorOf(totalEstimated, totalBilled),
    byKind,
  };
}

function errorOf(estimated: number, billed: number): number | null {
  return billed === 0 ? null : (estimated - billed) / billed;
}

function laterDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

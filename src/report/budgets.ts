import type { BudgetConfig, Config, Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { Period } from '../domain/dimensions.js';
import { actualThrough as billedThrough } from '../spend/actualThrough.js';
import { spendFigures } from '../spend/spendFigures.js';
import { addDays, type Day, dayInZone, startOfMonth } from '../time/days.js';
import { forecastMonthEnd, type MonthForecast } from './forecast.js';
import type { SpendEstimator } from './source.js';

/** What a budget has spent this month: the figure "spend this month" gives for the budget's scope. */
export interface MonthSpent {
  /** The month so far: its first day through today. */
  period: Period;
  total: number;
  actualThrough: Day | null;
  /** Days of the period counted from catalog-price estimates. */
  estimatedDays: Day[];
}

export interface BudgetStatus {
  name: string;
  /** The billing account's currency, the budget's amount and spend are in it. */
  currency: string;
  budget: BudgetConfig;
  month: string;
  monthlyAmount: number;
  /** Spent so far this month: billing actuals plus the catalog estimate for days not billed yet. */
  spentToDate: number;
  /** The period and source of spentToDate, when it was read as a spend figure (same cut-off as spend answers). */
  spent: MonthSpent | null;
  forecast: MonthForecast;
  /** Month-end forecast, never below what is already spent. */
  forecastTotal: number;
  /** spentToDate / monthlyAmount. */
  spentShare: number;
  forecastShare: number;
  /** Thresholds (percent) the spend so far has reached, ascending. */
  crossedBySpend: number[];
  /** Thresholds the month-end forecast reaches, ascending. */
  crossedByForecast: number[];
}

/**
 * Pure: a budget's position given its month forecast and, when read, what the month has spent so far (else the
 * forecast's complete days are what is spent).
 */
export function evaluateBudget(
  budget: BudgetConfig,
  forecast: MonthForecast,
  currency: string,
  spent: MonthSpent | null = null,
): BudgetStatus {
  const spentToDate = spent ? spent.total : forecast.actualToDate + forecast.estimated;
  // Today's spend so far is in the spent figure and, as a whole day's run rate, in the forecast: the forecast
  // can then only fall short of it by part of a day, and a month never ends below what it has spent.
  const forecastTotal = Math.max(forecast.forecast, spentToDate);
  const spentShare = spentToDate / budget.monthlyAmount;
  const forecastShare = forecastTotal / budget.monthlyAmount;
  const thresholds = [...budget.thresholds].sort((a, b) => a - b);
  return {
    name: budget.name,
    currency,
    budget,
    month: forecast.month,
    monthlyAmount: budget.monthlyAmount,
    spentToDate,
    spent,
    forecast,
    forecastTotal,
    spentShare,
    forecastShare,
    crossedBySpend: thresholds.filter((t) => spentShare * 100 >= t),
    crossedByForecast: thresholds.filter((t) => forecastShare * 100 >= t),
  };
}

export interface BudgetStatusOptions {
  store: Store;
  config: Pick<Config, 'budgets' | 'timezone' | 'currency'>;
  now: Date;
  estimate?: SpendEstimator;
  /** Only the budget with this name (case-insensitive). */
  name?: string;
}

/** Spend this month so far in a scope, read as spend answers read it (one cut-off rule for both). */
export function monthSpent(store: Store, timezone: string, now: Date, scope: Scope): MonthSpent {
  const today = dayInZone(now, timezone);
  const actualThrough = billedThrough(store.sqlite, today);
  const period = { start: startOfMonth(today), end: addDays(today, 1) };
  const figures = spendFigures(
    { store, timezone, now, today, actualThrough, scopeProjects: scope.projects },
    period,
    { labels: scope.labels },
  );
  return { period, total: figures.total, actualThrough, estimatedDays: figures.estimatedDays };
}

/** Every configured budget (or the one named) with spend so far and month-end forecast. */
export function budgetStatus(opts: BudgetStatusOptions): BudgetStatus[] {
  const wanted = opts.name?.toLowerCase();
  return opts.config.budgets
    .filter((b) => wanted === undefined || b.name.toLowerCase() === wanted)
    .map((budget) =>
      evaluateBudget(
        budget,
        forecastMonthEnd({
          store: opts.store,
          timezone: opts.config.timezone,
          now: opts.now,
          scope: budget.scope,
          ...(opts.estimate ? { estimate: opts.estimate } : {}),
        }),
        opts.config.currency,
        monthSpent(opts.store, opts.config.timezone, opts.now, budget.scope),
      ),
    );
}

export type BudgetBasis = 'spent' | 'forecast';

export interface BudgetCrossing {
  status: BudgetStatus;
  basis: BudgetBasis;
  /** The highest threshold newly crossed on this basis. */
  threshold: number;
  /** Notification keys to record (every crossed threshold, so lower ones are not sent later). */
  keys: string[];
}

/** Key of a budget notification: once per budget, month, basis and threshold. */
export function budgetNotificationKey(
  name: string,
  month: string,
  basis: BudgetBasis,
  threshold: number,
): string {
  return `budget:${name}:${month}:${basis}:${threshold}`;
}

/**
 * Pure: which crossings still need an alert, given the keys already sent. Only the highest new threshold per
 * basis alerts; the lower ones it implies are recorded with it so they never alert afterwards.
 */
export function newBudgetCrossings(
  statuses: readonly BudgetStatus[],
  alreadySent: (key: string) => boolean,
): BudgetCrossing[] {
  const out: BudgetCrossing[] = [];
  for (const status of statuses) {
    for (const basis of ['spent', 'forecast'] as const) {
      const crossed = basis === 'spent' ? status.crossedBySpend : status.crossedByForecast;
      const keys = crossed.map((t) => budgetNotificationKey(status.name, status.month, basis, t));
      const fresh = keys.filter((k) => !alreadySent(k));
      const top = crossed[crossed.length - 1];
      if (fresh.length === 0 || top === undefined) continue;
      // A forecast alert adds nothing once the spend itself has crossed the same threshold.
      if (basis === 'forecast' && status.crossedBySpend.includes(top)) continue;
      out.push({ status, basis, threshold: top, keys: fresh });
    }
  }
  return out;
}

import type { BudgetConfig, Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { forecastMonthEnd, type MonthForecast } from './forecast.js';
import type { SpendEstimator } from './source.js';

export interface BudgetStatus {
  name: string;
  /** The billing account's currency, the budget's amount and spend are in it. */
  currency: string;
  budget: BudgetConfig;
  month: string;
  monthlyAmount: number;
  /** Spent so far this month: billing actuals plus the catalog estimate for days not billed yet. */
  spentToDate: number;
  forecast: MonthForecast;
  /** spentToDate / monthlyAmount. */
  spentShare: number;
  forecastShare: number;
  /** Thresholds (percent) the spend so far has reached, ascending. */
  crossedBySpend: number[];
  /** Thresholds the month-end forecast reaches, ascending. */
  crossedByForecast: number[];
}

/** Pure: a budget's position given its month forecast. */
export function evaluateBudget(
  budget: BudgetConfig,
  forecast: MonthForecast,
  currency: string,
): BudgetStatus {
  const spentToDate = forecast.actualToDate + forecast.estimated;
  const spentShare = spentToDate / budget.monthlyAmount;
  const forecastShare = forecast.forecast / budget.monthlyAmount;
  const thresholds = [...budget.thresholds].sort((a, b) => a - b);
  return {
    name: budget.name,
    currency,
    budget,
    month: forecast.month,
    monthlyAmount: budget.monthlyAmount,
    spentToDate,
    forecast,
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

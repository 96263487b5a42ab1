// Rates: the average spend per whole day of a period. Today is not over, so it stays out of the average (the
// period's total keeps it), and so do days before the billing data begins: neither is a whole day's spend.
import type { Dimension } from '../../domain/dimensions.js';
import { formatMoney } from '../../money/format.js';
import { type SpendEnv, type SpendFigures, spendFigures } from '../../spend/spendFigures.js';
import { type Day, daysBetween, earlierDay, formatRange, laterDay } from '../../time/days.js';
import type { AskFilters, Period } from '../types.js';

/** What a spend answer's figures are divided by: one for totals, the whole days for an average per day. */
export interface FigureBasis {
  figures: SpendFigures;
  /** 1 for a total; the number of whole days for an average per day. */
  days: number;
}

export interface DailyAverage extends FigureBasis {
  /** The whole days averaged over. */
  window: Period;
  /** The average per whole day, unrounded. */
  average: number;
}

/** The whole days of a period: before today, from the first day with billing data; null when there are none. */
export function wholeDays(period: Period, today: Day, dataStart: Day | null): Period | null {
  const start = dataStart === null ? period.start : laterDay(period.start, dataStart);
  const end = earlierDay(period.end, today);
  return start < end ? { start, end } : null;
}

/**
 * The average per whole day of a period, from its figures when they cover exactly those days, else from a read
 * of the whole days alone (so a group's average is its own, not its share of a total with today in it).
 */
export function dailyAverage(
  env: SpendEnv,
  period: Period,
  figures: SpendFigures,
  filters: AskFilters,
  grouping: readonly Dimension[],
  dataStart: Day | null,
): DailyAverage | null {
  const window = wholeDays(period, env.today, dataStart);
  if (window === null) return null;
  const same = window.start === period.start && window.end === period.end;
  const windowFigures = same ? figures : spendFigures(env, window, filters, grouping);
  const days = daysBetween(window.start, window.end);
  return { window, days, figures: windowFigures, average: windowFigures.total / days };
}

/** The line that says which days an average is over, and the period's total beside it. */
export function averageLine(average: DailyAverage, period: Period, total: number, today: Day): string {
  const days = `${average.days} whole day${average.days === 1 ? '' : 's'}`;
  const { window } = average;
  if (window.start === period.start && window.end === period.end)
    return `Averaged over ${days}; ${formatMoney(total)} in total.`;
  const withToday = period.end > today;
  const range = formatRange(window.start, window.end, Number(today.slice(0, 4)));
  return `Averaged over the ${days} ${range}${withToday ? ' (today is not over)' : ''}; ${formatMoney(total)} in total for the period${withToday ? ', today so far included' : ''}.`;
}

/** What a rate over a period without a whole day says instead of an average. */
export function noWholeDayLine(total: number): string {
  return `${formatMoney(total)} so far; no whole day to average over yet (today is not over).`;
}

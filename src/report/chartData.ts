// What a chart beside an answer shows, as plain values: the ask layer fills them, the renderer (chart.ts) draws
// them, delivery uploads the picture. Amounts are unrounded, as everywhere before display.
import type { Day } from '../time/days.js';

/** One bar: a key's spend in the period asked about and, for a comparison, in the period compared. */
export interface ChartBar {
  key: string;
  current: number;
  /** Null when the chart compares nothing. */
  previous: number | null;
}

/** Spend by key (a grouped answer, App Home's month by kind): a bar per key, two when two periods are compared. */
export interface BarChartData {
  type: 'bars';
  /** What the chart shows, in words and dates ("Vertex AI spend by team, this month (Nov 1 – Nov 28)"). */
  title: string;
  /** Totals over the period, or averages per whole day (a rate question). */
  unit: 'total' | 'perDay';
  /** The period asked about ("Nov 1 – Nov 28"), as the legend names it. */
  currentLabel: string;
  /** The period compared against, or null when there is no comparison. */
  previousLabel: string | null;
  bars: ChartBar[];
  /** Keys the answer has beyond the bars drawn (the text lists them as "…and N more"). */
  omitted: number;
}

/** Spend per day over a period (a rate question), with the average per whole day as a line. */
export interface DailySeriesData {
  type: 'daily';
  title: string;
  days: Array<{ day: Day; cost: number /** A catalog estimate, not billed yet. */; estimated: boolean }>;
  /** The average per whole day and the days it is over ([start, end)); null when there is none. */
  average: { value: number; start: Day; end: Day } | null;
}

export type ChartData = BarChartData | DailySeriesData;

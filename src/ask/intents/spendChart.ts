// The chart a spend answer carries beside its text: bars by key when the answer lists two rows or more (and, in a
// comparison, the period compared), or the spend per day for a rate. A single figure gets no chart: the text says
// it all. Values only; delivery draws and posts them.
import type { BarChartData, DailySeriesData } from '../../report/chartData.js';
import type { SpendFigures } from '../../spend/spendFigures.js';
import type { Day } from '../../time/days.js';
import type { AnswerRow } from '../types.js';
import { rangeText } from './answerText.js';
import type { DailyAverage, FigureBasis } from './perDay.js';

/** What the bars of a grouped answer are drawn from: the rows the text lists, in the text's unit. */
export interface GroupedChartInput {
  title: string;
  perDay: boolean;
  now: FigureBasis;
  /** The period compared, when the answer is a comparison with a comparable base; else null. */
  before: FigureBasis | null;
  listed: readonly AnswerRow[];
  /** Rows the text does not list ("…and N more"). */
  hidden: number;
  today: Day;
}

/** Bars by key, or nothing when fewer than two rows are listed. */
export function groupedChart(input: GroupedChartInput): BarChartData | undefined {
  const { now, before, listed } = input;
  if (listed.length < 2) return undefined;
  const previous = before ? new Map(before.figures.groups.map((g) => [g.key, g.cost])) : null;
  return {
    type: 'bars',
    title: input.title,
    unit: input.perDay ? 'perDay' : 'total',
    currentLabel: rangeText(now.figures.period, input.today),
    previousLabel: before ? rangeText(before.figures.period, input.today) : null,
    bars: listed.map((r) => ({
      key: r.key,
      current: r.cost / now.days,
      previous: before && previous ? (previous.get(r.key) ?? 0) / before.days : null,
    })),
    omitted: input.hidden,
  };
}

/** The spend of each day of the period with the average per whole day, or nothing for a single day. */
export function dailyChart(
  title: string,
  figures: SpendFigures,
  average: DailyAverage | null,
): DailySeriesData | undefined {
  if (figures.daily.length < 2) return undefined;
  const estimated = new Set(figures.estimatedDays);
  return {
    type: 'daily',
    title,
    days: figures.daily.map((d) => ({
      day: d.day,
      cost: d.cost,
      estimated: figures.allEstimated || estimated.has(d.day),
    })),
    average: average
      ? { value: average.average, start: average.window.start, end: average.window.end }
      : null,
  };
}

// Spend, top and compare questions: one handler, since they differ only in how many rows they list and whether
// they name the biggest changes. Billing-export actuals, catalog estimates after them, the previous period; a
// rate ("per day") shows every figure as an average per whole day, and `total` stays the period's total.

import { firstBillingDay } from '../../db/queries/billingReads.js';
import { isResourceDimension } from '../../domain/dimensions.js';
import { formatChange, formatShare, sparkline } from '../../money/format.js';
import type { ChartData } from '../../report/chartData.js';
import type { ResourceInfo } from '../../spend/resourceCosts.js';
import { type SpendFigures, spendFigures } from '../../spend/spendFigures.js';
import { formatDay } from '../../time/days.js';
import { previousPeriod } from '../periods.js';
import type { Answer, AnswerRow, AnswerSource, QuestionOf } from '../types.js';
import {
  answer,
  currencyOf,
  describeFilters,
  LISTED_ROWS,
  lineMoneyOf,
  moneyOf,
  periodText,
  pricedTotal,
  rangeText,
} from './answerText.js';
import type { IntentInput } from './input.js';
import { averageLine, type DailyAverage, dailyAverage, type FigureBasis, noWholeDayLine } from './perDay.js';
import { dailyChart, groupedChart } from './spendChart.js';
import { tokensAnswer } from './tokens.js';

export function spendAnswer(input: IntentInput<QuestionOf<'spend' | 'compare' | 'top'>>): Answer {
  if (input.q.measure === 'tokens') return tokensAnswer(input);
  const { q, env, filters } = input;
  const period = q.period;
  const group = q.groupBy[0];
  // An ungrouped comparison names its biggest movers by SKU: both periods are read at that grain.
  const byGroup = q.groupBy.length > 0 ? q.groupBy : q.intent === 'compare' ? (['sku'] as const) : [];
  const current = spendFigures(env, period, filters, byGroup);
  const comparison = q.intent === 'compare' ? q.comparison : previousPeriod(period);
  const previous = spendFigures(env, comparison, filters, byGroup);
  const what = q.groupBy.some(isResourceDimension) ? 'Estimated Vertex AI spend' : 'Vertex AI spend';
  const when = periodText(period, q.periodWords, env.today);
  // Billing figures for days before the export's first day are not $0 but unknown.
  const dataStart = current.allEstimated ? null : firstBillingDay(env.store);
  const dataBegins = dataStart
    ? `the billing data begins ${formatDay(dataStart, Number(env.today.slice(0, 4)))}`
    : '';
  if (dataStart && period.end <= dataStart) {
    return answer(input, {
      headline: `${what}${describeFilters(filters)}, ${when}: no billing data for this period (${dataBegins}).`,
      total: null,
      source: { actualThrough: env.actualThrough, estimated: false },
      sourceNote: sourceSentence(input, current, null),
    });
  }
  // A comparison against days the data does not cover would be against a partial base: no percentages then.
  let comparable = !(dataStart && comparison.start < dataStart);
  // What the text's figures are: the totals, or for a rate the averages over each period's whole days.
  let now: FigureBasis = { figures: current, days: 1 };
  let before: FigureBasis = { figures: previous, days: 1 };
  const details: string[] = [];
  let average: DailyAverage | null = null;
  if (q.perDay) {
    average = dailyAverage(env, period, current, filters, byGroup, dataStart);
    if (average === null) {
      return answer(input, {
        headline: `${what}${describeFilters(filters)}, ${when}: ${noWholeDayLine(current.total, currencyOf(input))}`,
        total: current.total,
        source: sourceOf(input, current, null),
        sourceNote: sourceSentence(input, current, null),
      });
    }
    const averageBefore = comparable
      ? dailyAverage(env, comparison, previous, filters, byGroup, dataStart)
      : null;
    comparable = averageBefore !== null;
    now = average;
    before = averageBefore ?? before;
    details.push(averageLine(average, period, current.total, env.today, currencyOf(input)));
  }
  const unit = q.perDay ? ' per day' : '';
  const value = (b: FigureBasis, amount = b.figures.total) => amount / b.days;
  const money = moneyOf(input);
  const headlineMoney = lineMoneyOf(input, value(now), value(before));
  // A total leaving unpriced resources out says how many; one with nothing priced in it is no figure at all.
  const amount = (b: FigureBasis) =>
    b.figures.unpriced.length === 0
      ? { text: headlineMoney(value(b)), total: value(b) }
      : pricedTotal(input, value(b), b.figures.anyPriced ? 1 : 0, b.figures.unpriced.length);
  const shown = amount(now);
  const change =
    shown.total === null
      ? ''
      : comparable
        ? ` (${formatChange(value(now), value(before))} vs ${rangeText(comparison, env.today)} (${amount(before).text}${unit}))`
        : ` (no comparison with ${rangeText(comparison, env.today)}: ${dataBegins})`;
  const headline = `${what}${describeFilters(filters)}, ${when}: ${shown.text.replace(/^an unknown amount: /, '')}${q.perDay && shown.total !== null ? ' per day on average' : ''}${change}`;
  if (dataStart && period.start < dataStart)
    details.push(`Only part of the period is covered: ${dataBegins}.`);
  const rows = group ? rowsOf(current, q.intent === 'top' ? q.topN : null) : [];
  let chart: ChartData | undefined;
  if (group) {
    const listed = rowsOf(now.figures).slice(0, q.intent === 'top' ? q.topN : LISTED_ROWS);
    const label = q.groupBy.map((g) => g.replace(/^label:/, '').replace('_', ' ')).join(' · ');
    const by = `by ${label}${unit}`;
    details.push(`${q.intent === 'top' ? `Top ${listed.length} ${by}` : `By ${label}${unit}`}:`);
    const prevByKey = new Map(before.figures.groups.map((g) => [g.key, g.cost]));
    for (const r of listed) {
      // A day has no counterpart in the previous period: its share alone.
      const rowChange =
        comparable && q.groupBy[0] !== 'day'
          ? `, ${formatChange(value(now, r.cost), value(before, prevByKey.get(r.key) ?? 0))}`
          : '';
      details.push(`${r.key}: ${money(value(now, r.cost))}${unit} (${formatShare(r.share)}${rowChange})`);
    }
    const hidden = now.figures.groups.length - listed.length;
    if (hidden > 0) {
      const rest = now.figures.groups.slice(listed.length).reduce((a, g) => a + g.cost, 0);
      details.push(`…and ${hidden} more: ${money(value(now, rest))}${unit}`);
    }
    if (now.figures.groups.length === 0) details.push('No spend recorded for this slice.');
    chart = groupedChart({
      currency: currencyOf(input),
      title: `${what}${describeFilters(filters)}${q.intent === 'top' ? `, top ${listed.length}` : ''} ${by}, ${when}`,
      perDay: q.perDay,
      now,
      before: q.intent === 'compare' && comparable ? before : null,
      listed,
      hidden,
      today: env.today,
    });
  }
  if (!chart && average)
    chart = dailyChart(
      `${what}${describeFilters(filters)} per day, ${when}`,
      currencyOf(input),
      current,
      average,
    );
  if (q.intent === 'compare' && !group && comparable)
    details.push(...moversLines(input, now, before, 'sku', unit));
  if (current.daily.length > 1) details.push(`Daily: ${sparkline(current.daily.map((d) => d.cost))}`);
  details.push(...unpricedLine(current.unpriced));
  const compared = comparable ? previous : null;
  return answer(input, {
    headline,
    details,
    // Nothing priced in it: no figure at all (a rate's JSON total stays the period's total).
    total: shown.total === null ? null : current.total,
    ...(average ? { perDay: { ...average.window, days: average.days, average: average.average } } : {}),
    rows,
    source: sourceOf(input, current, compared),
    sourceNote: sourceSentence(input, current, compared),
    ...(chart ? { chart } : {}),
  });
}

/** The keys whose spend (or average per day, `unit`) changed most between the two periods. */
function moversLines(
  input: IntentInput,
  now: FigureBasis,
  before: FigureBasis,
  group: string,
  unit: string,
): string[] {
  const current = now.figures;
  const previous = before.figures;
  const keys = new Set([...current.groups.map((g) => g.key), ...previous.groups.map((g) => g.key)]);
  const cur = new Map(current.groups.map((g) => [g.key, g.cost / now.days]));
  const prev = new Map(previous.groups.map((g) => [g.key, g.cost / before.days]));
  const movers = [...keys]
    .map((key) => ({ key, delta: (cur.get(key) ?? 0) - (prev.get(key) ?? 0), now: cur.get(key) ?? 0 }))
    .filter((m) => Math.abs(m.delta) >= 0.005)
    .sort((a, c) => Math.abs(c.delta) - Math.abs(a.delta))
    .slice(0, 5);
  if (movers.length === 0) return ['No change by line item.'];
  return [
    `Biggest changes by ${group.replace(/^label:/, '')}:`,
    ...movers.map((m) => {
      const money = lineMoneyOf(input, m.delta, m.now);
      return `${m.key}: ${m.delta >= 0 ? '+' : '-'}${money(Math.abs(m.delta))}${unit} (now ${money(m.now)}${unit})`;
    }),
  ];
}

function sourceOf(input: IntentInput, figures: SpendFigures, compared: SpendFigures | null): AnswerSource {
  const estimated = (f: SpendFigures | null) => f !== null && (f.allEstimated || f.estimatedDays.length > 0);
  return { actualThrough: input.env.actualThrough, estimated: estimated(figures) || estimated(compared) };
}

/** "Nov 29–30" or "Nov 29" for a run of days. */
function daySpan(days: readonly string[], year: number): string | null {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  return first === last ? formatDay(first, year) : `${formatDay(first, year)}–${formatDay(last, year)}`;
}

/** Where the figures come from: the export through its last day, and every estimated day, compared period too. */
function sourceSentence(input: IntentInput, figures: SpendFigures, compared: SpendFigures | null): string {
  const year = Number(input.env.today.slice(0, 4));
  const actual = input.env.actualThrough
    ? `billing export through ${formatDay(input.env.actualThrough, year)}`
    : 'no billing export data yet';
  if (figures.allEstimated) {
    return `Source: estimated from catalog prices × hours the jobs and deployed models ran (the billing export cannot split by this); ${actual}.`;
  }
  const spans = [
    compared && daySpan(compared.estimatedDays, year)
      ? `${daySpan(compared.estimatedDays, year)} (the period compared)`
      : null,
    daySpan(figures.estimatedDays, year),
  ].filter((s): s is string => s !== null);
  if (spans.length === 0) return `Source: ${actual}.`;
  return `Source: ${actual}; ${spans.join(' and ')} estimated from catalog prices (not billed yet).`;
}

function rowsOf(figures: SpendFigures, limit?: number | null): AnswerRow[] {
  const sum = figures.groups.reduce((a, g) => a + g.cost, 0);
  const rows = figures.groups.map((g) => ({ key: g.key, cost: g.cost, share: sum !== 0 ? g.cost / sum : 0 }));
  return limit ? rows.slice(0, limit) : rows;
}

function unpricedLine(unpriced: readonly ResourceInfo[]): string[] {
  if (unpriced.length === 0) return [];
  const names = unpriced.slice(0, 5).map((r) => `${r.displayName} (${r.unpricedReason ?? 'no price'})`);
  const more = unpriced.length > 5 ? ` and ${unpriced.length - 5} more` : '';
  return [`Unpriced, not included: ${names.join(', ')}${more}.`];
}

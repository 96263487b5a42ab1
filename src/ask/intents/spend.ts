// Spend, top and compare questions: one handler, since they differ only in how many rows they list and whether
// they name the biggest changes. Billing-export actuals, catalog estimates after them, the previous period.

import { isResourceDimension } from '../../domain/dimensions.js';
import { formatChange, formatShare, sparkline } from '../../money/format.js';
import type { ResourceCost } from '../../spend/resourceCosts.js';
import { type SpendFigures, spendFigures } from '../../spend/spendFigures.js';
import { formatDay } from '../../time/days.js';
import { previousPeriod } from '../periods.js';
import type { Answer, AnswerRow, AnswerSource, QuestionOf } from '../types.js';
import {
  answer,
  describeFilters,
  LISTED_ROWS,
  lineMoneyOf,
  moneyOf,
  periodText,
  pricedTotal,
  rangeText,
} from './answerText.js';
import type { IntentInput } from './input.js';
import { tokensAnswer } from './tokens.js';

export function spendAnswer(input: IntentInput<QuestionOf<'spend' | 'compare' | 'top'>>): Answer {
  if (input.q.measure === 'tokens') return tokensAnswer(input);
  const { q, env, filters } = input;
  const period = q.period;
  const group = q.groupBy[0];
  // An ungrouped comparison names its biggest movers by SKU: both periods are read at that grain.
  const byGroup = group ?? (q.intent === 'compare' ? 'sku' : undefined);
  const current = spendFigures(env, period, filters, byGroup);
  const comparison = q.intent === 'compare' ? q.comparison : previousPeriod(period);
  const previous = spendFigures(env, comparison, filters, byGroup);
  const what = isResourceDimension(group) ? 'Estimated Vertex AI spend' : 'Vertex AI spend';
  const money = moneyOf(input);
  const headlineMoney = lineMoneyOf(input, current.total, previous.total);
  // A total leaving unpriced resources out says how many; one with nothing priced in it is no figure at all.
  const amount = (f: SpendFigures) =>
    f.unpriced.length === 0
      ? { text: headlineMoney(f.total), total: f.total }
      : pricedTotal(input, f.total, f.anyPriced ? 1 : 0, f.unpriced.length);
  const now = amount(current);
  const change =
    now.total === null
      ? ''
      : ` (${formatChange(current.total, previous.total)} vs ${rangeText(comparison, env.today)} (${amount(previous).text}))`;
  const headline = `${what}${describeFilters(filters)}, ${periodText(period, q.periodWords, env.today)}: ${now.text.replace(/^an unknown amount: /, '')}${change}`;
  const details: string[] = [];
  const rows = group ? rowsOf(current, q.intent === 'top' ? q.topN : null) : [];
  if (group) {
    const shown = rows.slice(0, q.intent === 'top' ? q.topN : LISTED_ROWS);
    const label = group.replace(/^label:/, '').replace('_', ' ');
    details.push(`${q.intent === 'top' ? `Top ${shown.length} by ${label}` : `By ${label}`}:`);
    const prevByKey = new Map(previous.groups.map((g) => [g.key, g.cost]));
    for (const r of shown) {
      // A day has no counterpart in the previous period: its share alone.
      const change = group === 'day' ? '' : `, ${formatChange(r.cost, prevByKey.get(r.key) ?? 0)}`;
      details.push(`${r.key}: ${money(r.cost)} (${formatShare(r.share)}${change})`);
    }
    const hidden = current.groups.length - shown.length;
    if (hidden > 0) {
      const rest = current.groups.slice(shown.length).reduce((a, g) => a + g.cost, 0);
      details.push(`…and ${hidden} more: ${money(rest)}`);
    }
    if (current.groups.length === 0) details.push('No spend recorded for this slice.');
  }
  if (q.intent === 'compare' && !group) details.push(...moversLines(input, current, previous, 'sku'));
  if (current.daily.length > 1) details.push(`Daily: ${sparkline(current.daily.map((d) => d.cost))}`);
  details.push(...unpricedLine(current.unpriced));
  return answer(input, {
    headline,
    details,
    total: now.total,
    rows,
    source: sourceOf(input, current),
    sourceNote: sourceSentence(input, current),
  });
}

function moversLines(
  input: IntentInput,
  current: SpendFigures,
  previous: SpendFigures,
  group: string,
): string[] {
  const keys = new Set([...current.groups.map((g) => g.key), ...previous.groups.map((g) => g.key)]);
  const cur = new Map(current.groups.map((g) => [g.key, g.cost]));
  const prev = new Map(previous.groups.map((g) => [g.key, g.cost]));
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
      return `${m.key}: ${m.delta >= 0 ? '+' : '-'}${money(Math.abs(m.delta))} (now ${money(m.now)})`;
    }),
  ];
}

function sourceOf(input: IntentInput, figures: SpendFigures): AnswerSource {
  return {
    actualThrough: input.env.actualThrough,
    estimated: figures.allEstimated || figures.estimatedDays.length > 0,
  };
}

function sourceSentence(input: IntentInput, figures: SpendFigures): string {
  const year = Number(input.env.today.slice(0, 4));
  const actual = input.env.actualThrough
    ? `billing export through ${formatDay(input.env.actualThrough, year)}`
    : 'no billing export data yet';
  if (figures.allEstimated) {
    return `Source: estimated from catalog prices × hours the jobs and deployed models ran (the billing export cannot split by this); ${actual}.`;
  }
  const days = figures.estimatedDays;
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return `Source: ${actual}.`;
  const span = first === last ? formatDay(first, year) : `${formatDay(first, year)}–${formatDay(last, year)}`;
  return `Source: ${actual}; ${span} estimated from catalog prices (not billed yet).`;
}

function rowsOf(figures: SpendFigures, limit?: number | null): AnswerRow[] {
  const sum = figures.groups.reduce((a, g) => a + g.cost, 0);
  const rows = figures.groups.map((g) => ({ key: g.key, cost: g.cost, share: sum !== 0 ? g.cost / sum : 0 }));
  return limit ? rows.slice(0, limit) : rows;
}

function unpricedLine(unpriced: readonly ResourceCost[]): string[] {
  if (unpriced.length === 0) return [];
  const names = unpriced.slice(0, 5).map((r) => `${r.displayName} (${r.unpricedReason ?? 'no price'})`);
  const more = unpriced.length > 5 ? ` and ${unpriced.length - 5} more` : '';
  return [`Unpriced, not included: ${names.join(', ')}${more}.`];
}

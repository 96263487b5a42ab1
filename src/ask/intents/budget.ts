// Budget status: each configured budget about the asked slice on its own row, with its own scope's spend so far
// (the figure "spend this month" gives for that scope) and month-end forecast. Overlapping budgets are never
// added up: the answer's total is the asked slice's own spend this month.
import type { Scope } from '../../config/schema.js';
import { formatShare, lineMoney } from '../../money/format.js';
import { type BudgetStatus, budgetStatus } from '../../report/budgets.js';
import { catalogEstimator, describeSource } from '../../report/source.js';
import { spendFigures } from '../../spend/spendFigures.js';
import { addDays, startOfMonth } from '../../time/days.js';
import type { Answer, AskFilters, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, moneyOf, rangeText } from './answerText.js';
import { forecastParts } from './forecast.js';
import type { IntentInput } from './input.js';

/** True when a budget's scope lies within the asked slice: every project and label asked for, it restricts to too. */
export function budgetWithin(scope: Scope, filters: AskFilters, channelProjects: readonly string[]): boolean {
  // Budgets are by project and label; none is about one region or kind.
  if (filters.region !== undefined || filters.kind !== undefined) return false;
  const asked = filters.project ? [filters.project] : channelProjects;
  if (asked.length > 0 && (scope.projects.length === 0 || !scope.projects.every((p) => asked.includes(p))))
    return false;
  return Object.entries(filters.labels ?? {}).every(([k, v]) => scope.labels[k] === v);
}

/** True when a budget's scope takes in the whole asked slice (so the slice's spend counts toward it). */
export function budgetCovers(scope: Scope, filters: AskFilters): boolean {
  if (scope.projects.length > 0 && !(filters.project && scope.projects.includes(filters.project)))
    return false;
  return Object.entries(scope.labels).every(([k, v]) => filters.labels?.[k] === v);
}

/** One budget's line, its amounts in the billing currency and written alike. */
function statusLine(s: BudgetStatus, currency: string): string {
  const course = s.spentShare >= 1 ? ' — over budget' : s.forecastShare > 1 ? ' — on course to exceed' : '';
  const money = lineMoney(currency, s.spentToDate, s.monthlyAmount, s.forecastTotal);
  return `${s.name}: ${money(s.spentToDate)} of ${money(s.monthlyAmount)} spent (${formatShare(s.spentShare)}); forecast ${money(s.forecastTotal)} (${formatShare(s.forecastShare)})${course}`;
}

export function budgetAnswer(input: IntentInput<QuestionOf<'budget'>>): Answer {
  const { env, filters } = input;
  const all = budgetStatus({
    store: input.ctx.store,
    config: input.ctx.config,
    now: env.now,
    estimate: catalogEstimator(input.ctx.store, env.timezone, env.now),
  });
  const channelProjects = env.scopeProjects ?? [];
  const about = all.filter((s) => budgetWithin(s.budget.scope, filters, channelProjects));
  // The month so far, as "spend this month" reads it: budgets are monthly whatever period the question named.
  const period = { start: startOfMonth(env.today), end: addDays(env.today, 1) };
  const spent = spendFigures(env, period, filters);
  const source = {
    actualThrough: env.actualThrough,
    estimated: spent.estimatedDays.length > 0 || about.length > 0,
  };
  const spentNote = `Source: ${describeSource({ actualThrough: env.actualThrough, estimatedDays: spent.estimatedDays })}`;
  const slice = describeFilters(filters);
  const spentLine = `Vertex AI spend${slice}, month to date (${rangeText(period, env.today)}): ${moneyOf(input)(spent.total)}`;

  if (about.length === 0) {
    const forecast = forecastParts(input);
    const covering = all.filter((s) => budgetCovers(s.budget.scope, filters));
    const configured = all.map((s) => s.name);
    const details = [
      spentLine,
      ...(covering.length > 0
        ? ['It counts toward:', ...covering.map((s) => `  ${statusLine(s, currencyOf(input))}`)]
        : []),
      forecast.headline,
      ...(forecast.details ?? []),
    ];
    return {
      ...answer(input, {
        headline: `No budget is configured${slice}${configured.length ? ` (configured: ${configured.join(', ')})` : ''}. Add one under "budgets" in the config.`,
        details,
        total: spent.total,
        source,
        sourceNote: `${spentNote}; forecast: ${forecast.sourceNote.replace(/^Source: /, '')}`,
      }),
      period,
    };
  }

  const over = about.filter((s) => s.spentShare >= 1).length;
  const atRisk = about.filter((s) => s.spentShare < 1 && s.forecastShare > 1).length;
  const verdict = [over ? `${over} over` : '', atRisk ? `${atRisk} on course to exceed` : '']
    .filter(Boolean)
    .join(', ');
  const details = about.map((s) => statusLine(s, currencyOf(input)));
  if (about.length > 1)
    details.push('Each budget is measured on its own scope; budgets that overlap are not added up.');
  const forecastBasis = about[0]?.forecast.basis ?? '';
  return {
    ...answer(input, {
      headline: `${spentLine}. ${about.length} budget${about.length === 1 ? '' : 's'}${verdict ? ` (${verdict})` : ', all within'}:`,
      details,
      total: spent.total,
      rows: about.map((s) => ({ key: s.name, cost: s.spentToDate, share: s.spentShare })),
      source,
      sourceNote: `${spentNote}; forecasts: ${forecastBasis}.`,
    }),
    period,
  };
}

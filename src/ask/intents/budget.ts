// Budget status: the configured budgets the question covers, spent so far and forecast; the forecast alone
// when none is configured for it.
import { formatShare } from '../../money/format.js';
import { budgetStatus } from '../../report/budgets.js';
import { catalogEstimator } from '../../report/source.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, describeFilters, lineMoneyOf, periodText } from './answerText.js';
import { forecastParts } from './forecast.js';
import type { IntentInput } from './input.js';

export function budgetAnswer(input: IntentInput<QuestionOf<'budget'>>): Answer {
  const estimate = catalogEstimator(input.ctx.store, input.env.timezone, input.env.now);
  const statuses = budgetStatus({
    store: input.ctx.store,
    config: input.ctx.config,
    now: input.env.now,
    estimate,
  }).filter((s) => {
    const scope = s.budget.scope;
    if (
      input.filters.project &&
      !(scope.projects.length === 0 || scope.projects.includes(input.filters.project))
    )
      return false;
    return Object.entries(input.filters.labels ?? {}).every(([k, v]) => scope.labels[k] === v);
  });
  if (statuses.length === 0) {
    const forecast = forecastParts(input);
    const configured = input.ctx.config.budgets.map((x) => x.name);
    return answer(input, {
      headline: `No budget is configured${describeFilters(input.filters)}${configured.length ? ` (configured: ${configured.join(', ')})` : ''}. Add one under "budgets" in the config.`,
      details: [forecast.headline, ...forecast.details],
      total: null,
      source: forecast.source,
      sourceNote: forecast.sourceNote,
    });
  }
  const details = statuses.map((s) => {
    const money = lineMoneyOf(input, s.spentToDate, s.monthlyAmount, s.forecast.forecast);
    return `${s.name}: ${money(s.spentToDate)} of ${money(s.monthlyAmount)} spent (${formatShare(s.spentShare)}); forecast ${money(s.forecast.forecast)} (${formatShare(s.forecastShare)})${s.forecastShare > 1 ? ' — on course to exceed' : ''}`;
  });
  const first = statuses[0]!;
  const total = statuses.reduce((a, s) => a + s.spentToDate, 0);
  return answer(input, {
    headline: `Budget status for ${first.month}, ${periodText(input.q.period, input.q.periodWords, input.env.today)}: ${statuses.length} budget${statuses.length === 1 ? '' : 's'}`,
    details,
    total,
    rows: statuses.map((s) => ({ key: s.name, cost: s.spentToDate, share: s.spentShare })),
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: `Source: ${first.forecast.basis}.`,
  });
}

// Savings: the report's savings opportunities the question covers (Spot candidates only when it asks about Spot).
import { formatMaybeMoney } from '../../money/format.js';
import { savingsOpportunities } from '../../report/savings.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, LISTED_ROWS, pricedTotal } from './answerText.js';
import type { IntentInput } from './input.js';
import { matchesIgnoringRegion } from './matching.js';

export function savingsAnswer(input: IntentInput<QuestionOf<'savings'>>): Answer {
  const all = savingsOpportunities({ store: input.ctx.store, config: input.ctx.config, now: input.env.now });
  const spotOnly = /\b(spot|preemptible)\b/i.test(input.q.text);
  const list = all
    .filter((o) => (spotOnly ? o.technique === 'spot-training' : true))
    .filter((o) => matchesIgnoringRegion(o, input));
  const priced = list.filter((o) => o.monthlySaving !== null);
  const total = priced.reduce((a, o) => a + (o.monthlySaving ?? 0), 0);
  const saving = pricedTotal(input, total, priced.length, list.length - priced.length, 'per month');
  const what = spotOnly ? 'Moving eligible training to Spot VMs' : 'The savings found';
  return answer(input, {
    headline:
      list.length === 0
        ? `${spotOnly ? 'No training jobs look like Spot candidates' : 'No savings opportunities found'} in the last ${input.ctx.config.savings.lookbackDays} days${describeFilters(input.filters)}.`
        : `${what} could save ${saving.total === null ? '' : 'about '}${saving.text}${describeFilters(input.filters)}`,
    details: list
      .slice(0, LISTED_ROWS)
      .map((o) => `${o.title}: ${formatMaybeMoney(o.monthlySaving, currencyOf(input))}/month — ${o.action}`),
    total: saving.total,
    rows: priced.map((o) => ({
      key: o.title,
      cost: o.monthlySaving ?? 0,
      share: total > 0 ? (o.monthlySaving ?? 0) / total : 0,
    })),
    source: { actualThrough: input.env.actualThrough, estimated: true },
    sourceNote: `Source: jobs and traffic of the last ${input.ctx.config.savings.lookbackDays} days × catalog prices (per 730-hour month).`,
  });
}

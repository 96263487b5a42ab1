// Cost per 1M generative-AI tokens ("cost per 1M tokens for gemini 2.5 flash last week"): billed net cost of
// token SKUs over their tokens, overall and per token type, through the actual-through day.
import { formatTokens, formatUnitPrice } from '../../money/format.js';
import { tokenFigures } from '../../spend/genaiFigures.js';
import { formatDay } from '../../time/days.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer, currencyOf, describeFilters, moneyOf, periodText, rangeText } from './answerText.js';
import type { IntentInput } from './input.js';

const PER_TOKENS = 1_000_000;

export function tokenUnitCostAnswer(input: IntentInput<QuestionOf<'unit_cost'>>): Answer {
  const { q, env, filters } = input;
  const figures = tokenFigures(env, q.period, filters, 'token_type');
  const year = Number(env.today.slice(0, 4));
  const when = periodText(q.period, q.periodWords, env.today);
  const others = describeFilters({ ...filters, kind: undefined, modelFamily: undefined });
  const what = `${filters.modelFamily ?? 'generative AI'}${others}`;
  const source = { actualThrough: env.actualThrough, estimated: false };
  const sourceNote = env.actualThrough
    ? `Source: billed cost and usage of token SKUs in the billing export through ${formatDay(env.actualThrough, year)}.`
    : 'Source: no billing export data yet.';
  if (figures.billed === null || figures.tokens === 0) {
    return answer(input, {
      headline: `No generative-AI tokens were billed for ${what} ${when}, so there is no cost per 1M tokens.`,
      source,
      sourceNote,
    });
  }
  const price = (cost: number, tokens: number) =>
    formatUnitPrice(tokens > 0 ? (cost / tokens) * PER_TOKENS : 0, currencyOf(input));
  const perMillion = (figures.cost / figures.tokens) * PER_TOKENS;
  const billedPart =
    figures.billed.end < q.period.end ? ` (billed days ${rangeText(figures.billed, env.today)})` : '';
  return answer(input, {
    headline: `Cost per 1M tokens for ${what}, ${when}${billedPart}: ${price(figures.cost, figures.tokens)}`,
    details: [
      `${moneyOf(input)(figures.cost)} over ${formatTokens(figures.tokens)}; by token type: ${figures.groups
        .map((g) => `${g.key} ${price(g.cost, g.tokens)} (${formatTokens(g.tokens)})`)
        .join(', ')}.`,
    ],
    total: perMillion,
    tokens: figures.tokens,
    source,
    sourceNote,
  });
}

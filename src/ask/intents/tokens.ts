// Questions measured in generative-AI tokens ("which project uses the most tokens", "token usage by model"):
// tokens from the billing export's usage, with what they cost, through the actual-through day.
import type { BillingGroup } from '../../db/queries/billingReads.js';
import { isResourceDimension } from '../../domain/dimensions.js';
import { formatShare, formatTokens } from '../../money/format.js';
import { tokenFigures } from '../../spend/genaiFigures.js';
import { formatDay } from '../../time/days.js';
import type { Answer, AnswerRow, QuestionOf } from '../types.js';
import { answer, describeFilters, LISTED_ROWS, moneyOf, periodText, rangeText } from './answerText.js';
import type { IntentInput } from './input.js';

export function tokensAnswer(input: IntentInput<QuestionOf<'spend' | 'compare' | 'top'>>): Answer {
  const { q, env, filters } = input;
  const dimension = q.groupBy[0];
  // Deployed models, jobs and machines have no tokens: such a grouping is read as none.
  const group = isResourceDimension(dimension) ? undefined : (dimension as BillingGroup | undefined);
  const figures = tokenFigures(env, q.period, filters, group);
  const money = moneyOf(input);
  const year = Number(env.today.slice(0, 4));
  const when = periodText(q.period, q.periodWords, env.today);
  const sourceNote = env.actualThrough
    ? `Source: usage of token SKUs in the billing export through ${formatDay(env.actualThrough, year)} (tokens are known only once billed).`
    : 'Source: no billing export data yet.';
  const source = { actualThrough: env.actualThrough, estimated: false };
  if (figures.billed === null || figures.tokens === 0) {
    return answer(input, {
      headline: `No generative-AI tokens billed${describeFilters({ ...filters, kind: undefined })}, ${when}.`,
      total: 0,
      source,
      sourceNote,
    });
  }
  const billedPart =
    figures.billed.end < q.period.end ? ` (billed days ${rangeText(figures.billed, env.today)})` : '';
  const headline = `Generative-AI tokens${describeFilters({ ...filters, kind: undefined })}, ${when}${billedPart}: ${formatTokens(figures.tokens)} (${money(figures.cost)})`;
  const limit = q.intent === 'top' ? q.topN : null;
  const rows: AnswerRow[] = figures.groups.slice(0, limit ?? undefined).map((g) => ({
    key: g.key,
    cost: g.cost,
    share: figures.tokens > 0 ? g.tokens / figures.tokens : 0,
    tokens: g.tokens,
  }));
  const details: string[] = [];
  if (group) {
    const shown = rows.slice(0, limit ?? LISTED_ROWS);
    const label = group.replace(/^label:/, '').replace('_', ' ');
    details.push(`${q.intent === 'top' ? `Top ${shown.length} by ${label}` : `By ${label}`}, in tokens:`);
    for (const r of shown) {
      details.push(`${r.key}: ${formatTokens(r.tokens ?? 0)} (${formatShare(r.share)}; ${money(r.cost)})`);
    }
  }
  return answer(input, {
    headline,
    details,
    total: figures.cost,
    tokens: figures.tokens,
    rows,
    source,
    sourceNote,
  });
}

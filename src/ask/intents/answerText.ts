// How an answer is put together: the answer object with its text, and the words every answer uses for its
// filters and its period.
import { formatMoney, formatPricedTotal, lineMoney } from '../../money/format.js';
import type { Day } from '../../time/days.js';
import { formatRange } from '../../time/days.js';
import { describePeriod } from '../periods.js';
import type { Answer, AskFilters, Period } from '../types.js';
import type { IntentInput } from './input.js';

// Rows listed in a text answer; the JSON carries them all.
export const LISTED_ROWS = 10;

/** What a handler says; the rest of the answer (intent, period, grouping, filters) comes from the question. */
export type AnswerParts = Partial<Answer> & Pick<Answer, 'headline'>;

export function answer(input: IntentInput, parts: AnswerParts): Answer {
  const details = parts.details ?? [];
  const sourceNote = parts.sourceNote ?? '';
  const examples = parts.examples ?? [];
  const lines = [parts.headline, ...details];
  if (examples.length) lines.push('Questions that work:', ...examples.map((e) => `  • ${e}`));
  if (sourceNote) lines.push(sourceNote);
  return {
    understood: parts.understood ?? true,
    intent: input.q.intent,
    period: input.q.period,
    groupBy: input.q.groupBy,
    filters: input.q.filters,
    total: parts.total ?? null,
    currency: currencyOf(input),
    rows: parts.rows ?? [],
    ...(parts.tokens === undefined ? {} : { tokens: parts.tokens }),
    source: parts.source ?? { actualThrough: input.env.actualThrough, estimated: false },
    text: lines.join('\n'),
    headline: parts.headline,
    details,
    sourceNote,
    examples,
    ...(parts.perDay ? { perDay: parts.perDay } : {}),
    ...(parts.chart ? { chart: parts.chart } : {}),
  };
}

/** The billing account's currency: billed spend is in it, and catalog prices are asked for in it. */
export function currencyOf(input: IntentInput): string {
  return input.ctx.config.currency;
}

/** Formats an amount in the answer's currency. */
export function moneyOf(input: IntentInput): (amount: number) => string {
  const currency = currencyOf(input);
  return (amount) => formatMoney(amount, currency);
}

/** Formats the amounts of one line alike: the answer's currency, all with cents or all without. */
export function lineMoneyOf(input: IntentInput, ...amounts: number[]): (amount: number) => string {
  return lineMoney(currencyOf(input), ...amounts);
}

/**
 * A total over things some of which have no price: its words ("$12.00 per day plus 2 unpriced", "an unknown
 * amount: unpriced (3 of 3)") and its JSON value, null when nothing in it is priced.
 */
export function pricedTotal(
  input: IntentInput,
  total: number,
  pricedCount: number,
  unpricedCount: number,
  per = '',
): { text: string; total: number | null } {
  const text = formatPricedTotal(total, pricedCount, unpricedCount, currencyOf(input), per);
  const nothingPriced = pricedCount === 0 && unpricedCount > 0;
  return { text: nothingPriced ? `an unknown amount: ${text}` : text, total: nothingPriced ? null : total };
}

export function describeFilters(filters: AskFilters): string {
  const parts: string[] = [];
  if (filters.kind) parts.push(filters.kind);
  if (filters.modelFamily) parts.push(`model ${filters.modelFamily}`);
  if (filters.project) parts.push(`project ${filters.project}`);
  if (filters.region) parts.push(`region ${filters.region}`);
  for (const [k, v] of Object.entries(filters.labels ?? {})) parts.push(`${k}=${v}`);
  return parts.length ? ` for ${parts.join(', ')}` : '';
}

/** The question's period in words and dates; a question without period words got the month to date. */
export function periodText(period: Period, periodWords: string | null, today: Day): string {
  return describePeriod(period, periodWords ?? 'month to date', today);
}

/** Dates only, e.g. "Nov 9 – Nov 15" (the year when it is not today's). */
export function rangeText(period: Period, today: Day): string {
  return formatRange(period.start, period.end, Number(today.slice(0, 4)));
}

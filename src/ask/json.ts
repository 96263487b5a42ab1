import { roundCents } from '../money/format.js';
import type { Answer } from './types.js';

// A unit cost (per 1k predictions) is often a fraction of a cent: kept to six decimals, not rounded to cents.
const UNIT_COST_DECIMALS = 1e6;

/** The `ask --json` object (its contract: docs/asking.md): amounts rounded here, at output, and nowhere else. */
export function toAskJson(answer: Answer): Record<string, unknown> {
  return {
    understood: answer.understood,
    intent: answer.intent,
    period: answer.period ? { start: answer.period.start, end: answer.period.end } : null,
    groupBy: answer.groupBy,
    filters: answer.filters,
    total:
      answer.total === null
        ? null
        : answer.intent === 'unit_cost'
          ? Math.round(answer.total * UNIT_COST_DECIMALS) / UNIT_COST_DECIMALS
          : roundCents(answer.total),
    currency: answer.currency,
    rows: answer.rows.map((r) => ({
      key: r.key,
      cost: roundCents(r.cost),
      share: Math.round(r.share * 10_000) / 10_000,
      ...(r.tokens === undefined ? {} : { tokens: Math.round(r.tokens) }),
    })),
    ...(answer.tokens === undefined ? {} : { tokens: Math.round(answer.tokens) }),
    source: { actualThrough: answer.source.actualThrough, estimated: answer.source.estimated },
    text: answer.text,
    // Beyond the documented fields, only for a rate: `total` stays the period's total.
    ...(answer.perDay
      ? {
          perDay: {
            start: answer.perDay.start,
            end: answer.perDay.end,
            days: answer.perDay.days,
            average: roundCents(answer.perDay.average),
          },
        }
      : {}),
  };
}

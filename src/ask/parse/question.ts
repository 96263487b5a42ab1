// The parse state as the parsed question: the variant of its intent, with that intent's defaults.
import { monthToDate, previousPeriod } from '../periods.js';
import type { ParsedQuestion } from '../types.js';
import type { ParseState } from './state.js';
import { DEFAULT_TOP_N, MAX_TOP_N } from './topN.js';

/** What the parser noticed about the writing itself, beside what the question asks. */
export interface ParseNotes {
  /** Problems with what was written (an impossible date, an unknown label key), in words. */
  problems: string[];
  /** Typos read as other words, e.g. "trainig → training". */
  corrections: string[];
}

export type ParseResult = ParsedQuestion & ParseNotes;

/**
 * Help when no intent was found. Defaults: the month to date for spend-like intents, the previous period of
 * equal length to compare with, the top 5 by SKU; idle and savings stay as of now unless a period was asked.
 */
export function toQuestion(raw: string, state: ParseState): ParseResult {
  const base = {
    text: raw,
    understood: state.intent !== null && state.unrecognized.length === 0 && state.problems.length === 0,
    periodWords: state.periodWords,
    groupBy: state.groupBy,
    filters: state.filters,
    unrecognized: state.unrecognized,
    measure: state.measure,
    problems: state.problems,
    corrections: state.corrections,
  };
  const intent = state.intent ?? 'help';
  const periodOrMonthToDate = () => state.period ?? monthToDate(state.ctx.today);
  const perDay = state.perDayWords !== null;
  switch (intent) {
    case 'top':
      return {
        ...base,
        intent,
        period: periodOrMonthToDate(),
        perDay,
        topN: Math.min(state.topN ?? DEFAULT_TOP_N, MAX_TOP_N),
        groupBy: state.groupBy.length === 0 ? ['sku'] : state.groupBy,
      };
    case 'compare': {
      const period = periodOrMonthToDate();
      return { ...base, intent, period, perDay, comparison: state.comparison ?? previousPeriod(period) };
    }
    case 'unit_cost':
      return { ...base, intent, period: periodOrMonthToDate(), subject: state.subject, per: state.per };
    case 'spend':
      return { ...base, intent, period: periodOrMonthToDate(), perDay };
    case 'forecast':
    case 'budget':
      return { ...base, intent, period: periodOrMonthToDate() };
    case 'idle':
    case 'savings':
      return { ...base, intent, period: state.period };
    case 'running':
    case 'alerts':
    case 'accuracy':
    case 'help':
      return { ...base, intent, period: null };
  }
}

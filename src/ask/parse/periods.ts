// Periods: the first period named is the question's, a second one (or "the week before") what it is
// compared with.
import { scanPeriods } from '../periods.js';
import type { ParseState } from './state.js';

// Words that make two dates joined by "to" two periods to compare rather than one range.
const COMPARE_WORDS = /\b(?:compare[ds]?|comparing|comparison|vs|versus|against)\b/;

export function readPeriods(state: ParseState): void {
  const comparing = COMPARE_WORDS.test(state.rest);
  const scan = scanPeriods(state.rest, state.ctx.today, comparing);
  state.rest = scan.rest;
  state.problems.push(...scan.problems);
  const [first, second] = scan.periods;
  if (first) {
    state.period = first.period;
    state.periodWords = first.words;
  }
  if (second) {
    state.comparison = second.period;
    state.comparisonExplicit = true;
  } else if (scan.relative) {
    state.comparisonExplicit = true;
  }
}

// Periods: the first period named is the question's, a second one (or "the week before") what it is
// compared with.
import { scanPeriods } from '../periods.js';
import type { ParseState } from './state.js';

export function readPeriods(state: ParseState): void {
  const scan = scanPeriods(state.rest, state.ctx.today);
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

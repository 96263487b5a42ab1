// Rates: "per day", "a day on average", "daily average", "burn rate" ask for the average spend per day over
// the period, not its total. "Lately" and "recently" name no period of their own: they mean the last 7 whole
// days when the question names none.
import { addDays } from '../../time/days.js';
import { type ParseState, take } from './state.js';

// Words of a rate per day; an average without a unit ("average spend last month") is an average per day too.
const PER_DAY_RE =
  /\b(?:(?:on\s)?(?:an?\s|the\s)?(?:average|avg|mean)\s)?(?:daily|per\sday|a\sday|each\sday|every\sday|per\sdiem|burn\srate)(?:\s(?:on\s)?(?:an?\s|the\s)?(?:average|avg|mean))?\b|\b(?:on\s)?(?:an?\s|the\s)?(?:average|avg)\b/g;

const LATELY_RE =
  /\b(?:lately|recently|of\slate|these\sdays|nowadays|in\s(?:the\s)?recent\s(?:days|times))\b/g;

/** Whole days "lately" covers: a week, so every weekday counts once. */
export const LATELY_DAYS = 7;

export function readRate(state: ParseState): void {
  take(state, PER_DAY_RE, (m) => {
    state.perDayWords ??= m[0].trim();
  });
  take(state, LATELY_RE, () => {
    if (state.period) return;
    state.period = { start: addDays(state.ctx.today, -LATELY_DAYS), end: state.ctx.today };
    state.periodWords = `the last ${LATELY_DAYS} days`;
  });
}

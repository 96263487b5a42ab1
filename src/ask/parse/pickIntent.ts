// The intent: the highest-priority one whose words were found, adjusted by what else was asked.
import type { AskFilters } from '../types.js';
import { INTENT_PRIORITY } from './intentWords.js';
import type { ParseState } from './state.js';

export function pickIntent(state: ParseState): void {
  let intent = INTENT_PRIORITY.find((i) => state.found.has(i)) ?? null;
  if ((intent === 'spend' || intent === 'top' || intent === null) && state.comparisonExplicit)
    intent = 'compare';
  if (
    intent === null &&
    (state.groupBy.length > 0 || state.period || state.perDayWords || hasFilters(state.filters))
  )
    intent = 'spend';
  if (intent === 'spend' && state.topN !== null) intent = 'top';
  // "help examples" and the like: nothing but asking for help.
  if (/^\s*$/.test(state.text.replace(/\b(?:help|examples?)\b/g, ''))) intent = 'help';
  state.intent = intent;
}

function hasFilters(filters: AskFilters): boolean {
  return Boolean(
    filters.project ||
      filters.region ||
      filters.kind ||
      (filters.labels && Object.keys(filters.labels).length),
  );
}

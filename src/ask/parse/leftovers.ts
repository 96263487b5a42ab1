// Leftovers: whatever is left and means something was not understood.

import type { Intent } from '../types.js';
import { FILLER_WORDS } from '../vocabulary.js';
import { dimensionOf } from './dimensions.js';
import type { ParseState } from './state.js';

/** The intents whose answer can be a rate per day: spend, and the top and compare questions about it. */
export const RATE_INTENTS: ReadonlySet<Intent> = new Set(['spend', 'top', 'compare']);

export function collectLeftovers(state: ParseState): void {
  const leftovers = state.rest
    .split(/\s+/)
    .filter(
      (w) =>
        w !== '' &&
        !FILLER_WORDS.has(w) &&
        !/^[-/.:=_]+$/.test(w) &&
        dimensionOf(state.dimensions, w) === null,
    );
  // A rate is answered for spend alone: "idle endpoints per day" asks something no answer gives.
  const rate = state.perDayWords && !RATE_INTENTS.has(state.intent ?? 'help') ? [state.perDayWords] : [];
  state.unrecognized = [...new Set([...state.knownNames, ...rate, ...leftovers])];
}

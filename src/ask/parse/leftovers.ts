// Leftovers: whatever is left and means something was not understood.
import { FILLER_WORDS } from '../vocabulary.js';
import { dimensionOf } from './dimensions.js';
import type { ParseState } from './state.js';

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
  state.unrecognized = [...new Set([...state.knownNames, ...leftovers])];
}

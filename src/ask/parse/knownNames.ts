// Names of endpoints and models burnrate knows win over every word pattern: "ranker-v14" is a model, not a
// region, and "fraud-gbdt-v22" is one name, not "fraud" plus a region. They are taken first and kept aside for
// the steps that use them (the unit cost's subject); one no step uses is reported as not understood.
import { escapeRe, isValueWord } from './names.js';
import { type ParseState, take } from './state.js';

// The candidate names of a names list, longest first, worked out once per list (the list is the same object for
// every question until the data changes).
const candidatesOf = new WeakMap<readonly string[], readonly string[]>();

function candidates(names: readonly string[]): readonly string[] {
  let sorted = candidatesOf.get(names);
  if (!sorted) {
    // Longest first, so "search-ranker-apac" is not read as "search-ranker".
    sorted = [...new Set(names)].filter(isValueWord).sort((a, b) => b.length - a.length);
    candidatesOf.set(names, sorted);
  }
  return sorted;
}

export function readKnownNames(state: ParseState): void {
  for (const name of candidates(state.ctx.names ?? [])) {
    // Thousands of names against a question of a few words: only a name still in the text can match.
    if (!state.rest.includes(name)) continue;
    take(state, new RegExp(`(?<=\\s)${escapeRe(name)}(?=\\s)`, 'g'), () => {
      if (!state.knownNames.includes(name)) state.knownNames.push(name);
    });
  }
}

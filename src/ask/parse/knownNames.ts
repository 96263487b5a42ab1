// Names of endpoints and models burnrate knows win over every word pattern: "ranker-v14" is a model, not a
// region, and "fraud-gbdt-v22" is one name, not "fraud" plus a region. They are taken first and kept aside for
// the steps that use them (the unit cost's subject); one no step uses is reported as not understood.
import { escapeRe, isValueWord } from './names.js';
import { type ParseState, take } from './state.js';

export function readKnownNames(state: ParseState): void {
  // Longest first, so "search-ranker-apac" is not read as "search-ranker".
  const names = [...new Set(state.ctx.names ?? [])].filter(isValueWord).sort((a, b) => b.length - a.length);
  for (const name of names) {
    take(state, new RegExp(`(?<=\\s)${escapeRe(name)}(?=\\s)`, 'g'), () => {
      if (!state.knownNames.includes(name)) state.knownNames.push(name);
    });
  }
}

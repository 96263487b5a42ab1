// How many rows and of what: "top 5 endpoints", "3 biggest projects", "which teams".
import { NUMBER_WORDS, parseCount } from '../dates.js';
import { dimensionOf } from './dimensions.js';
import { addGroup, type ParseState, take } from './state.js';

// Rows shown for "top" questions that do not say how many.
export const DEFAULT_TOP_N = 5;
// More rows than this stop being an answer and become a report.
export const MAX_TOP_N = 50;

const NUMBER_ALT = `\\d{1,3}|${Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'a')
  .join('|')}`;

export function readTopN(state: ParseState): void {
  take(
    state,
    new RegExp(
      `\\b(?:(${NUMBER_ALT})\\s+)?(top|biggest|largest|most\\sexpensive|costliest|priciest|which)\\s+(?:(${NUMBER_ALT})\\s+)?(${state.dimensions.alternation})\\b(?!\\s+(?:are|is)\\s+(?:idle|running|unused|deployed|active)\\b)`,
      'g',
    ),
    (m) => {
      const d = dimensionOf(state.dimensions, m[4] ?? '');
      if (d) addGroup(state, d);
      const count = m[1] ?? m[3];
      if (count) state.topN = parseCount(count) ?? DEFAULT_TOP_N;
      if (m[2] !== 'which') state.found.add('top');
    },
  );
  take(state, new RegExp(`\\btop\\s(${NUMBER_ALT})\\b`, 'g'), (m) => {
    state.topN = parseCount(m[1] ?? '') ?? DEFAULT_TOP_N;
    state.found.add('top');
  });
  take(
    state,
    new RegExp(`\\b(${NUMBER_ALT})\\s+(?:biggest|largest|most\\sexpensive|costliest|priciest)\\b`, 'g'),
    (m) => {
      state.topN = parseCount(m[1] ?? '') ?? DEFAULT_TOP_N;
      state.found.add('top');
    },
  );
}

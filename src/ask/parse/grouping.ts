// Grouping: "by team", "per project and region", "endpoint breakdown", "GPUs", "a cost breakdown".
import { dimensionOf } from './dimensions.js';
import { addGroup, type ParseState, take } from './state.js';

/** The words that introduce a dimension to group by, as a regular-expression alternation. */
export const GROUP_WORDS =
  'by|per|for\\seach|each|every|across|split\\sby|broken\\sdown\\sby|breakdown\\sby|grouped\\sby|group\\sby';

// A breakdown that names no dimension is by kind: training, prediction, pipelines, other — the overview.
const DEFAULT_BREAKDOWN = 'kind';

export function readGrouping(state: ParseState): void {
  const { dimensions } = state;
  const dimAlt = dimensions.alternation;
  const groupRe = new RegExp(
    `\\b(?:${GROUP_WORDS})\\s(?:the\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt})(?:\\s?(?:and|&|,)\\s(?:by\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt}))?\\b`,
    'g',
  );
  take(state, groupRe, (m) => {
    for (const w of [m[1], m[2]]) {
      const d = w ? dimensionOf(dimensions, w) : null;
      if (d) addGroup(state, d);
    }
  });
  take(state, new RegExp(`\\b(${dimAlt})\\s(?:breakdown|split)\\b`, 'g'), (m) => {
    const d = dimensionOf(dimensions, m[1] ?? '');
    if (d) addGroup(state, d);
  });
  if (/\b(?:gpus?|tpus?)\b/.test(state.rest)) {
    take(state, /\b(?:gpus?|tpus?)\b/g, () => addGroup(state, 'accelerator'));
  }
  take(state, /\b(?:an?\s)?(?:breakdown|split)(?:\sof)?\b/g, () => {
    if (state.groupBy.length === 0) addGroup(state, DEFAULT_BREAKDOWN);
  });
}

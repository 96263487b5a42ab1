// Grouping: "by team", "per project and region", "endpoint breakdown", "GPUs".
import { dimensionOf } from './dimensions.js';
import { addGroup, type ParseState, take } from './state.js';

export function readGrouping(state: ParseState): void {
  const { dimensions } = state;
  const dimAlt = dimensions.alternation;
  const groupRe = new RegExp(
    `\\b(?:by|per|for\\seach|each|every|across|split\\sby|broken\\sdown\\sby|breakdown\\sby|grouped\\sby|group\\sby)\\s(?:the\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt})(?:\\s?(?:and|&|,)\\s(?:by\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt}))?\\b`,
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
}

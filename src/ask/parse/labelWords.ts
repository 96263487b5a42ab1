// "Label" written as a word beside a key: "env label prod", "label team is search" filter by a label's value;
// "by the team label", "team label breakdown", "label env spend" group by it. A key burnrate does not collect is
// named as a problem, as "owner:alice" is.
import { GROUP_WORDS } from './grouping.js';
import { escapeRe, isValueWord } from './names.js';
import { addGroup, type ParseState, setLabel, take } from './state.js';

// How a value is joined to "label <key>" / "<key> label": "is search", "= search", "set to search", "search".
const VALUE_JOIN = '(?:is\\s|=\\s?|of\\s|equals\\s|equal\\sto\\s|set\\sto\\s)?';

export function readLabelWords(state: ParseState): void {
  for (const key of state.labelKeys) {
    const keyWords = key === 'env' ? '(?:env|environment)' : escapeRe(key);
    const keyed = `(?:labels?\\s${keyWords}|${keyWords}\\slabels?)`;
    take(
      state,
      new RegExp(
        `\\b(?:(?:with|where|having|for|of|on|in)\\s)?(?:the\\s|a\\s)?${keyed}\\s${VALUE_JOIN}([a-z0-9][a-z0-9_.-]*)\\b`,
        'g',
      ),
      (m) => {
        const value = m[1] ?? '';
        if (!isValueWord(value)) return false;
        setLabel(state, key, value);
      },
    );
    take(state, new RegExp(`\\b(?:(?:${GROUP_WORDS})\\s)?(?:the\\s|each\\s)?${keyed}\\b`, 'g'), () => {
      addGroup(state, `label:${key}`);
    });
  }
  take(state, /\b(?:labels?\s([a-z][a-z0-9_-]*)|([a-z][a-z0-9_-]*)\slabels?)\b/g, (m) => {
    const key = m[1] ?? m[2] ?? '';
    if (!isValueWord(key)) return false;
    state.problems.push(
      `"${key}" is not a label burnrate collects (collected: ${[...state.labelKeys].join(', ') || 'none'})`,
    );
  });
}

// Filters in words: "for the search team", "env prod", "project ml-prod", "in us-central1"; then,
// once intent words are consumed, kinds: "on training", "inference".
import type { SpendKind } from '../../domain/kinds.js';
import { isWordOf } from './dimensions.js';
import { escapeRe, isValueWord, notAProjectId, PROJECT_ID_RE } from './names.js';
import { type ParseState, setLabel, take } from './state.js';

// Google Cloud locations: a continent word, a direction and a number ("us-central1", "europe-west4"), never
// inside a longer hyphenated name ("ranker-v14", "fraud-gbdt-v22" are models).
const REGION_RE =
  /(?<![\w.-])((?:us|europe|asia|australia|northamerica|southamerica|me|africa)-[a-z]+\d+)(?![\w.-])/g;

const KIND_WORDS: ReadonlyArray<[SpendKind, RegExp]> = [
  ['training', /\b(?:training|train|trained|trainings|fine[\s-]?tun\w*|custom\sjobs?)\b/g],
  ['prediction', /\b(?:online\s|batch\s)?(?:predictions?|inference|serving)\b/g],
  ['pipelines', /\bpipelines?\b/g],
  ['genai', /\b(?:gen(?:erative)?[\s-]?ai|genai|gemini|llms?)\b/g],
];

/** Labels, projects and regions written as words. */
export function readWordFilters(state: ParseState): void {
  const { filters } = state;
  for (const key of state.labelKeys) {
    // A key that is also another dimension's word ("type") is not read as a label here.
    if (state.dimensions.words.some((d) => d.dimension !== `label:${key}` && isWordOf(d, key))) continue;
    const keyWords = key === 'env' ? 'env|environment' : escapeRe(key);
    take(
      state,
      new RegExp(
        `\\b(?:(?:for|of|on|from|in)\\s)?(?:the\\s|our\\s)?([a-z0-9][a-z0-9_.-]*)\\s(?:${keyWords})s?\\b`,
        'g',
      ),
      (m) => {
        const value = m[1] ?? '';
        if (!isValueWord(value)) return false;
        setLabel(state, key, value);
      },
    );
    take(
      state,
      new RegExp(`\\b(?:${keyWords})\\s(?:named\\s|called\\s)?([a-z0-9][a-z0-9_.-]*)\\b`, 'g'),
      (m) => {
        const value = m[1] ?? '';
        if (!isValueWord(value)) return false;
        setLabel(state, key, value);
      },
    );
  }
  take(state, /\bprojects?\s([a-z0-9][a-z0-9_-]*)\b/g, (m) => {
    const value = m[1] ?? '';
    if (PROJECT_ID_RE.test(value)) filters.project = value;
    else if (!isValueWord(value)) return false;
    else state.problems.push(notAProjectId(value));
  });
  for (const project of state.ctx.projects) {
    // Hundreds of projects: only one still in the text can match.
    if (!state.rest.includes(project)) continue;
    take(state, new RegExp(`\\b(?:(?:in|for|on|from)\\s)?${escapeRe(project)}\\b`, 'g'), () => {
      filters.project = project;
    });
  }
  take(state, REGION_RE, (m) => {
    filters.region = m[1] ?? '';
  });
}

/** Kinds written as words; the first one named wins. Runs after intent words ("zero predictions" is idle). */
export function readKindWords(state: ParseState): void {
  for (const [kind, pattern] of KIND_WORDS) {
    take(state, pattern, () => {
      state.filters.kind ??= kind;
    });
  }
}

// Generative-AI words: a model family ("gemini 2.5 flash"), tokens as the measure ("uses the most tokens"), and
// "by model" meaning the model family when the question is about generative AI (docs/asking.md).
import { addGroup, type ParseState, take } from './state.js';

const FAMILY_RE =
  /\b(gemini|claude|gemma|imagen|veo|llama)\s(\d+(?:\.\d+)?)(?:\s(pro|flash(?:[\s-]lite)?|ultra|nano|opus|sonnet|haiku))?\b/g;
const TOKENS_MEASURE_RE =
  /\b(?:(?:uses?|used|using|consumes?|consumed|burns?|burned|burnt)\s)?(?:the\s)?most\stokens\b|\btokens?\s(?:used|usage|use|count)\b|\b(?:how\smany|number\sof)\stokens\b|^\s*tokens\b/g;

/** Reads a model family as a filter (which also means generative AI), before typos or names touch it. */
export function readModelFamily(state: ParseState): void {
  take(state, FAMILY_RE, (m) => {
    // As the billing export writes it: "Gemini 2.5 Flash" (matched without case anyway).
    state.filters.modelFamily = m
      .slice(1)
      .filter((part): part is string => part !== undefined)
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
    state.filters.kind = 'genai';
  });
}

/** "uses the most tokens", "token usage": tokens are the measure. */
export function readTokenMeasure(state: ParseState): void {
  take(state, TOKENS_MEASURE_RE, (m) => {
    state.measure = 'tokens';
    state.filters.kind = 'genai';
    if (/\bmost\b/.test(m[0])) state.found.add('top');
  });
}

/** For generative AI, a "model" is the model family the billing export names (deployed models are not genai). */
export function readGenaiModelGrouping(state: ParseState): void {
  if (state.filters.kind !== 'genai') return;
  const at = state.groupBy.indexOf('model');
  if (at < 0) return;
  state.groupBy.splice(at, 1);
  addGroup(state, 'model_family');
}

// What names look like in a question: project ids, label values, endpoints and models.
import { NUMBER_WORDS } from '../dates.js';
import { FILLER_WORDS, KNOWN_WORDS } from '../vocabulary.js';

export const PROJECT_ID_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function notAProjectId(value: string): string {
  return `"${value}" is not a Google Cloud project id (6–30 lowercase letters, digits and -)`;
}

/** A word that can be a name (label value, endpoint): not a filler, not vocabulary, not a number word. */
export function isValueWord(word: string): boolean {
  return (
    word.length > 0 &&
    !FILLER_WORDS.has(word) &&
    !KNOWN_WORDS.has(word) &&
    !(word in NUMBER_WORDS) &&
    /^[a-z0-9]/.test(word)
  );
}

/** A name (label key, project id) as a literal inside a regular expression. */
export function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

// Typos: each unknown word close to exactly one known word is read as that word. Names next to
// "project", "team", … are left alone: they are values, not vocabulary.
import { correctWord, FILLER_WORDS, KNOWN_WORDS } from '../vocabulary.js';
import type { ParseState } from './state.js';

// Typos are corrected onto vocabulary and onto longer filler words ("whcih" → "which").
const CORRECTION_TARGETS: ReadonlySet<string> = new Set([
  ...KNOWN_WORDS,
  ...[...FILLER_WORDS].filter((w) => w.length >= 4),
]);

export function correctTypos(state: ParseState): void {
  const { labelKeys } = state;
  const protectedAfter = new Set(['project', 'endpoint', 'model', 'label', 'team', 'env', ...labelKeys]);
  const protectedBefore = new Set([
    'team',
    'env',
    'environment',
    'project',
    'endpoint',
    'model',
    ...labelKeys,
  ]);
  const names = new Set(state.ctx.projects);
  const words = state.rest.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (
      !word ||
      names.has(word) ||
      protectedAfter.has(words[i - 1] ?? '') ||
      protectedBefore.has(words[i + 1] ?? '')
    ) {
      continue;
    }
    if (FILLER_WORDS.has(word)) continue;
    const fixed = correctWord(word, CORRECTION_TARGETS);
    if (fixed) {
      words[i] = fixed;
      state.corrections.push(`${word} → ${fixed}`);
    }
  }
  state.rest = words.join(' ');
}

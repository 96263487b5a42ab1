// The questions offered when one was not understood: the supported questions closest to it. Pure and
// deterministic: what the parser did understand the question was about first, then the words it shares with each
// example (typos corrected, synonyms and plurals folded).
import { DEFAULT_SUGGESTIONS, EXAMPLE_QUESTIONS } from './examples.js';
import { normalizeQuestion } from './parse/normalize.js';
import type { Intent } from './types.js';
import { correctWord, FILLER_WORDS } from './vocabulary.js';

/** Suggestions offered under an answer that was not understood. */
export const SUGGESTION_COUNT = 2;

// Words the parser reads alike, folded to one so "cost" finds "spend" and "inference" finds "predictions".
const SAME_AS: Readonly<Record<string, string>> = {
  cost: 'spend',
  spent: 'spend',
  spending: 'spend',
  bill: 'spend',
  billing: 'spend',
  $: 'spend',
  usd: 'spend',
  money: 'spend',
  burn: 'spend',
  inference: 'prediction',
  serving: 'prediction',
  train: 'training',
  trained: 'training',
  finding: 'alert',
  warning: 'alert',
  issue: 'alert',
  unused: 'idle',
  live: 'running',
  active: 'running',
  deployed: 'running',
  gpu: 'accelerator',
  biggest: 'top',
  largest: 'top',
  vs: 'compare',
  versus: 'compare',
  daily: 'average',
  avg: 'average',
};

interface Example {
  question: string;
  intent: Intent;
  words: ReadonlySet<string>;
}

const EXAMPLES: readonly Example[] = Object.entries(EXAMPLE_QUESTIONS).flatMap(([intent, questions]) =>
  questions.map((question) => ({ question, intent: intent as Intent, words: meaningfulWords(question) })),
);

/** The words of a question that carry meaning, in one form each. */
export function meaningfulWords(text: string): ReadonlySet<string> {
  const words = normalizeQuestion(text)
    .split(/[\s:=?]+/)
    .filter((w) => w !== '' && !FILLER_WORDS.has(w));
  return new Set(
    words.map((w) => {
      const word = correctWord(w) ?? w;
      const single = word.length > 3 && /[^su]s$/.test(word) ? word.slice(0, -1) : word;
      return SAME_AS[single] ?? SAME_AS[word] ?? single;
    }),
  );
}

/**
 * The `count` example questions closest to `text`: those about the intent the question was understood to have
 * (unless it is help: nothing understood), then the most words shared, then the fewest words the question did
 * not ask about, then the order of the examples. A question with no intent and no word in common with any example
 * gets the broadest questions.
 */
export function closestQuestions(text: string, intent: Intent, count = SUGGESTION_COUNT): string[] {
  const asked = meaningfulWords(text);
  const ranked = EXAMPLES.map((example, order) => {
    const shared = [...example.words].filter((w) => asked.has(w)).length;
    return {
      question: example.question,
      sameIntent: intent !== 'help' && example.intent === intent ? 1 : 0,
      shared,
      unasked: example.words.size - shared,
      order,
    };
  }).sort(
    (a, b) =>
      b.sameIntent - a.sameIntent || b.shared - a.shared || a.unasked - b.unasked || a.order - b.order,
  );
  const best = ranked[0];
  if (!best || (best.sameIntent === 0 && best.shared === 0)) return DEFAULT_SUGGESTIONS.slice(0, count);
  return ranked.slice(0, count).map((r) => r.question);
}

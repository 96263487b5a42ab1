// The words the question parser knows, and typo correction onto them (edit distance with transpositions).
import { MONTH_NAMES, NUMBER_WORDS } from './dates.js';

/** Words that carry meaning for the parser; a misspelling close to exactly one of them is corrected. */
export const KNOWN_WORDS: ReadonlySet<string> = new Set([
  // spend
  'spend',
  'spent',
  'spending',
  'cost',
  'costs',
  'costing',
  'bill',
  'billing',
  'billed',
  'charges',
  'charged',
  'money',
  'much',
  'total',
  // rates
  'average',
  'daily',
  'lately',
  'recently',
  // periods
  'today',
  'yesterday',
  'week',
  'weeks',
  'month',
  'months',
  'quarter',
  'year',
  'days',
  'last',
  'past',
  'previous',
  'since',
  'between',
  'from',
  'this',
  'before',
  ...MONTH_NAMES,
  ...Object.keys(NUMBER_WORDS).filter((w) => w.length > 3),
  // intents
  'compare',
  'compared',
  'versus',
  'running',
  'live',
  'active',
  'deployed',
  'right',
  'idle',
  'unused',
  'traffic',
  'forecast',
  'projected',
  'projection',
  'expected',
  'predict',
  'budget',
  'budgets',
  'status',
  'accurate',
  'accuracy',
  'estimates',
  'savings',
  'save',
  'saving',
  'cheaper',
  'spot',
  'preemptible',
  'alerts',
  'alert',
  'findings',
  'finding',
  'issues',
  'warnings',
  'open',
  'help',
  'examples',
  'jump',
  'jumped',
  'spike',
  'spiked',
  'increase',
  'increased',
  'change',
  'changed',
  'drop',
  'dropped',
  'biggest',
  'largest',
  'highest',
  'expensive',
  'drivers',
  'top',
  'most',
  // dimensions and kinds
  'project',
  'projects',
  'region',
  'regions',
  'location',
  'kind',
  'sku',
  'skus',
  'endpoint',
  'endpoints',
  'model',
  'models',
  'job',
  'jobs',
  'machine',
  'machines',
  'machine_type',
  'accelerator',
  'accelerators',
  'label',
  'labels',
  'team',
  'teams',
  'environment',
  'training',
  'prediction',
  'predictions',
  'inference',
  'serving',
  'pipeline',
  'pipelines',
  'genai',
  'gemini',
  'generative',
  'other',
  'breakdown',
  'each',
  'per',
  'thousand',
  'requests',
]);

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Typos allowed for a word of this length: none for short words, where a slip changes meaning. */
function allowedDistance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * The known word a token most likely meant, or null when the token is known already, too short, or close to
 * more than one word equally (ambiguous corrections are not guessed).
 */
export function correctWord(token: string, vocabulary: ReadonlySet<string> = KNOWN_WORDS): string | null {
  if (vocabulary.has(token) || !/^[a-z]+$/.test(token)) return null;
  const limit = allowedDistance(token.length);
  if (limit === 0) return null;
  let best: string | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const word of vocabulary) {
    if (Math.abs(word.length - token.length) > limit) continue;
    const distance = editDistance(token, word);
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && word !== best) {
      tie = true;
    }
  }
  return best !== null && !tie && bestDistance <= limit ? best : null;
}

/** Words that carry no meaning of their own in a question ("how much did we …"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a',
  'about',
  'all',
  'am',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'been',
  'being',
  'by',
  'can',
  'could',
  'currently',
  'did',
  'do',
  'does',
  'doing',
  'each',
  'far',
  'for',
  'from',
  'get',
  'give',
  'gcp',
  'google',
  'cloud',
  'ai',
  'ml',
  'vertex',
  'has',
  'have',
  'how',
  'i',
  'in',
  'is',
  'it',
  'its',
  'just',
  'know',
  'let',
  'list',
  'many',
  'me',
  'much',
  'my',
  'now',
  'of',
  'on',
  'or',
  'our',
  'overall',
  'please',
  'right',
  'see',
  'show',
  'so',
  'tell',
  'than',
  'that',
  'the',
  'there',
  'these',
  'those',
  'to',
  'total',
  'up',
  'us',
  'was',
  'we',
  'were',
  'what',
  'whats',
  'when',
  'where',
  'which',
  'who',
  'why',
  'will',
  'with',
  'would',
  'you',
  'your',
  'hey',
  'hi',
  'hello',
  'thanks',
  'currently',
  'into',
  'look',
  'like',
  'does',
  'going',
  'got',
  'anything',
  'things',
  'stuff',
  'happening',
  'happened',
  'summary',
  'report',
  'usage',
  'amount',
  'over',
  'opportunities',
  'opportunity',
  'estimate',
  'estimated',
  'during',
  'within',
  'ideas',
]);

// The words that name a dimension to group by ("team", "machine types", a collected label key).
import type { Dimension } from '../types.js';
import { escapeRe } from './names.js';

interface DimensionWord {
  /** A regular-expression alternation of the words, without anchors. */
  pattern: string;
  dimension: Dimension;
}

export interface DimensionWords {
  readonly words: readonly DimensionWord[];
  /** Every pattern, longest first, as one alternation (so "machine types" wins over "machine"). */
  readonly alternation: string;
}

export function dimensionWords(labelKeys: readonly string[]): DimensionWords {
  const words: DimensionWord[] = [
    { pattern: 'projects?', dimension: 'project' },
    { pattern: 'regions?|locations?', dimension: 'region' },
    { pattern: 'kinds?|types?|workloads?|categor(?:y|ies)', dimension: 'kind' },
    { pattern: 'skus?|line items?', dimension: 'sku' },
    { pattern: 'days?|dates?', dimension: 'day' },
    { pattern: 'model famil(?:y|ies)|families', dimension: 'model_family' },
    { pattern: 'token types?|input and output|token kinds?', dimension: 'token_type' },
    { pattern: 'endpoints?', dimension: 'endpoint' },
    { pattern: 'models?', dimension: 'model' },
    { pattern: '(?:training |pipeline )?jobs?', dimension: 'job' },
    { pattern: 'machine[ _]types?|machines?|instance types?|vms?', dimension: 'machine_type' },
    { pattern: 'accelerator(?: type)?s?|gpu(?: type)?s?|tpus?|chips?', dimension: 'accelerator' },
    { pattern: 'teams?', dimension: 'label:team' },
    { pattern: 'envs?|environments?', dimension: 'label:env' },
  ];
  for (const key of labelKeys) {
    if (!words.some((d) => isWordOf(d, key))) {
      words.push({ pattern: escapeRe(key), dimension: `label:${key}` });
    }
  }
  const alternation = words
    .map((d) => d.pattern)
    .sort((a, b) => b.length - a.length)
    .join('|');
  return { words, alternation };
}

export function isWordOf(dimension: DimensionWord, word: string): boolean {
  return new RegExp(`^(?:${dimension.pattern})$`).test(word);
}

/** The dimension a word (or "label <key>", "label:<key>") names, or null. */
export function dimensionOf(dimensions: DimensionWords, word: string): Dimension | null {
  const labelMatch = /^label[:\s]([a-z][a-z0-9_-]*)$/.exec(word);
  if (labelMatch) return `label:${labelMatch[1]}`;
  return dimensions.words.find((d) => isWordOf(d, word))?.dimension ?? null;
}

// Which kind of Vertex AI spend a billing SKU is, from its description. Training comes first: Google prices custom
// training and pipeline steps with the same "Training/Pipelines on …" machine SKUs, and training is what they
// mostly are; SKUs that only name pipelines (pipeline runs) are pipelines.

import type { SpendKind } from '../domain/kinds.js';

const RULES: ReadonlyArray<readonly [RegExp, SpendKind]> = [
  [/\b(training|train|tuning)\b/i, 'training'],
  [/\bpipelines?\b/i, 'pipelines'],
  [/\b(prediction|predictions|inference|serving|endpoint)\b/i, 'prediction'],
];

export function billingKind(skuDescription: string): SpendKind {
  for (const [pattern, kind] of RULES) if (pattern.test(skuDescription)) return kind;
  return 'other';
}

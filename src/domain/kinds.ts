// The kinds spend is split into, the same for billing rows, estimates and questions.

import type { JobKind } from './jobs.js';

// genai: publisher models (Gemini, Model Garden partners) billed per token, character, image or request;
// prediction is serving on dedicated machines (online and batch).
export const SPEND_KINDS = ['training', 'prediction', 'genai', 'pipelines', 'other'] as const;
export type SpendKind = (typeof SPEND_KINDS)[number];

// The kinds a catalog estimate covers: machines burnrate sees running. Generative-AI use is billed per token,
// character or request and is known only from the billing export, so it is never estimated.
export const ESTIMATED_KINDS: readonly SpendKind[] = SPEND_KINDS.filter((kind) => kind !== 'genai');

export function isSpendKind(value: string): value is SpendKind {
  return (SPEND_KINDS as readonly string[]).includes(value);
}

/** A stored kind as a spend kind (anything unknown is "other"). */
export function asSpendKind(value: string): SpendKind {
  return isSpendKind(value) ? value : 'other';
}

/** The spend kind of a job kind: what its machines are billed as. */
export function spendKindOfJob(kind: JobKind | string): SpendKind {
  switch (kind) {
    case 'custom':
    case 'hptuning':
    case 'training_pipeline':
      return 'training';
    case 'pipeline':
      return 'pipelines';
    case 'batch_prediction':
      return 'prediction';
    default:
      return 'other';
  }
}

// Which kind of Vertex AI spend a billing-export row is, and the model family of a generative-AI SKU. The export
// has no field for either: they come from the service, the SKU description and the labels Vertex AI attaches
// to what it bills (docs/pipeline.md, "Kinds", cites each fact).

import type { SpendKind } from './kinds.js';

/** What classifying a row reads. */
export interface BillableRow {
  service: string;
  skuDescription: string;
  /** Value of the `goog-vertex-ai-product` label: Compute Engine usage Vertex AI runs on Spot/reserved VMs. */
  vertexProduct?: string | null;
  /** The row carries `vertex-ai-pipelines-run-billing-id`: a resource a pipeline run launched. */
  pipelineRun?: boolean;
}

// Publisher models (Gemini, Imagen, partner models in Model Garden) bill per token, character, image or request.
const GENAI_MODELS =
  /\b(?:gemini|gemma|imagen|veo|lyria|chirp|codey|palm|bison|gecko|claude|llama|mistral|mixtral|codestral|jamba|deepseek|qwen|kimi|text[\s-]embedding|multimodal[\s-]embedding)\b/i;
const GENAI_UNITS = /\b(?:tokens?|characters?|provisioned\s+throughput|grounding|llm)\b/i;

const SKU_RULES: ReadonlyArray<readonly [RegExp, SpendKind]> = [
  // Custom training and pipeline steps share the "Training/Pipelines" machine SKUs; without a pipeline run's
  // label they are training.
  [/\b(training|train|tuning)\b/i, 'training'],
  [/\bpipelines?\b/i, 'pipelines'],
  [/\b(prediction|predictions|inference|serving|endpoint)\b/i, 'prediction'],
];

// Values of goog-vertex-ai-product on Compute Engine rows. Google documents "vertex-ai-online-prediction" and
// "workbench-instances"; others are read by their words.
const PRODUCT_RULES: ReadonlyArray<readonly [RegExp, SpendKind]> = [
  [/pipeline/i, 'pipelines'],
  [/predict|inference|serving/i, 'prediction'],
  [/train|tuning|custom-?job/i, 'training'],
];

export function billingKind(row: BillableRow): SpendKind {
  if (row.pipelineRun) return 'pipelines';
  if (row.vertexProduct) {
    for (const [pattern, kind] of PRODUCT_RULES) if (pattern.test(row.vertexProduct)) return kind;
    return 'other';
  }
  const text = row.skuDescription;
  if (GENAI_MODELS.test(text) || GENAI_UNITS.test(text)) return 'genai';
  for (const [pattern, kind] of SKU_RULES) if (pattern.test(text)) return kind;
  return 'other';
}

// "Gemini 2.5 Flash Lite", "Claude 3.5 Sonnet", "Imagen 4", "Text Embedding 005": the publisher's name, its
// version and tier, without the words that say what is metered (GA, Global, Text Input, Thinking…).
const FAMILIES: readonly RegExp[] = [
  /\bGemini(?:\s+\d+(?:\.\d+)?)?(?:\s+(?:Pro|Flash|Ultra|Nano))?(?:[\s-]Lite)?/i,
  /\bClaude(?:\s+\d+(?:\.\d+)?)?(?:\s+(?:Opus|Sonnet|Haiku))?(?:\s+\d+(?:\.\d+)?)?/i,
  /\b(?:Imagen|Veo|Lyria|Chirp|Gemma|Llama|Mistral|Mixtral|Codestral|Jamba|DeepSeek|Qwen|Kimi)(?:[\s-]+[\w.]*\d[\w.]*)?/i,
  /\b(?:Multimodal|Text)[\s-]Embedding(?:[\s-]+[\w.]*\d[\w.]*)?/i,
];

/** The model family a generative-AI SKU bills, e.g. "Gemini 2.5 Flash"; null for anything else. */
export function genaiModelFamily(skuDescription: string): string | null {
  for (const pattern of FAMILIES) {
    const match = pattern.exec(skuDescription);
    if (match) return match[0].trim();
  }
  return null;
}

// Which kind of Vertex AI spend a billing-export row is: from its service, SKU description and the labels
// Vertex AI puts on what it bills (see docs/pipeline.md, "Kinds").
import { describe, expect, it } from 'vitest';
import { billingKind, genaiModelFamily } from '../../src/domain/billingKind.js';

const VERTEX = 'Vertex AI';
const COMPUTE = 'Compute Engine';

describe('billingKind', () => {
  it.each([
    // On-demand Vertex AI machine SKUs.
    [
      VERTEX,
      'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
      null,
      false,
      'training',
    ],
    [
      VERTEX,
      'Vertex AI: Training/Pipelines Management fee on Nvidia Tesla A100 GPU in Americas',
      null,
      false,
      'training',
    ],
    [
      VERTEX,
      'Vertex AI: Online/Batch Prediction Nvidia L4 GPU running in Americas',
      null,
      false,
      'prediction',
    ],
    [VERTEX, 'Hyperparameter tuning N1 Core', null, false, 'training'],
    [VERTEX, 'Vertex AI Feature Store: Online Serving Node', null, false, 'prediction'],
    [VERTEX, 'Vertex AI Pipelines: Pipeline Run', null, false, 'pipelines'],
    // A pipeline step runs on the same Training/Pipelines SKUs: the run's billing label tells it apart.
    [
      VERTEX,
      'Vertex AI: Training/Pipelines on E2 Instance Core running in Americas',
      null,
      true,
      'pipelines',
    ],
    [
      COMPUTE,
      'Spot Preemptible N1 Predefined Instance Core running in Americas',
      'vertex-ai-training',
      true,
      'pipelines',
    ],
    // Publisher models bill per token, character, image or request: generative AI, not endpoint serving.
    [VERTEX, 'Gemini 2.5 Flash GA Text Input - Predictions', null, false, 'genai'],
    [VERTEX, 'Gemini 2.5 Pro Thinking Text Output - Predictions', null, false, 'genai'],
    [VERTEX, 'Gemini 2.5 Flash GA Input Text Caching', null, false, 'genai'],
    [VERTEX, 'Gemini 3 Flash Global Text Input - Predictions', null, false, 'genai'],
    [VERTEX, 'Imagen 4 Image Generation - Predictions', null, false, 'genai'],
    [VERTEX, 'Claude 3.5 Sonnet Input Tokens', null, false, 'genai'],
    [VERTEX, 'LLM Grounding with Google Search tool - Predictions', null, false, 'genai'],
    [VERTEX, 'Vertex AI: Provisioned Throughput 1 month', null, false, 'genai'],
    [VERTEX, 'Text Embedding 005 Input Characters - Predictions', null, false, 'genai'],
    // Spot, reservation and Flex-start machines bill as Compute Engine SKUs labelled by Vertex AI.
    [
      COMPUTE,
      'Spot Preemptible N1 Predefined Instance Core running in Americas',
      'vertex-ai-online-prediction',
      false,
      'prediction',
    ],
    [
      COMPUTE,
      'Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Americas',
      'vertex-ai-training',
      false,
      'training',
    ],
    [COMPUTE, 'A3 Instance Core running in Americas', 'workbench-instances', false, 'other'],
    [COMPUTE, 'N1 Predefined Instance Core running in Americas', 'something-new', false, 'other'],
    [VERTEX, 'Vertex AI: Model Registry storage', null, false, 'other'],
  ] as const)(
    '%s %s (%s, pipeline run %s) → %s',
    (service, skuDescription, vertexProduct, pipelineRun, kind) => {
      expect(billingKind({ service, skuDescription, vertexProduct, pipelineRun })).toBe(kind);
    },
  );
});

describe('genaiModelFamily', () => {
  it.each([
    ['Gemini 2.5 Flash GA Text Input - Predictions', 'Gemini 2.5 Flash'],
    ['Gemini 2.5 Flash Lite Text Output - Predictions', 'Gemini 2.5 Flash Lite'],
    ['Gemini 2.5 Pro Thinking Text Output - Predictions', 'Gemini 2.5 Pro'],
    ['Gemini 3 Flash Global Text Input - Predictions', 'Gemini 3 Flash'],
    ['Gemini 2.0 Flash Text Input - Predictions', 'Gemini 2.0 Flash'],
    ['Claude 3.5 Sonnet Input Tokens', 'Claude 3.5 Sonnet'],
    ['Imagen 4 Image Generation - Predictions', 'Imagen 4'],
    ['Text Embedding 005 Input Characters - Predictions', 'Text Embedding 005'],
    ['Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Americas', null],
  ])('%s → %s', (description, family) => {
    expect(genaiModelFamily(description)).toBe(family);
  });
});

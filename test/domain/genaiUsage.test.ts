import { describe, expect, it } from 'vitest';
import { genaiTokenType, tokensPerUnit } from '../../src/domain/genaiUsage.js';

describe('genaiTokenType', () => {
  it.each([
    ['Gemini 2.5 Flash GA Text Input - Predictions', 'input'],
    ['Gemini 2.5 Flash GA Text Output - Predictions', 'output'],
    ['Gemini 2.5 Flash GA Thinking Text Output - Predictions', 'output'],
    ['Gemini 2.5 Flash GA Input Text Caching', 'cached'],
    ['Gemini 2.5 Pro Cached Text Input - Predictions', 'cached'],
    ['Gemini 2.5 Flash Text Input Caching Storage', 'other'],
    ['Gemini 3 Flash Global Text Input - Predictions', 'input'],
    ['Gemini 2.5 Pro Audio Input - Predictions', 'input'],
    ['LLM Grounding with Google Search tool - Predictions', 'other'],
    ['Vertex AI: Provisioned Throughput 1 month', 'other'],
  ] as const)('%s → %s', (description, type) => {
    expect(genaiTokenType(description)).toBe(type);
  });
});

describe('tokensPerUnit', () => {
  it.each([
    ['count', 1],
    ['tokens', 1],
    ['1000 count', 1000],
    ['1 M count', 1e6],
    ['h', null],
    ['requests', null],
    [null, null],
  ] as const)('%s → %s', (unit, tokens) => {
    expect(tokensPerUnit(unit)).toBe(tokens);
  });
});

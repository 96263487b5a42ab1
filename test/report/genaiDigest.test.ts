import { describe, expect, it } from 'vitest';
import type { DailySpendRow } from '../../src/db/queries/billingReads.js';
import { genaiWeek } from '../../src/report/genaiDigest.js';

const row = (over: Partial<DailySpendRow>): DailySpendRow => ({
  day: '2026-11-17',
  project: 'ml-prod',
  skuId: 'E3B1-7C20-4A01',
  skuDescription: 'Gemini 2.5 Flash GA Text Input - Predictions',
  kind: 'genai',
  labels: {},
  cost: 10,
  modelFamily: 'Gemini 2.5 Flash',
  ...over,
});
const pro = { modelFamily: 'Gemini 2.5 Pro', skuDescription: 'Gemini 2.5 Pro Text Output - Predictions' };
const training = { kind: 'training' as const, modelFamily: null, skuDescription: 'Custom Training' };

describe('genaiWeek', () => {
  it.each([
    {
      name: 'genai spend in both weeks, the top family by cost',
      current: [row({ cost: 30 }), row({ ...pro, cost: 50 }), row({ ...training, cost: 500 })],
      previous: [row({ cost: 40 })],
      expected: {
        current: 80,
        previous: 40,
        topFamily: { name: 'Gemini 2.5 Pro', cost: 50, share: 50 / 80 },
      },
    },
    {
      name: 'new this week',
      current: [row({ cost: 12 })],
      previous: [row({ ...training })],
      expected: { current: 12, previous: 0, topFamily: { name: 'Gemini 2.5 Flash', cost: 12, share: 1 } },
    },
    {
      name: 'gone this week: no top family',
      current: [row({ ...training })],
      previous: [row({ cost: 7 })],
      expected: { current: 0, previous: 7, topFamily: null },
    },
    {
      name: 'genai rows without a family name none',
      current: [row({ modelFamily: null, cost: 3 })],
      previous: [],
      expected: { current: 3, previous: 0, topFamily: null },
    },
    {
      name: 'a tie goes to the first name',
      current: [row({ ...pro, cost: 5 }), row({ cost: 5 })],
      previous: [],
      expected: { current: 10, previous: 0, topFamily: { name: 'Gemini 2.5 Flash', cost: 5, share: 0.5 } },
    },
    { name: 'no genai in either week', current: [row(training)], previous: [], expected: null },
  ])('$name', ({ current, previous, expected }) => {
    expect(genaiWeek(current, previous)).toEqual(expected);
  });
});

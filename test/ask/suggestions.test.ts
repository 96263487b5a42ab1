// The questions offered when one was not understood: each works as offered, and the two closest are chosen by
// the words shared and the intent understood.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTIONS, EXAMPLE_QUESTIONS } from '../../src/ask/examples.js';
import { parseQuestion } from '../../src/ask/parse/index.js';
import { closestQuestions, meaningfulWords } from '../../src/ask/suggestions.js';
import type { Intent } from '../../src/ask/types.js';
import { configSchema } from '../../src/config/schema.js';

// The default configuration's label keys: suggestions must work before anyone configures more.
const ctx = {
  today: '2026-11-28',
  labelKeys: configSchema.parse({}).google.billingExport.labelKeys,
  projects: ['ml-prod'],
};
const ALL = Object.values(EXAMPLE_QUESTIONS).flat();

describe('example questions', () => {
  it.each(Object.entries(EXAMPLE_QUESTIONS).flatMap(([intent, qs]) => qs.map((q) => [q, intent] as const)))(
    '"%s" is understood as %s',
    (q, intent) => {
      const r = parseQuestion(q, ctx);
      expect(r.understood).toBe(true);
      expect(r.intent).toBe(intent);
    },
  );

  it('every intent but help has examples, and the defaults are among them', () => {
    for (const [intent, qs] of Object.entries(EXAMPLE_QUESTIONS))
      expect(qs.length, intent).toBeGreaterThan(1);
    for (const q of DEFAULT_SUGGESTIONS) expect(ALL).toContain(q);
  });
});

describe('meaningfulWords', () => {
  it.each([
    ['How much did we spend on training last week?', ['spend', 'training', 'last', 'week']],
    ['costs for the teams', ['spend', 'team']],
    ['trainig cost by endpoints', ['training', 'spend', 'endpoint']],
    ['budget status for team:search', ['budget', 'status', 'team', 'search']],
  ])('%s', (q, words) => {
    expect([...meaningfulWords(q)].sort()).toEqual([...words].sort());
  });
});

describe('closestQuestions', () => {
  it.each<[string, Intent, string[]]>([
    [
      'how much did we spend on flurbs last week',
      'spend',
      ['how much did we spend on training last week?', 'average daily spend last week'],
    ],
    ['alerts for flurb', 'alerts', ['any alerts right now?', 'show open alerts']],
    [
      'forecast for the flurb team',
      'forecast',
      ['forecast for team:search', 'what will we spend this month?'],
    ],
    ['idle endpoints per day', 'idle', ['idle endpoints last 7 days', 'which endpoints are idle?']],
    [
      'cost per request of the flurb service',
      'unit_cost',
      ['cost per 1k predictions for fraud-model', 'cost per 1k predictions for fraud-model last week'],
    ],
    // Nothing understood: the shared words alone decide.
    ['which teams are flurbing', 'help', ['forecast for team:search', 'vertex spend by team this month']],
    ['flurbs', 'help', [...DEFAULT_SUGGESTIONS]],
    ['SELECT * FROM kv', 'help', [...DEFAULT_SUGGESTIONS]],
  ])('%s (%s)', (q, intent, expected) => {
    expect(closestQuestions(q, intent)).toEqual(expected);
  });

  it('the intent understood outweighs any words in common', () => {
    const words = 'spend on gpus last week';
    expect(closestQuestions(words, 'spend')[0]).toBe('how much did we spend on training last week?');
    expect(closestQuestions(words, 'savings').sort()).toEqual([...EXAMPLE_QUESTIONS.savings].sort());
  });

  it('gives two distinct questions that work, the same each time', () => {
    for (const q of ['flurbs', 'top flurbs', 'budget flurbs right now', 'why flurbs']) {
      const first = closestQuestions(q, 'help');
      expect(new Set(first).size).toBe(2);
      for (const s of first) expect(ALL).toContain(s);
      expect(closestQuestions(q, 'help')).toEqual(first);
    }
  });
});

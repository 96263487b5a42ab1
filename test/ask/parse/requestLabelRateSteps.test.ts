// The steps that read request words, "label" beside a key, and rates, each on its own: what they take, what they
// record, and what they leave for the steps after them.
import { describe, expect, it } from 'vitest';
import { readGrouping } from '../../../src/ask/parse/grouping.js';
import { readIntentWords } from '../../../src/ask/parse/intentWords.js';
import { readLabelWords } from '../../../src/ask/parse/labelWords.js';
import { collectLeftovers } from '../../../src/ask/parse/leftovers.js';
import { normalizeQuestion } from '../../../src/ask/parse/normalize.js';
import { readPeriods } from '../../../src/ask/parse/periods.js';
import { pickIntent } from '../../../src/ask/parse/pickIntent.js';
import { readRate } from '../../../src/ask/parse/rate.js';
import { readRequestWords } from '../../../src/ask/parse/requestWords.js';
import { type ParseState, type ParseStep, startParse } from '../../../src/ask/parse/state.js';
import { ctx, LAST_7, LAST_WEEK } from './phrasingCase.js';

function run(question: string, ...steps: ParseStep[]): ParseState {
  const state = startParse(normalizeQuestion(question), ctx);
  for (const step of steps) step(state);
  return state;
}

function left(state: ParseState): string {
  return state.rest.trim().replace(/\s+/g, ' ');
}

const range = (p: { start: string; end: string } | null) => (p ? [p.start, p.end] : null);

describe('normalizeQuestion drops contractions', () => {
  it.each([
    ["I'd like to see spend", 'i like to see spend'],
    ["we've spent how much", 'we spent how much'],
    ["what we're spending", 'what we spending'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeQuestion(raw)).toBe(normalized);
  });
});

describe('readRequestWords', () => {
  it.each([
    ['break down spend by team', 'spend by team'],
    ['could you break it all down by region', 'could you by region'],
    ['pull up spend for october', 'spend for october'],
    ['summarise and print the spend', 'and the spend'],
    ['i want to know the budget', 'i know the budget'],
    // "broken down by" is a grouping, left for the grouping step.
    ['spend broken down by project', 'spend broken down by project'],
  ])('%s → %s', (q, rest) => {
    expect(left(run(q, readRequestWords))).toBe(rest);
  });
});

describe('readLabelWords', () => {
  it.each([
    { q: 'env label prod', filters: { labels: { env: 'prod' } }, groupBy: [], rest: '' },
    {
      q: 'spend where label team is search',
      filters: { labels: { team: 'search' } },
      groupBy: [],
      rest: 'spend',
    },
    {
      q: 'spend with the team label set to ads',
      filters: { labels: { team: 'ads' } },
      groupBy: [],
      rest: 'spend',
    },
    {
      q: 'spend in the environment label staging',
      filters: { labels: { env: 'staging' } },
      groupBy: [],
      rest: 'spend',
    },
    { q: 'team label breakdown', filters: {}, groupBy: ['label:team'], rest: 'breakdown' },
    { q: 'label env spend this month', filters: {}, groupBy: ['label:env'], rest: 'spend this month' },
    { q: 'spend by the model label', filters: {}, groupBy: ['label:model'], rest: 'spend' },
    // A known word after the key is no value: "team label last week" groups.
    { q: 'spend per team label last week', filters: {}, groupBy: ['label:team'], rest: 'spend last week' },
  ])('$q', ({ q, filters, groupBy, rest }) => {
    const state = run(q, readLabelWords);
    expect(state.filters).toEqual(filters);
    expect(state.groupBy).toEqual(groupBy);
    expect(state.problems).toEqual([]);
    expect(left(state)).toBe(rest);
  });

  it('a key burnrate does not collect is a problem that names the collected ones', () => {
    expect(run('spend by owner label', readLabelWords).problems).toEqual([
      '"owner" is not a label burnrate collects (collected: team, env, model)',
    ]);
    expect(run('spend by label', readLabelWords).problems).toEqual([]);
  });
});

describe('readGrouping: a breakdown without a dimension', () => {
  it.each([
    { q: 'cost breakdown', groupBy: ['kind'], rest: 'cost' },
    { q: 'a breakdown of spend', groupBy: ['kind'], rest: 'spend' },
    { q: 'breakdown of spend by region', groupBy: ['region'], rest: 'spend' },
  ])('$q', ({ q, groupBy, rest }) => {
    const state = run(q, readGrouping);
    expect(state.groupBy).toEqual(groupBy);
    expect(left(state)).toBe(rest);
  });
});

describe('readRate', () => {
  it.each([
    { q: 'spend per day', words: 'per day', rest: 'spend' },
    { q: 'what do we spend a day on average', words: 'a day on average', rest: 'what do we spend' },
    { q: 'daily average spend', words: 'daily average', rest: 'spend' },
    { q: 'average daily cost', words: 'average daily', rest: 'cost' },
    { q: 'avg spend', words: 'avg', rest: 'spend' },
    { q: 'our burn rate', words: 'burn rate', rest: 'our' },
    { q: 'spend', words: null, rest: 'spend' },
  ])('$q', ({ q, words, rest }) => {
    const state = run(q, readRate);
    expect(state.perDayWords).toBe(words);
    expect(left(state)).toBe(rest);
  });

  it('"lately" is the last 7 whole days, in words, unless a period was named', () => {
    const lately = run('spend lately', readPeriods, readRate);
    expect(range(lately.period)).toEqual(LAST_7);
    expect(lately.periodWords).toBe('the last 7 days');
    const named = run('spend last week lately', readPeriods, readRate);
    expect(range(named.period)).toEqual(LAST_WEEK);
    expect(left(named)).toBe('spend');
  });

  it('the period words come first: "the day before yesterday" is no rate', () => {
    expect(run('spend the day before yesterday', readPeriods, readRate).perDayWords).toBeNull();
  });

  it('a rate alone asks about spend; a rate of anything else is not understood', () => {
    const rate = run('daily average', readRate, pickIntent, collectLeftovers);
    expect(rate.intent).toBe('spend');
    expect(rate.unrecognized).toEqual([]);
    const idle = run('idle per day', readRate, readIntentWords, pickIntent, collectLeftovers);
    expect(idle.intent).toBe('idle');
    expect(idle.unrecognized).toEqual(['per day']);
  });
});

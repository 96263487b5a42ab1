// Each parse step on its own: what it reads from the words left, what it records, and what it leaves.
import { describe, expect, it } from 'vitest';
import { readExplicitFilters } from '../../../src/ask/parse/explicitFilters.js';
import { readGrouping } from '../../../src/ask/parse/grouping.js';
import { readIntentWords } from '../../../src/ask/parse/intentWords.js';
import { collectLeftovers } from '../../../src/ask/parse/leftovers.js';
import { isHelpRequest, normalizeQuestion } from '../../../src/ask/parse/normalize.js';
import { readPeriods } from '../../../src/ask/parse/periods.js';
import { pickIntent } from '../../../src/ask/parse/pickIntent.js';
import { toQuestion } from '../../../src/ask/parse/question.js';
import { type ParseState, type ParseStep, startParse } from '../../../src/ask/parse/state.js';
import { readSubject } from '../../../src/ask/parse/subject.js';
import { readTopN } from '../../../src/ask/parse/topN.js';
import { correctTypos } from '../../../src/ask/parse/typos.js';
import { readUnitCost } from '../../../src/ask/parse/unitCost.js';
import { readKindWords, readWordFilters } from '../../../src/ask/parse/wordFilters.js';

// Today is Saturday 2026-11-28 throughout.
const ctx = { today: '2026-11-28', labelKeys: ['team', 'env', 'model'], projects: ['ml-prod', 'ml-dev'] };
const MTD = { start: '2026-11-01', end: '2026-11-29' };
const LAST_WEEK = { start: '2026-11-16', end: '2026-11-23' };

function run(question: string, ...steps: ParseStep[]): ParseState {
  const state = startParse(normalizeQuestion(question), ctx);
  for (const step of steps) step(state);
  return state;
}

/** The words no step took, single-spaced. */
function left(state: ParseState): string {
  return state.rest.trim().replace(/\s+/g, ' ');
}

describe('normalizeQuestion', () => {
  it.each([
    ["What's the spend?", 'what is the spend'],
    ['Spend THIS Month!!!', 'spend this month'],
    ['what\u2019s the team\u2019s bill', 'what is the team bill'],
    ['$5 yesterday', '$ 5 yesterday'],
    ['spend for team:search.', 'spend for team:search'],
    ['cost of model v1.5', 'cost of model v1.5'],
    ['spend -- / ..', 'spend'],
    ['<@U123> spend', 'u123 spend'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeQuestion(raw)).toBe(normalized);
  });
});

describe('isHelpRequest', () => {
  it.each([
    ['', true],
    ['help', true],
    ['what can you do', true],
    ['hi', true],
    ['examples', true],
    ['help me with spend', false],
    ['spend', false],
  ])('"%s" → %s', (text, help) => {
    expect(isHelpRequest(text)).toBe(help);
  });
});

describe('readExplicitFilters', () => {
  it.each([
    { q: 'spend project:ml-prod', filters: { project: 'ml-prod' }, rest: 'spend' },
    { q: 'spend region:europe-west4', filters: { region: 'europe-west4' }, rest: 'spend' },
    { q: 'kind:training spend', filters: { kind: 'training' }, rest: 'spend' },
    { q: 'team=search spend', filters: { labels: { team: 'search' } }, rest: 'spend' },
    { q: 'environment:prod', filters: { labels: { env: 'prod' } }, rest: '' },
    { q: 'spend by:owner', filters: {}, groupBy: ['label:owner'], rest: 'spend' },
  ])('$q', ({ q, filters, groupBy, rest }) => {
    const state = run(q, readExplicitFilters);
    expect(state.filters).toEqual(filters);
    expect(state.groupBy).toEqual(groupBy ?? []);
    expect(state.problems).toEqual([]);
    expect(left(state)).toBe(rest);
  });

  it.each([
    ['kind:foo', 'kind "foo" is not one of training, prediction, genai, pipelines, other'],
    ['project:x', '"x" is not a Google Cloud project id (6–30 lowercase letters, digits and -)'],
    [
      'owner:alice',
      '"owner" is not a label burnrate collects (collected: team, env, model); filters are project:, region:, kind: or a label',
    ],
  ])('%s is a problem, named', (q, problem) => {
    const state = run(q, readExplicitFilters);
    expect(state.problems).toEqual([problem]);
    expect(state.filters).toEqual({});
  });
});

describe('correctTypos', () => {
  it.each([
    { q: 'trainig cost yesterdya', rest: 'training cost yesterday', corrections: 2 },
    { q: 'spend by projcet', rest: 'spend by project', corrections: 1 },
    { q: 'whcih endpoints', rest: 'which endpoints', corrections: 1 },
    // Names are values, not vocabulary: next to "team", and known projects, stay as written.
    { q: 'spend team serch', rest: 'spend team serch', corrections: 0 },
    { q: 'spend ml-dev', rest: 'spend ml-dev', corrections: 0 },
  ])('$q', ({ q, rest, corrections }) => {
    const state = run(q, correctTypos);
    expect(left(state)).toBe(rest);
    expect(state.corrections).toHaveLength(corrections);
  });
});

describe('readUnitCost and readSubject', () => {
  it.each([
    { q: 'cost per 1k predictions for fraud-model', subject: 'fraud-model', rest: '' },
    { q: 'unit cost of the ranker endpoint', subject: 'ranker', rest: '' },
    { q: 'cost per prediction', subject: null, rest: '' },
  ])('$q', ({ q, subject, rest }) => {
    const state = run(q, readUnitCost, readSubject);
    expect(state.found.has('unit_cost')).toBe(true);
    expect(state.subject).toBe(subject);
    expect(left(state)).toBe(rest);
  });

  it('reads no subject unless the question is about a unit cost', () => {
    const state = run('spend for fraud-model', readUnitCost, readSubject);
    expect(state.found.has('unit_cost')).toBe(false);
    expect(state.subject).toBeNull();
    expect(left(state)).toBe('spend for fraud-model');
  });
});

describe('readPeriods', () => {
  it.each([
    { q: 'spend last week', period: LAST_WEEK, words: 'last week', explicit: false, rest: 'spend' },
    {
      q: 'spend between nov 3 and nov 10 vs oct',
      period: { start: '2026-11-03', end: '2026-11-11' },
      comparison: { start: '2026-10-01', end: '2026-11-01' },
      explicit: true,
      rest: 'spend vs',
    },
    { q: 'compare last week to the week before', period: LAST_WEEK, explicit: true, rest: 'compare to' },
    { q: 'spend', period: null, words: null, explicit: false, rest: 'spend' },
  ])('$q', ({ q, period, words, comparison, explicit, rest }) => {
    const state = run(q, readPeriods);
    expect(state.period).toEqual(period);
    if (words !== undefined) expect(state.periodWords).toBe(words);
    if (comparison) expect(state.comparison).toEqual(comparison);
    expect(state.comparisonExplicit).toBe(explicit);
    expect(left(state)).toBe(rest);
  });

  it('an impossible date is a problem', () => {
    expect(run('spend on feb 30', readPeriods).problems).toHaveLength(1);
  });
});

describe('readTopN', () => {
  it.each([
    { q: 'top 5 endpoints by cost', topN: 5, groupBy: ['endpoint'], top: true, rest: 'by cost' },
    { q: '3 biggest projects', topN: 3, groupBy: ['project'], top: true, rest: '' },
    { q: 'top ten skus', topN: 10, groupBy: ['sku'], top: true, rest: '' },
    { q: 'top 7', topN: 7, groupBy: [], top: true, rest: '' },
    // "which" groups without making the question a top-N one.
    { q: 'which teams spent most', topN: null, groupBy: ['label:team'], top: false, rest: 'spent most' },
    // Not a grouping: the endpoints are what is idle.
    { q: 'which endpoints are idle', topN: null, groupBy: [], top: false, rest: 'which endpoints are idle' },
  ])('$q', ({ q, topN, groupBy, top, rest }) => {
    const state = run(q, readTopN);
    expect(state.topN).toBe(topN);
    expect(state.groupBy).toEqual(groupBy);
    expect(state.found.has('top')).toBe(top);
    expect(left(state)).toBe(rest);
  });
});

describe('readGrouping', () => {
  it.each([
    { q: 'spend by team and env', groupBy: ['label:team', 'label:env'], rest: 'spend' },
    { q: 'spend per project per region', groupBy: ['project', 'region'], rest: 'spend' },
    { q: 'endpoint breakdown', groupBy: ['endpoint'], rest: '' },
    { q: 'spend by label owner', groupBy: ['label:owner'], rest: 'spend' },
    { q: 'gpu cost', groupBy: ['accelerator'], rest: 'cost' },
    { q: 'spend', groupBy: [], rest: 'spend' },
  ])('$q', ({ q, groupBy, rest }) => {
    const state = run(q, readGrouping);
    expect(state.groupBy).toEqual(groupBy);
    expect(left(state)).toBe(rest);
  });
});

describe('readWordFilters and readKindWords', () => {
  it.each([
    { q: 'spend for the search team', filters: { labels: { team: 'search' } }, rest: 'spend' },
    { q: 'spend env prod', filters: { labels: { env: 'prod' } }, rest: 'spend' },
    { q: 'spend in the prod environment', filters: { labels: { env: 'prod' } }, rest: 'spend' },
    { q: 'spend project ml-research', filters: { project: 'ml-research' }, rest: 'spend' },
    { q: 'spend in ml-dev', filters: { project: 'ml-dev' }, rest: 'spend' },
    { q: 'spend in us-central1', filters: { region: 'us-central1' }, rest: 'spend in' },
    { q: 'training and inference spend', filters: { kind: 'training' }, rest: 'and spend' },
  ])('$q', ({ q, filters, rest }) => {
    const state = run(q, readWordFilters, readKindWords);
    expect(state.filters).toEqual(filters);
    expect(state.problems).toEqual([]);
    expect(left(state)).toBe(rest);
  });

  it('a project that cannot be a project id is a problem', () => {
    expect(run('spend project xy', readWordFilters).problems).toEqual([
      '"xy" is not a Google Cloud project id (6–30 lowercase letters, digits and -)',
    ]);
  });

  it('intent words go first, so "zero predictions" is not a kind', () => {
    const state = run('endpoints with zero predictions', readIntentWords, readKindWords);
    expect(state.found).toEqual(new Set(['idle']));
    expect(state.filters).toEqual({});
  });
});

describe('readIntentWords', () => {
  it.each([
    { q: 'what will we spend', found: ['forecast'] },
    { q: 'are we over budget', found: ['budget'] },
    { q: 'which endpoints are idle', found: ['idle'] },
    { q: 'show open alerts', found: ['alerts'] },
    { q: 'why did spend jump', found: ['compare', 'spend'] },
    { q: 'how much would spot save', found: ['savings', 'spend'] },
  ])('$q', ({ q, found }) => {
    expect([...run(q, readIntentWords).found].sort()).toEqual(found);
  });
});

describe('pickIntent', () => {
  function picked(question: string, set: Partial<ParseState>): ParseState['intent'] {
    const state = { ...startParse(normalizeQuestion(question), ctx), ...set };
    pickIntent(state);
    return state.intent;
  }

  it.each([
    {
      case: 'the highest priority found',
      set: { found: new Set(['budget', 'spend'] as const) },
      intent: 'budget',
    },
    {
      case: 'unit cost before everything',
      set: { found: new Set(['unit_cost', 'budget'] as const) },
      intent: 'unit_cost',
    },
    {
      case: 'spend with a count is top',
      set: { found: new Set(['spend'] as const), topN: 3 },
      intent: 'top',
    },
    {
      case: 'spend with a comparison is compare',
      set: { found: new Set(['spend'] as const), comparisonExplicit: true },
      intent: 'compare',
    },
    { case: 'a period alone is spend', set: { period: MTD }, intent: 'spend' },
    { case: 'a filter alone is spend', set: { filters: { project: 'ml-prod' } }, intent: 'spend' },
    { case: 'nothing found', set: {}, intent: null },
  ])('$case', ({ set, intent }) => {
    expect(picked('something', set)).toBe(intent);
  });

  it('a question of only help words is help, whatever was found', () => {
    expect(picked('help examples', { found: new Set(['spend'] as const) })).toBe('help');
  });
});

describe('collectLeftovers', () => {
  it.each([
    { rest: ' how much flurbs   by the team ', unrecognized: ['flurbs'] },
    { rest: ' gizmo gizmo -- ', unrecognized: ['gizmo'] },
    { rest: '   ', unrecognized: [] },
  ])('"$rest"', ({ rest, unrecognized }) => {
    const state = { ...startParse('', ctx), rest };
    collectLeftovers(state);
    expect(state.unrecognized).toEqual(unrecognized);
  });
});

describe('toQuestion', () => {
  function question(set: Partial<ParseState>) {
    return toQuestion('raw', { ...startParse('raw', ctx), ...set });
  }

  it('top: five rows by SKU over the month to date unless asked', () => {
    expect(question({ intent: 'top' })).toMatchObject({
      intent: 'top',
      topN: 5,
      groupBy: ['sku'],
      period: MTD,
    });
    expect(question({ intent: 'top', topN: 500 })).toMatchObject({ topN: 50 });
  });

  it('compare: against the previous period of equal length unless one was named', () => {
    expect(question({ intent: 'compare', period: LAST_WEEK })).toMatchObject({
      period: LAST_WEEK,
      comparison: { start: '2026-11-09', end: '2026-11-16' },
    });
  });

  it.each([
    { intent: 'spend', period: MTD },
    { intent: 'unit_cost', period: MTD },
    { intent: 'forecast', period: MTD },
    { intent: 'budget', period: MTD },
    { intent: 'idle', period: null },
    { intent: 'savings', period: null },
    { intent: 'running', period: null },
    { intent: 'alerts', period: null },
    { intent: 'help', period: null },
  ] as const)('$intent without a period asked: $period', ({ intent, period }) => {
    expect(question({ intent }).period).toEqual(period);
  });

  it('"as of now" intents drop a period asked; idle keeps it', () => {
    expect(question({ intent: 'running', period: LAST_WEEK }).period).toBeNull();
    expect(question({ intent: 'idle', period: LAST_WEEK }).period).toEqual(LAST_WEEK);
  });

  it('no intent is help, not understood; problems or leftovers make any intent not understood', () => {
    expect(question({})).toMatchObject({ intent: 'help', understood: false });
    expect(question({ intent: 'spend' }).understood).toBe(true);
    expect(question({ intent: 'spend', unrecognized: ['flurbs'] }).understood).toBe(false);
    expect(question({ intent: 'spend', problems: ['bad date'] }).understood).toBe(false);
  });
});

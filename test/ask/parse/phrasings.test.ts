import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../src/ask/parse/index.js';
import type { Dimension, Intent } from '../../../src/ask/types.js';

// Today is Saturday 2026-11-28 throughout.
const ctx = { today: '2026-11-28', labelKeys: ['team', 'env', 'model'], projects: ['ml-prod', 'ml-dev'] };
const MTD = ['2026-11-01', '2026-11-29'];
const LAST_WEEK = ['2026-11-16', '2026-11-23'];
const THIS_WEEK = ['2026-11-23', '2026-11-29'];
const LAST_MONTH = ['2026-10-01', '2026-11-01'];
const YESTERDAY = ['2026-11-27', '2026-11-28'];
const TODAY = ['2026-11-28', '2026-11-29'];
const LAST_30 = ['2026-10-29', '2026-11-28'];
const LAST_7 = ['2026-11-21', '2026-11-28'];

interface Case {
  q: string;
  intent: Intent;
  period?: string[] | null;
  groupBy?: Dimension[];
  filters?: Record<string, unknown>;
  topN?: number;
  subject?: string;
  understood?: boolean;
  /** Tokens as the measure; money unless given. */
  measure?: 'cost' | 'tokens';
  /** What a unit cost is per; 1k predictions unless given. */
  per?: 'predictions' | 'tokens';
}

const cases: Case[] = [
  // the brief's examples
  {
    q: 'how much did we spend on training last week?',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { kind: 'training' },
  },
  { q: 'vertex spend by team this month', intent: 'spend', period: MTD, groupBy: ['label:team'] },
  {
    q: 'top 5 endpoints by cost in October',
    intent: 'top',
    period: LAST_MONTH,
    groupBy: ['endpoint'],
    topN: 5,
  },
  { q: "what's running right now?", intent: 'running', period: null },
  { q: 'which endpoints are idle?', intent: 'idle', period: null },
  { q: 'cost per 1k predictions for fraud-model', intent: 'unit_cost', period: MTD, subject: 'fraud-model' },
  { q: 'compare last week to the week before', intent: 'compare', period: LAST_WEEK },
  { q: 'what will we spend this month?', intent: 'forecast', period: MTD },
  { q: 'why did spend jump yesterday?', intent: 'compare', period: YESTERDAY },
  { q: 'how much would spot save us?', intent: 'savings', period: null },
  {
    q: 'spend for project ml-prod since Nov 3 by sku',
    intent: 'spend',
    period: ['2026-11-03', '2026-11-29'],
    groupBy: ['sku'],
    filters: { project: 'ml-prod' },
  },
  { q: 'GPU cost last 30 days by accelerator', intent: 'spend', period: LAST_30, groupBy: ['accelerator'] },
  { q: 'show open alerts', intent: 'alerts', period: null },
  {
    q: 'budget status for team:search',
    intent: 'budget',
    period: MTD,
    filters: { labels: { team: 'search' } },
  },
  // spend phrasings and synonyms
  { q: 'how much did we spend?', intent: 'spend', period: MTD },
  { q: 'total spend this month', intent: 'spend', period: MTD },
  { q: 'spend mtd', intent: 'spend', period: MTD },
  { q: 'MTD cost', intent: 'spend', period: MTD },
  { q: 'what is our bill this month', intent: 'spend', period: MTD },
  { q: 'vertex bill last month', intent: 'spend', period: LAST_MONTH },
  { q: '$ yesterday', intent: 'spend', period: YESTERDAY },
  { q: 'USD spent today', intent: 'spend', period: TODAY },
  { q: 'how many dollars did we burn last week', intent: 'spend', period: LAST_WEEK },
  { q: 'cost yesterday', intent: 'spend', period: YESTERDAY },
  { q: 'spend today', intent: 'spend', period: TODAY },
  { q: 'spend this week', intent: 'spend', period: THIS_WEEK },
  { q: 'spend so far this week', intent: 'spend', period: THIS_WEEK },
  { q: 'spend week to date', intent: 'spend', period: THIS_WEEK },
  { q: 'how much have we spent this month so far', intent: 'spend', period: MTD },
  { q: 'charges last month', intent: 'spend', period: LAST_MONTH },
  { q: 'spend last 7 days', intent: 'spend', period: LAST_7 },
  { q: 'spend past 7 days', intent: 'spend', period: LAST_7 },
  { q: 'spend in the last seven days', intent: 'spend', period: LAST_7 },
  { q: 'cost over the past thirty days', intent: 'spend', period: LAST_30 },
  { q: 'spend last 30d', intent: 'spend', period: LAST_30 },
  { q: 'spend last 2 weeks', intent: 'spend', period: ['2026-11-14', '2026-11-28'] },
  { q: 'spend last 3 months', intent: 'spend', period: ['2026-08-01', '2026-11-01'] },
  { q: 'spend in October', intent: 'spend', period: LAST_MONTH },
  { q: 'October spend', intent: 'spend', period: LAST_MONTH },
  { q: 'spend in oct 2025', intent: 'spend', period: ['2025-10-01', '2025-11-01'] },
  { q: 'spend in December', intent: 'spend', period: ['2025-12-01', '2026-01-01'] },
  { q: 'spend in may', intent: 'spend', period: ['2026-05-01', '2026-06-01'] },
  { q: 'spend in january', intent: 'spend', period: ['2026-01-01', '2026-02-01'] },
  { q: 'spend in sept', intent: 'spend', period: ['2026-09-01', '2026-10-01'] },
  { q: 'spend since Nov 3', intent: 'spend', period: ['2026-11-03', '2026-11-29'] },
  { q: 'spend since November 3rd', intent: 'spend', period: ['2026-11-03', '2026-11-29'] },
  { q: 'spend since 2026-11-03', intent: 'spend', period: ['2026-11-03', '2026-11-29'] },
  { q: 'spend since 3 Nov', intent: 'spend', period: ['2026-11-03', '2026-11-29'] },
  { q: 'spend since the 3rd of November', intent: 'spend', period: ['2026-11-03', '2026-11-29'] },
  { q: 'spend between Nov 3 and Nov 10', intent: 'spend', period: ['2026-11-03', '2026-11-11'] },
  { q: 'spend from Nov 3 to Nov 10', intent: 'spend', period: ['2026-11-03', '2026-11-11'] },
  { q: 'spend from 2026-11-01 to 2026-11-15', intent: 'spend', period: ['2026-11-01', '2026-11-16'] },
  { q: 'spend between Dec 20 and Jan 5', intent: 'spend', period: ['2025-12-20', '2026-01-06'] },
  { q: 'spend on Nov 3', intent: 'spend', period: ['2026-11-03', '2026-11-04'] },
  { q: 'spend on 2026-11-27', intent: 'spend', period: YESTERDAY },
  { q: 'spend this quarter', intent: 'spend', period: ['2026-10-01', '2026-11-29'] },
  { q: 'spend QTD', intent: 'spend', period: ['2026-10-01', '2026-11-29'] },
  { q: 'spend last quarter', intent: 'spend', period: ['2026-07-01', '2026-10-01'] },
  { q: 'spend in Q1', intent: 'spend', period: ['2026-01-01', '2026-04-01'] },
  { q: 'Q3 spend', intent: 'spend', period: ['2026-07-01', '2026-10-01'] },
  { q: 'Q4 cost', intent: 'spend', period: ['2026-10-01', '2027-01-01'] },
  { q: 'q2 2025 spend', intent: 'spend', period: ['2025-04-01', '2025-07-01'] },
  { q: 'spend this year', intent: 'spend', period: ['2026-01-01', '2026-11-29'] },
  { q: 'YTD spend', intent: 'spend', period: ['2026-01-01', '2026-11-29'] },
  { q: 'spend year to date', intent: 'spend', period: ['2026-01-01', '2026-11-29'] },
  { q: 'spend last year', intent: 'spend', period: ['2025-01-01', '2026-01-01'] },
  { q: 'spend the day before yesterday', intent: 'spend', period: ['2026-11-26', '2026-11-27'] },
  // kinds
  { q: 'training spend last week', intent: 'spend', period: LAST_WEEK, filters: { kind: 'training' } },
  {
    q: 'how much did inference cost yesterday',
    intent: 'spend',
    period: YESTERDAY,
    filters: { kind: 'prediction' },
  },
  { q: 'prediction spend this month', intent: 'spend', period: MTD, filters: { kind: 'prediction' } },
  { q: 'serving costs last month', intent: 'spend', period: LAST_MONTH, filters: { kind: 'prediction' } },
  { q: 'pipeline spend this week', intent: 'spend', period: THIS_WEEK, filters: { kind: 'pipelines' } },
  { q: 'spend kind:training', intent: 'spend', period: MTD, filters: { kind: 'training' } },
  {
    q: 'spend kind=prediction last week',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { kind: 'prediction' },
  },
  { q: 'fine-tuning spend this month', intent: 'spend', period: MTD, filters: { kind: 'training' } },
  // how far to trust the estimated days
  { q: 'how accurate are the estimates?', intent: 'accuracy', period: null },
  { q: 'estimate accuracy', intent: 'accuracy', period: null },
  { q: 'how good are our estimates?', intent: 'accuracy', period: null },
  { q: 'accuracy of the estimates', intent: 'accuracy', period: null },
  { q: 'estimates drift', intent: 'accuracy', period: null },
  { q: 'spend kind:genai last month', intent: 'spend', period: LAST_MONTH, filters: { kind: 'genai' } },
  { q: 'gemini spend last month', intent: 'spend', period: LAST_MONTH, filters: { kind: 'genai' } },
  { q: 'generative ai cost this week', intent: 'spend', period: THIS_WEEK, filters: { kind: 'genai' } },
  {
    q: 'how much did genai cost yesterday',
    intent: 'spend',
    period: YESTERDAY,
    filters: { kind: 'genai' },
  },
  {
    q: 'top 3 projects by gen ai spend',
    intent: 'top',
    period: MTD,
    groupBy: ['project'],
    topN: 3,
    filters: { kind: 'genai' },
  },
  // group-bys
  { q: 'spend by project', intent: 'spend', period: MTD, groupBy: ['project'] },
  { q: 'spend per project last month', intent: 'spend', period: LAST_MONTH, groupBy: ['project'] },
  { q: 'cost by region this week', intent: 'spend', period: THIS_WEEK, groupBy: ['region'] },
  { q: 'spend by location', intent: 'spend', period: MTD, groupBy: ['region'] },
  { q: 'spend by kind', intent: 'spend', period: MTD, groupBy: ['kind'] },
  { q: 'spend by type last week', intent: 'spend', period: LAST_WEEK, groupBy: ['kind'] },
  { q: 'spend by sku', intent: 'spend', period: MTD, groupBy: ['sku'] },
  { q: 'sku breakdown last month', intent: 'spend', period: LAST_MONTH, groupBy: ['sku'] },
  { q: 'spend by endpoint', intent: 'spend', period: MTD, groupBy: ['endpoint'] },
  { q: 'cost per model this month', intent: 'spend', period: MTD, groupBy: ['model'] },
  { q: 'spend by job last week', intent: 'spend', period: LAST_WEEK, groupBy: ['job'] },
  {
    q: 'training spend by job',
    intent: 'spend',
    period: MTD,
    groupBy: ['job'],
    filters: { kind: 'training' },
  },
  { q: 'spend by machine type', intent: 'spend', period: MTD, groupBy: ['machine_type'] },
  { q: 'cost by machine', intent: 'spend', period: MTD, groupBy: ['machine_type'] },
  { q: 'spend by accelerator', intent: 'spend', period: MTD, groupBy: ['accelerator'] },
  { q: 'spend by gpu type last month', intent: 'spend', period: LAST_MONTH, groupBy: ['accelerator'] },
  {
    q: 'how much did we spend on GPUs last week',
    intent: 'spend',
    period: LAST_WEEK,
    groupBy: ['accelerator'],
  },
  { q: 'spend by team', intent: 'spend', period: MTD, groupBy: ['label:team'] },
  { q: 'spend per team yesterday', intent: 'spend', period: YESTERDAY, groupBy: ['label:team'] },
  { q: 'what did each team spend last month', intent: 'spend', period: LAST_MONTH, groupBy: ['label:team'] },
  { q: 'spend by env', intent: 'spend', period: MTD, groupBy: ['label:env'] },
  { q: 'spend by environment last week', intent: 'spend', period: LAST_WEEK, groupBy: ['label:env'] },
  { q: 'spend by label:model', intent: 'spend', period: MTD, groupBy: ['label:model'] },
  { q: 'spend by project and region', intent: 'spend', period: MTD, groupBy: ['project', 'region'] },
  { q: 'team breakdown this month', intent: 'spend', period: MTD, groupBy: ['label:team'] },
  { q: 'spend broken down by project', intent: 'spend', period: MTD, groupBy: ['project'] },
  // filters
  { q: 'spend for team:search', intent: 'spend', period: MTD, filters: { labels: { team: 'search' } } },
  {
    q: 'spend for team=search last week',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { labels: { team: 'search' } },
  },
  {
    q: 'how much did the search team spend last week',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { labels: { team: 'search' } },
  },
  { q: 'spend for the search team', intent: 'spend', period: MTD, filters: { labels: { team: 'search' } } },
  { q: 'spend env:prod', intent: 'spend', period: MTD, filters: { labels: { env: 'prod' } } },
  { q: 'spend in the prod environment', intent: 'spend', period: MTD, filters: { labels: { env: 'prod' } } },
  { q: 'spend for project:ml-prod', intent: 'spend', period: MTD, filters: { project: 'ml-prod' } },
  { q: 'spend in ml-dev last week', intent: 'spend', period: LAST_WEEK, filters: { project: 'ml-dev' } },
  { q: 'ml-prod spend yesterday', intent: 'spend', period: YESTERDAY, filters: { project: 'ml-prod' } },
  { q: 'spend in us-central1', intent: 'spend', period: MTD, filters: { region: 'us-central1' } },
  {
    q: 'spend region:europe-west4 last month',
    intent: 'spend',
    period: LAST_MONTH,
    filters: { region: 'europe-west4' },
  },
  {
    q: 'training spend for team:search in project ml-prod last week',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { kind: 'training', project: 'ml-prod', labels: { team: 'search' } },
  },
  {
    q: 'spend for team:search env:prod',
    intent: 'spend',
    period: MTD,
    filters: { labels: { team: 'search', env: 'prod' } },
  },
  // top
  { q: 'top 3 projects last 30 days', intent: 'top', period: LAST_30, groupBy: ['project'], topN: 3 },
  { q: 'top ten skus this month', intent: 'top', period: MTD, groupBy: ['sku'], topN: 10 },
  { q: 'biggest endpoints', intent: 'top', period: MTD, groupBy: ['endpoint'], topN: 5 },
  { q: '3 biggest projects', intent: 'top', period: MTD, groupBy: ['project'], topN: 3 },
  { q: 'most expensive jobs last week', intent: 'top', period: LAST_WEEK, groupBy: ['job'], topN: 5 },
  {
    q: 'which teams spent the most last month',
    intent: 'top',
    period: LAST_MONTH,
    groupBy: ['label:team'],
    topN: 5,
  },
  { q: 'what are our biggest cost drivers', intent: 'top', period: MTD, groupBy: ['sku'], topN: 5 },
  { q: 'top 5 models by cost', intent: 'top', period: MTD, groupBy: ['model'], topN: 5 },
  { q: 'top costs this week', intent: 'top', period: THIS_WEEK, groupBy: ['sku'], topN: 5 },
  {
    q: 'costliest machine types in October',
    intent: 'top',
    period: LAST_MONTH,
    groupBy: ['machine_type'],
    topN: 5,
  },
  // compare
  { q: 'this month vs last month', intent: 'compare', period: MTD },
  { q: 'compare October to September', intent: 'compare', period: LAST_MONTH },
  { q: 'week over week spend', intent: 'compare', period: MTD },
  { q: 'how did spend change last week', intent: 'compare', period: LAST_WEEK },
  { q: 'why is spend up yesterday', intent: 'compare', period: YESTERDAY },
  {
    q: 'did training spend increase this week',
    intent: 'compare',
    period: THIS_WEEK,
    filters: { kind: 'training' },
  },
  { q: 'spend spike yesterday', intent: 'compare', period: YESTERDAY },
  { q: 'compare this week with the previous week', intent: 'compare', period: THIS_WEEK },
  {
    q: 'last month versus the month before by project',
    intent: 'compare',
    period: LAST_MONTH,
    groupBy: ['project'],
  },
  // running / idle / alerts
  { q: 'what is running', intent: 'running', period: null },
  { q: 'which training jobs are running?', intent: 'running', period: null, filters: { kind: 'training' } },
  { q: 'active jobs', intent: 'running', period: null },
  { q: "what's deployed right now", intent: 'running', period: null },
  { q: 'what is live in ml-prod', intent: 'running', period: null, filters: { project: 'ml-prod' } },
  { q: 'idle endpoints', intent: 'idle', period: null },
  { q: 'unused endpoints last 7 days', intent: 'idle', period: LAST_7 },
  { q: 'endpoints with no traffic', intent: 'idle', period: null },
  { q: 'which endpoints have zero predictions', intent: 'idle', period: null },
  { q: 'alerts', intent: 'alerts', period: null },
  { q: 'any open findings?', intent: 'alerts', period: null },
  { q: 'show issues for project:ml-prod', intent: 'alerts', period: null, filters: { project: 'ml-prod' } },
  { q: 'current warnings', intent: 'alerts', period: null },
  // forecast / budget / savings / unit cost
  { q: 'forecast', intent: 'forecast', period: MTD },
  { q: 'forecast for this month', intent: 'forecast', period: MTD },
  { q: 'what will we end up spending this month', intent: 'forecast', period: MTD },
  { q: 'are we on track this month?', intent: 'forecast', period: MTD },
  {
    q: 'projected spend for team:search',
    intent: 'forecast',
    period: MTD,
    filters: { labels: { team: 'search' } },
  },
  { q: 'end of month estimate', intent: 'forecast', period: MTD },
  { q: 'run rate', intent: 'forecast', period: MTD },
  { q: 'budget', intent: 'budget', period: MTD },
  { q: 'are we over budget?', intent: 'budget', period: MTD },
  { q: 'budgets status', intent: 'budget', period: MTD },
  { q: 'budget for the search team', intent: 'budget', period: MTD, filters: { labels: { team: 'search' } } },
  { q: 'where can we save money?', intent: 'savings', period: null },
  { q: 'savings opportunities', intent: 'savings', period: null },
  { q: 'how can we cut costs', intent: 'savings', period: null },
  {
    q: 'would preemptible training be cheaper',
    intent: 'savings',
    period: null,
    filters: { kind: 'training' },
  },
  {
    q: 'cost per 1000 predictions for fraud-model last week',
    intent: 'unit_cost',
    period: LAST_WEEK,
    subject: 'fraud-model',
  },
  { q: 'unit cost of the ranker endpoint', intent: 'unit_cost', period: MTD, subject: 'ranker' },
  {
    q: 'cost per thousand predictions for fraud-model',
    intent: 'unit_cost',
    period: MTD,
    subject: 'fraud-model',
  },
  {
    q: 'cost per prediction for ranker yesterday',
    intent: 'unit_cost',
    period: YESTERDAY,
    subject: 'ranker',
  },
  // typos
  { q: 'how much did we spnd last week', intent: 'spend', period: LAST_WEEK },
  { q: 'trainig cost yesterdya', intent: 'spend', period: YESTERDAY, filters: { kind: 'training' } },
  { q: 'spend lsat month', intent: 'spend', period: LAST_MONTH },
  { q: 'spend by projcet', intent: 'spend', period: MTD, groupBy: ['project'] },
  { q: 'whcih endpoints are idel', intent: 'idle', period: null },
  { q: 'forcast this month', intent: 'forecast', period: MTD },
  { q: 'spend in Octobr', intent: 'spend', period: LAST_MONTH },
  { q: 'budegt status', intent: 'budget', period: MTD },
  { q: 'show open alrets', intent: 'alerts', period: null },
  { q: 'compaer last week to the week before', intent: 'compare', period: LAST_WEEK },
  // help
  { q: 'help', intent: 'help', period: null },
  { q: '', intent: 'help', period: null },
  { q: 'what can you do?', intent: 'help', period: null },
  // not understood
  { q: 'flurbs', intent: 'help', understood: false },
  { q: 'how much did we spend on flurbs last week', intent: 'spend', understood: false, period: LAST_WEEK },
  { q: 'spend owner:alice', intent: 'spend', understood: false },
  { q: 'spend on Feb 30', intent: 'spend', understood: false },
  { q: 'spend last 0 days', intent: 'spend', understood: false },
  { q: "'; DROP TABLE billing_daily; --", intent: 'compare', understood: false },
  { q: "spend for team:search' OR 1=1 --", intent: 'spend', understood: false },
  { q: 'SELECT * FROM kv', intent: 'help', understood: false },
  // generative AI: model family, token type, tokens as the measure, cost per 1M tokens
  {
    q: 'gemini spend last month by model',
    intent: 'spend',
    period: LAST_MONTH,
    groupBy: ['model_family'],
    filters: { kind: 'genai' },
  },
  {
    q: 'genai cost per day this week',
    intent: 'spend',
    period: THIS_WEEK,
    groupBy: ['day'],
    filters: { kind: 'genai' },
  },
  {
    q: 'gemini spend by token type',
    intent: 'spend',
    period: MTD,
    groupBy: ['token_type'],
    filters: { kind: 'genai' },
  },
  {
    q: 'which project uses the most tokens',
    intent: 'top',
    period: MTD,
    groupBy: ['project'],
    filters: { kind: 'genai' },
    measure: 'tokens',
  },
  {
    q: 'cost per 1M tokens for gemini 2.5 flash last week',
    intent: 'unit_cost',
    period: LAST_WEEK,
    filters: { kind: 'genai', modelFamily: 'Gemini 2.5 Flash' },
    per: 'tokens',
  },
  {
    q: 'price per million tokens last month',
    intent: 'unit_cost',
    period: LAST_MONTH,
    filters: { kind: 'genai' },
    per: 'tokens',
  },
  {
    q: 'gemini 2.5 pro spend last week',
    intent: 'spend',
    period: LAST_WEEK,
    filters: { kind: 'genai', modelFamily: 'Gemini 2.5 Pro' },
  },
  {
    q: 'LLM spend this month by model family',
    intent: 'spend',
    period: MTD,
    groupBy: ['model_family'],
    filters: { kind: 'genai' },
  },
  {
    q: 'token usage by model last week',
    intent: 'spend',
    period: LAST_WEEK,
    groupBy: ['model_family'],
    filters: { kind: 'genai' },
    measure: 'tokens',
  },
  {
    q: 'generative AI spend by input and output this week',
    intent: 'spend',
    period: THIS_WEEK,
    groupBy: ['token_type'],
    filters: { kind: 'genai' },
  },
  { q: 'spend by model last week', intent: 'spend', period: LAST_WEEK, groupBy: ['model'] },
  { q: 'vertex spend by day last week', intent: 'spend', period: LAST_WEEK, groupBy: ['day'] },
];

describe('question phrasings', () => {
  it('covers at least 150 phrasings', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases)('$q', (c) => {
    const r = parseQuestion(c.q, ctx);
    expect(r.intent).toBe(c.intent);
    expect(r.understood).toBe(c.understood ?? true);
    if (c.period !== undefined) {
      expect(r.period ? [r.period.start, r.period.end] : null).toEqual(c.period);
    }
    if (c.groupBy) expect(r.groupBy).toEqual(c.groupBy);
    if (c.filters) expect(r.filters).toEqual(c.filters);
    else if (c.understood !== false) expect(r.filters).toEqual({});
    // Only a top question carries a row count, only a unit-cost question a subject.
    if (c.topN !== undefined) expect(r.intent === 'top' ? r.topN : null).toBe(c.topN);
    if (c.subject) expect(r.intent === 'unit_cost' ? r.subject : null).toBe(c.subject);
    expect(r.measure).toBe(c.measure ?? 'cost');
    if (r.intent === 'unit_cost') expect(r.per).toBe(c.per ?? 'predictions');
  });
});

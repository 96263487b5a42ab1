import type { Intent } from './types.js';

/** What the help answer lists: one line per kind of question. */
export const HELP_LINES = [
  'Spend: "how much did we spend on training last week?", "vertex spend by team this month"',
  'Top costs: "top 5 endpoints by cost in October", "biggest projects last 30 days"',
  'Rates: "daily average spend last week", "how much do we spend per day lately"',
  'Changes: "compare last week to the week before", "why did spend jump yesterday?"',
  'Right now: "what\'s running right now?", "which endpoints are idle?", "show open alerts"',
  'Ahead: "what will we spend this month?", "budget status for team:search", "how accurate are the estimates?"',
  'Savings: "how much would spot save us?", "cost per 1k predictions for fraud-model"',
  'Filters: project:ml-prod, region:us-central1, kind:training, team:search or "for the search team"',
  'Periods: today, yesterday, this/last week, this/last month, last 30 days, October, since Nov 3, Q3, this year',
];

/**
 * Questions that work, by what they ask: the questions offered when one was not understood. Each is understood
 * as its intent with the default configuration (a test holds them to it).
 */
export const EXAMPLE_QUESTIONS: Readonly<Record<Exclude<Intent, 'help'>, readonly string[]>> = {
  spend: [
    'how much did we spend on training last week?',
    'vertex spend by team this month',
    'spend for project:ml-prod since Nov 3 by sku',
    'break down last month spend by project',
    'average daily spend last week',
    'GPU cost last 30 days by accelerator',
  ],
  top: ['top 5 endpoints by cost in October', 'top 3 projects last 30 days', 'biggest skus this month'],
  compare: [
    'compare last week to the week before',
    'why did spend jump yesterday?',
    'this month vs last month by project',
  ],
  running: [
    "what's running right now?",
    'which training jobs are running?',
    'what is deployed in project:ml-prod?',
  ],
  idle: ['which endpoints are idle?', 'idle endpoints last 7 days'],
  alerts: ['show open alerts', 'any alerts right now?', 'open alerts for project:ml-prod'],
  forecast: ['what will we spend this month?', 'forecast for team:search'],
  budget: ['are we over budget right now?', 'budget status for team:search'],
  savings: ['how much would spot save us?', 'where can we save money?'],
  unit_cost: ['cost per 1k predictions for fraud-model', 'cost per 1k predictions for fraud-model last week'],
  accuracy: ['how accurate are the estimates?', 'estimate accuracy', 'how good are our estimates?'],
};

/** What is offered when nothing in a question comes close to any example: the broadest questions. */
export const DEFAULT_SUGGESTIONS: readonly string[] = [
  'how much did we spend on training last week?',
  "what's running right now?",
];

import type { Intent } from './types.js';

/** What the help answer lists: one line per kind of question. */
export const HELP_LINES = [
  'Spend: "how much did we spend on training last week?", "vertex spend by team this month"',
  'Top costs: "top 5 endpoints by cost in October", "biggest projects last 30 days"',
  'Changes: "compare last week to the week before", "why did spend jump yesterday?"',
  'Right now: "what\'s running right now?", "which endpoints are idle?", "show open alerts"',
  'Ahead: "what will we spend this month?", "budget status for team:search", "how accurate are the estimates?"',
  'Savings: "how much would spot save us?", "cost per 1k predictions for fraud-model"',
  'Filters: project:ml-prod, region:us-central1, kind:training, team:search or "for the search team"',
  'Periods: today, yesterday, this/last week, this/last month, last 30 days, October, since Nov 3, Q3, this year',
];

const EXAMPLES: Record<Intent, string[]> = {
  spend: [
    'how much did we spend on training last week?',
    'vertex spend by team this month',
    'spend for project:ml-prod since Nov 3 by sku',
  ],
  compare: [
    'compare last week to the week before',
    'why did spend jump yesterday?',
    'this month vs last month by project',
  ],
  top: ['top 5 endpoints by cost in October', 'top 3 projects last 30 days', 'biggest skus this month'],
  running: [
    "what's running right now?",
    'which training jobs are running?',
    'what is deployed in project:ml-prod?',
  ],
  idle: ['which endpoints are idle?', 'idle endpoints last 7 days', 'show open alerts'],
  forecast: ['what will we spend this month?', 'forecast for team:search', 'what will we spend this month?'],
  unit_cost: [
    'cost per 1k predictions for fraud-model',
    'cost per 1k predictions for fraud-model last week',
    "what's running right now?",
  ],
  savings: ['how much would spot save us?', 'where can we save?', 'which endpoints are idle?'],
  alerts: ['show open alerts', 'open alerts for project:ml-prod', 'which endpoints are idle?'],
  budget: ['budget status for team:search', 'are we over budget?', 'what will we spend this month?'],
  accuracy: ['how accurate are the estimates?', 'spend this month', 'what will we spend this month?'],
  help: [
    'how much did we spend on training last week?',
    'top 5 endpoints by cost in October',
    "what's running right now?",
  ],
};

/** Three example questions that work, close to what was asked. */
export function examplesFor(intent: Intent): string[] {
  return [...new Set([...EXAMPLES[intent], ...EXAMPLES.help])].slice(0, 3);
}

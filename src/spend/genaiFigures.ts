// Generative-AI tokens and what they cost, for a slice and period: from the billing export only (tokens have no
// catalog estimate), through the actual-through day.

import type { BillingGroup, SpendSlice } from '../db/queries/billingReads.js';
import { genaiTokenUsage } from '../db/queries/genaiReads.js';
import type { Period } from '../domain/dimensions.js';
import { tokensPerUnit } from '../domain/genaiUsage.js';
import type { Slice } from '../domain/slice.js';
import { addDays, type Day } from '../time/days.js';
import type { SpendEnv } from './spendFigures.js';

export interface TokenGroup {
  key: string;
  tokens: number;
  cost: number;
}

export interface TokenFigures {
  /** The billed part of the period: [start, actual-through + 1); null when the export holds none of it. */
  billed: Period | null;
  tokens: number;
  /** Net cost of those tokens. */
  cost: number;
  groups: TokenGroup[];
}

/** Tokens (and their cost) of the slice's genai rows over the billed days of the period, grouped or not. */
export function tokenFigures(
  env: SpendEnv,
  period: Period,
  filters: Slice,
  group?: BillingGroup,
): TokenFigures {
  const end = env.actualThrough ? minDay(period.end, addDays(env.actualThrough, 1)) : period.start;
  if (end <= period.start) return { billed: null, tokens: 0, cost: 0, groups: [] };
  const slice: SpendSlice = {
    ...filters,
    start: period.start,
    end,
    kind: 'genai',
    projects: env.scopeProjects,
  };
  const groups = new Map<string, TokenGroup>();
  let tokens = 0;
  let cost = 0;
  for (const row of genaiTokenUsage(env.store, slice, group)) {
    const perUnit = tokensPerUnit(row.unit);
    if (perUnit === null) continue; // not counted in tokens: neither its usage nor its cost
    const key = row.key ?? '(none)';
    const figure = groups.get(key) ?? { key, tokens: 0, cost: 0 };
    figure.tokens += row.amount * perUnit;
    figure.cost += row.cost;
    groups.set(key, figure);
    tokens += row.amount * perUnit;
    cost += row.cost;
  }
  const sorted = [...groups.values()].sort((a, b) => b.tokens - a.tokens || a.key.localeCompare(b.key));
  return { billed: { start: period.start, end }, tokens, cost, groups: sorted };
}

function minDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}

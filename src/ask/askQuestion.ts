// Question text → answer model, from what the pipeline stored: parse, narrow to the channel's scope, and hand
// the question to its intent's handler. Each handler states its period in words and dates and where its figures
// come from; a missing price is "unpriced", never $0.

import type { Scope } from '../config/schema.js';
import { actualThrough } from '../spend/actualThrough.js';
import type { SpendEnv } from '../spend/spendFigures.js';
import { dayInZone } from '../time/days.js';
import type { AskContext } from './context.js';
import { answerIntent, notUnderstood } from './intents/index.js';
import { knownNamesOf } from './knownNames.js';
import { parseQuestion } from './parse/index.js';
import type { Answer, AskFilters } from './types.js';

/** Answers a question with the same engine everywhere (Slack, CLI). */
export async function askQuestion(ctx: AskContext, text: string): Promise<Answer> {
  const now = ctx.clock.now();
  const tz = ctx.config.timezone;
  const today = dayInZone(now, tz);
  const known = knownNamesOf(ctx.store);
  const projects = [...new Set([...ctx.config.google.projects.map((p) => p.id), ...known.projects])];
  const q = parseQuestion(text, {
    today,
    labelKeys: ctx.config.google.billingExport.labelKeys,
    projects,
    names: known.names,
  });
  const filters = withScope(q.filters, ctx.scope);
  const env: SpendEnv = {
    store: ctx.store,
    timezone: tz,
    now,
    today,
    actualThrough: actualThrough(ctx.store.sqlite, today),
    scopeProjects: ctx.scope?.projects ?? [],
  };
  const input = { ctx, q, env, filters };
  return q.understood ? answerIntent(q.intent, input) : notUnderstood(input);
}

/** A channel's scope narrows every answer there; its labels win over the question's for the same key. */
function withScope(filters: AskFilters, scope: Scope | undefined): AskFilters {
  if (!scope || Object.keys(scope.labels).length === 0) return filters;
  return { ...filters, labels: { ...filters.labels, ...scope.labels } };
}

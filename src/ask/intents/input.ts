import type { SpendEnv } from '../../spend/spendFigures.js';
import type { AskContext } from '../context.js';
import type { Answer, AskFilters, Intent, ParsedQuestion, QuestionOf } from '../types.js';

/** What an intent handler answers from: the engine's context, the parsed question and its time and scope. */
export interface IntentInput<Q extends ParsedQuestion = ParsedQuestion> {
  ctx: AskContext;
  q: Q;
  env: SpendEnv;
  /** The question's filters narrowed by the channel's scope: what the figures are for. */
  filters: AskFilters;
}

/** Answers the questions of one intent (or of several that share a handler). */
export type IntentHandler<I extends Intent> = (input: IntentInput<QuestionOf<I>>) => Answer;

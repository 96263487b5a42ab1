// The intent registry: the handler that answers each intent. Adding an intent is adding a file and a line here.
import type { Answer, Intent, QuestionOf } from '../types.js';
import { accuracyAnswer } from './accuracy.js';
import { alertsAnswer } from './alerts.js';
import { budgetAnswer } from './budget.js';
import { forecastAnswer } from './forecast.js';
import { helpAnswer } from './help.js';
import { idleAnswer } from './idle.js';
import type { IntentHandler, IntentInput } from './input.js';
import { runningAnswer } from './running.js';
import { savingsAnswer } from './savings.js';
import { spendAnswer } from './spend.js';
import { unitCostAnswer } from './unitCost.js';

/** Each intent's handler, typed to the variant of the question it answers. */
export const INTENT_HANDLERS: { [I in Intent]: IntentHandler<I> } = {
  spend: spendAnswer,
  compare: spendAnswer,
  top: spendAnswer,
  running: runningAnswer,
  idle: idleAnswer,
  alerts: alertsAnswer,
  forecast: forecastAnswer,
  budget: budgetAnswer,
  savings: savingsAnswer,
  unit_cost: unitCostAnswer,
  accuracy: accuracyAnswer,
  help: helpAnswer,
};

/** Answers an understood question with its intent's handler. */
export function answerIntent<I extends Intent>(intent: I, input: IntentInput<QuestionOf<I>>): Answer {
  const handler: IntentHandler<I> = INTENT_HANDLERS[intent];
  return handler(input);
}

export type { IntentHandler, IntentInput } from './input.js';
export { notUnderstood } from './notUnderstood.js';

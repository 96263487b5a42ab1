// Help: the kinds of question that work.
import { HELP_LINES } from '../examples.js';
import type { Answer, QuestionOf } from '../types.js';
import { answer } from './answerText.js';
import type { IntentInput } from './input.js';

export function helpAnswer(input: IntentInput<QuestionOf<'help'>>): Answer {
  return answer(input, {
    headline: 'Ask me about Vertex AI spend in plain words. For example:',
    details: HELP_LINES,
    sourceNote: `Periods are calendar days in ${input.ctx.config.timezone}; without one I answer for the month to date.`,
  });
}

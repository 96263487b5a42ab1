// A question not (fully) understood: what was understood, what was not, and the two questions that work closest
// to it (Slack shows them as buttons that ask them).
import type { ParseResult } from '../parse/index.js';
import { describePeriod } from '../periods.js';
import { closestQuestions } from '../suggestions.js';
import type { Answer } from '../types.js';
import { answer, describeFilters } from './answerText.js';
import type { IntentInput } from './input.js';

export function notUnderstood(input: IntentInput<ParseResult>): Answer {
  const { q } = input;
  const understood: string[] = [];
  if (q.intent !== 'help') understood.push(`you asked about ${q.intent.replace('_', ' ')}`);
  if (q.periodWords && q.period)
    understood.push(`the period ${describePeriod(q.period, q.periodWords, input.env.today)}`);
  if (q.groupBy.length)
    understood.push(`grouped by ${q.groupBy.map((g) => g.replace(/^label:/, '')).join(' and ')}`);
  const filters = describeFilters(q.filters);
  if (filters) understood.push(`filtered${filters}`);
  const missing: string[] = [...q.problems];
  if (q.unrecognized.length)
    missing.push(`I did not understand ${q.unrecognized.map((w) => `"${w}"`).join(', ')}`);
  const headline = understood.length
    ? `I only partly understood that: ${understood.join(', ')}.`
    : 'Sorry, I did not understand that question.';
  return answer(input, {
    understood: false,
    headline,
    details: missing.map((m) => `${m[0]?.toUpperCase()}${m.slice(1)}.`),
    examples: closestQuestions(q.text, q.intent),
    source: { actualThrough: input.env.actualThrough, estimated: false },
  });
}

// Turns a question asked anywhere in Slack into a message, with one place deciding what a failure looks like.
import { askQuestion } from '../ask/index.js';
import { type AnswerMessage, answerMessage, failureMessage } from './blocks/answer.js';
import type { SlackDeps } from './deps.js';

export interface ComposedAnswer extends AnswerMessage {
  /** True when the answer is worth showing to everyone where it was asked (not help or a misunderstanding). */
  shareable: boolean;
}

// Slack user ids in mentions look like <@U024BE7LH> or <@U024BE7LH|name>.
const MENTION_RE = /<@[UW][A-Z0-9]+(\|[^>]*)?>/g;

/** The question without the bot's (or anyone's) mention markup. */
export function questionText(text: string | undefined): string {
  return (text ?? '').replace(MENTION_RE, ' ').replace(/\s+/g, ' ').trim();
}

export async function composeAnswer(deps: SlackDeps, rawText: string | undefined): Promise<ComposedAnswer> {
  const question = questionText(rawText);
  try {
    const answer = await askQuestion(
      { store: deps.store, config: deps.config, clock: deps.clock, log: deps.log },
      question,
    );
    const message = answerMessage(answer, question || undefined);
    return { ...message, shareable: answer.understood && answer.intent !== 'help' };
  } catch (err) {
    deps.log.error({ err: (err as Error).message, question }, 'answering a Slack question failed');
    return {
      ...failureMessage(
        'Sorry, I could not work that out just now; the failure is logged. Please try again in a minute.',
      ),
      shareable: false,
    };
  }
}

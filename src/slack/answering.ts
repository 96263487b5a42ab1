// Turns a question asked anywhere in Slack into a message, with one place deciding what a failure looks like.
import { askQuestion } from '../ask/index.js';
import { type AnswerMessage, answerMessage, failureMessage } from '../delivery/blocks/answer.js';
import { NOT_AN_ASKER, scopeWhereAsked } from './askers.js';
import type { SlackDeps } from './deps.js';
import { decodeSlackText } from './incomingText.js';

export interface ComposedAnswer extends AnswerMessage {
  /** True when the answer is worth showing to everyone where it was asked (not help or a misunderstanding). */
  shareable: boolean;
  /** True when the person is not among the askers: the message says who may ask, and only they should see it. */
  notAnAsker: boolean;
}

/** The question as typed: Slack's escapes and markup decoded, the bot's (or anyone's) mention dropped. */
export function questionText(text: string | undefined): string {
  return decodeSlackText(text ?? '');
}

/**
 * Answers a question asked in Slack by `userId`. `channelId` is where it was asked: a configured channel sees
 * its scope; a DM (leave it out) and any channel not configured see slack.defaultScope. Someone not among the
 * askers (slack.askers) gets no figures, only who may ask.
 */
export async function composeAnswer(
  deps: SlackDeps,
  userId: string,
  rawText: string | undefined,
  channelId?: string,
): Promise<ComposedAnswer> {
  const question = questionText(rawText);
  try {
    const asker = await deps.askers(userId);
    if (!asker.allowed) {
      deps.log.info({ userId, channel: channelId, detail: asker.detail }, 'refused a question: not an asker');
      return { ...failureMessage(NOT_AN_ASKER), shareable: false, notAnAsker: true };
    }
    const answer = await askQuestion(
      {
        store: deps.store,
        config: deps.config,
        clock: deps.clock,
        log: deps.log,
        scope: scopeWhereAsked(deps.config, channelId),
      },
      question,
    );
    const message = answerMessage(answer, question || undefined);
    return { ...message, shareable: answer.understood && answer.intent !== 'help', notAnAsker: false };
  } catch (err) {
    deps.log.error({ err: (err as Error).message, question }, 'answering a Slack question failed');
    return {
      ...failureMessage(
        'Sorry, I could not work that out just now; the failure is logged. Please try again in a minute.',
      ),
      shareable: false,
      notAnAsker: false,
    };
  }
}

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { composeAnswer, shareAnswerChart } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/** A direct message to the bot: answered in the DM, in the thread when the question was asked in one. */
export function directMessage(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== 'im') return;
    // Edits, joins and bot posts (including our own answers) are not questions.
    if (event.subtype !== undefined || 'bot_id' in event) return;
    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    // A DM is no configured channel: it sees slack.defaultScope (everything when that is empty).
    const answer = await composeAnswer(deps, event.user, event.text, undefined, {
      onSlow: (working) =>
        client.chat.postMessage({
          channel: event.channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: working.text,
          blocks: working.blocks,
        }),
    });
    const posted = await client.chat.postMessage({
      channel: event.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: answer.text,
      blocks: answer.blocks,
    });
    await shareAnswerChart(deps, answer, { channel: event.channel, threadTs: threadTs ?? posted.ts });
  };
}

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { composeAnswer, shareAnswerChart } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/**
 * `@burnrate <question>` in a channel: answered in a thread under the question (or in its thread). Someone not
 * among the askers is told privately, with nothing posted in the channel.
 */
export function appMention(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const user = event.user ?? '';
    const thread = event.thread_ts ?? event.ts;
    const answer = await composeAnswer(deps, user, event.text, event.channel, {
      onSlow: (working) =>
        client.chat.postEphemeral({
          channel: event.channel,
          user,
          text: working.text,
          blocks: working.blocks,
        }),
    });
    if (answer.notAnAsker) {
      await client.chat.postEphemeral({
        channel: event.channel,
        user,
        text: answer.text,
        blocks: answer.blocks,
      });
      return;
    }
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: thread,
      text: answer.text,
      blocks: answer.blocks,
    });
    await shareAnswerChart(deps, answer, { channel: event.channel, threadTs: event.thread_ts ?? event.ts });
  };
}

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { composeAnswer, shareAnswerChart } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/** `@burnrate <question>` in a channel: answered in a thread under the question (or in its thread). */
export function appMention(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const answer = await composeAnswer(deps, event.text, event.channel);
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      text: answer.text,
      blocks: answer.blocks,
    });
    await shareAnswerChart(deps, answer, { channel: event.channel, threadTs: event.thread_ts ?? event.ts });
  };
}

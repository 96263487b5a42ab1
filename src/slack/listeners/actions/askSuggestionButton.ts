import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { withChartLeftOut } from '../../../delivery/blocks/answer.js';
import { composeAnswer, shareAnswerChart } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/** Where the clicked suggestion was shown: its channel, thread, and whether only the clicker saw it. */
interface SuggestionPlace {
  channel: string | null;
  threadTs: string | null;
  ephemeral: boolean;
}

function placeOf(body: BlockAction<ButtonAction>): SuggestionPlace {
  const container = body.container as
    | { channel_id?: string; thread_ts?: string; is_ephemeral?: boolean }
    | undefined;
  const message = body.message as { thread_ts?: string } | undefined;
  return {
    channel: body.channel?.id ?? container?.channel_id ?? null,
    threadTs: message?.thread_ts ?? container?.thread_ts ?? null,
    ephemeral: container?.is_ephemeral === true,
  };
}

/**
 * A suggested question under an answer not understood: acknowledged at once, then asked as if typed, and
 * answered where the suggestion was shown — privately under a slash command (only the clicker saw it), in the
 * thread or DM otherwise — narrowed by that channel's scope like any question asked there. A chart goes with
 * the answer in the thread or DM; a private answer says it has one and leaves it out.
 */
export function askSuggestionButton(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const question = typeof action.value === 'string' ? action.value.trim() : '';
    const place = placeOf(body);
    if (question === '' || place.channel === null) {
      deps.log.warn(
        { actionId: action.action_id },
        'a suggested-question click without a question or channel',
      );
      return;
    }
    const channel = place.channel;
    const answer = await composeAnswer(deps, body.user.id, question, channel, {
      onSlow: (working) =>
        place.ephemeral
          ? respond({
              response_type: 'ephemeral',
              replace_original: false,
              text: working.text,
              blocks: working.blocks,
            })
          : client.chat.postEphemeral({
              channel,
              user: body.user.id,
              text: working.text,
              blocks: working.blocks,
            }),
    });
    try {
      if (place.ephemeral) {
        // Only the clicker sees this answer: its chart is not posted, and the answer says so.
        const shown = answer.chart ? withChartLeftOut(answer) : answer;
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: shown.text,
          blocks: shown.blocks,
        });
        return;
      }
      const posted = await client.chat.postMessage({
        channel: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        text: answer.text,
        blocks: answer.blocks,
      });
      await shareAnswerChart(deps, answer, { channel: place.channel, threadTs: place.threadTs ?? posted.ts });
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, channel: place.channel },
        'could not deliver the answer to a suggested question',
      );
    }
  };
}

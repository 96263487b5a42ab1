import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { withChartLeftOut } from '../../../delivery/blocks/answer.js';
import { composeAnswer, shareAnswerChart } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/** `/burnrate <question>`: acknowledged at once (Slack allows 3 s), answered through the response URL. */
export function askCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await deps.ackFirst.afterAck();
    const answer = await composeAnswer(deps, command.user_id, command.text, command.channel_id, {
      // Only the asker sees that it is being worked on; the answer itself may go to the channel.
      onSlow: (working) =>
        respond({ response_type: 'ephemeral', text: working.text, blocks: working.blocks }),
    });
    // A chart goes only where everyone sees the answer; a private answer says it has one.
    const shown = !answer.shareable && answer.chart ? withChartLeftOut(answer) : answer;
    try {
      await respond({
        response_type: answer.shareable ? 'in_channel' : 'ephemeral',
        text: shown.text,
        blocks: shown.blocks,
      });
      // A response URL gives back no message to reply under: the chart follows in the channel.
      await shareAnswerChart(deps, answer, answer.shareable ? { channel: command.channel_id } : null);
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, channel: command.channel_id },
        'could not deliver a slash command answer',
      );
    }
  };
}

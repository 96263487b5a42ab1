import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { composeAnswer } from '../../answering.js';
import type { SlackDeps } from '../../deps.js';

/** `/burnrate <question>`: acknowledged at once (Slack allows 3 s), answered through the response URL. */
export function askCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const answer = await composeAnswer(deps, command.user_id, command.text, command.channel_id);
    try {
      await respond({
        response_type: answer.shareable ? 'in_channel' : 'ephemeral',
        text: answer.text,
        blocks: answer.blocks,
      });
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, channel: command.channel_id },
        'could not deliver a slash command answer',
      );
    }
  };
}

import type { BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { findingIdFromValue } from '../../../delivery/blocks/alertActions.js';
import type { Mrkdwn } from '../../../delivery/blocks/escape.js';

/** What every alert button click needs: who clicked, which finding, and the message it came from. */
export interface AlertClick {
  userId: string;
  findingId: number | null;
  channel: string | null;
  ts: string | null;
  triggerId: string;
}

export function alertClick(body: BlockAction<ButtonAction>, action: ButtonAction): AlertClick {
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  return {
    userId: body.user.id,
    findingId: findingIdFromValue(action.value),
    channel: body.channel?.id ?? container?.channel_id ?? null,
    ts: body.message?.ts ?? container?.message_ts ?? null,
    triggerId: body.trigger_id,
  };
}

/** Answers the person who clicked, privately, in the alert's channel (nothing when the click names none). */
export async function tellClicker(
  client: Pick<webApi.WebClient, 'chat'>,
  click: AlertClick,
  text: Mrkdwn,
): Promise<void> {
  if (!click.channel) return;
  await client.chat.postEphemeral({ channel: click.channel, user: click.userId, text });
}

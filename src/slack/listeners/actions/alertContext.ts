import type { BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { type Finding, getFinding } from '../../../audit/findings.js';
import { targetHash } from '../../../audit/targetHash.js';
import type { TriageActor } from '../../../audit/triage.js';
import type { Store } from '../../../db/open.js';
import { alertMessagesOf } from '../../../delivery/alerts.js';
import { type ButtonRef, parseButtonValue } from '../../../delivery/blocks/alertActions.js';
import type { Mrkdwn } from '../../../delivery/blocks/escape.js';

/** What every alert button click needs: who clicked, which finding, and the message it came from. */
export interface AlertClick {
  userId: string;
  /** The workspace the click came from. */
  teamId: string | null;
  /** The clicking user's own workspace (a Slack Connect guest's differs from the app's). */
  userTeamId: string | null;
  findingId: number | null;
  /** The hash of the finding's resource the button carries; null on buttons that carry only a number. */
  targetHash: string | null;
  channel: string | null;
  ts: string | null;
  triggerId: string;
}

export function alertClick(body: BlockAction<ButtonAction>, action: ButtonAction): AlertClick {
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  const ref = parseButtonValue(action.value);
  return {
    userId: body.user.id,
    teamId: body.team?.id ?? body.user.team_id ?? null,
    userTeamId: body.user.team_id ?? null,
    findingId: ref?.findingId ?? null,
    targetHash: ref?.targetHash ?? null,
    channel: body.channel?.id ?? container?.channel_id ?? null,
    ts: body.message?.ts ?? container?.message_ts ?? null,
    triggerId: body.trigger_id,
  };
}

export type BoundFinding =
  | { ok: true; finding: Finding }
  | { ok: false; finding: Finding | null; refusal: string; detail: string };

/**
 * The finding a click (or a form opened from one) names, if its button is still bound to it: the resource hash
 * it carries must be the finding's, so a button that outlived its database cannot act on whatever now has its
 * number. A button that carries only a number is accepted from an alert burnrate recorded for that finding —
 * which a recreated database does not hold — and from nowhere else.
 */
export function boundFinding(
  store: Store,
  ref: { findingId: number | null; targetHash: ButtonRef['targetHash'] },
  message: { channel: string | null; ts: string | null },
): BoundFinding {
  if (ref.findingId === null) {
    return {
      ok: false,
      finding: null,
      refusal: 'That button does not name a finding burnrate knows.',
      detail: 'button value names no finding',
    };
  }
  const id = ref.findingId;
  const finding = getFinding(store, id);
  if (!finding) {
    return { ok: false, finding, refusal: 'That finding no longer exists.', detail: 'finding not found' };
  }
  if (ref.targetHash !== null) {
    if (targetHash(finding) === ref.targetHash) return { ok: true, finding };
    return {
      ok: false,
      finding,
      refusal: `This button belongs to an alert about another resource than finding ${id} is about now (burnrate's database was replaced after the alert was posted); nothing was done.`,
      detail: `button bound to resource hash ${ref.targetHash}, the finding's is ${targetHash(finding)}`,
    };
  }
  const recorded = alertMessagesOf(store, id).some(
    (m) => m.channel === message.channel && m.ts === message.ts,
  );
  if (recorded) return { ok: true, finding };
  return {
    ok: false,
    finding,
    refusal: `This button carries only a finding number, and its message is not an alert burnrate recorded for finding ${id}; nothing was done. Use the buttons of a newer alert.`,
    detail: 'plain finding number from a message not recorded for the finding',
  };
}

/** Answers the person who clicked, privately, in the alert's channel (nothing when the click names none). */
export async function tellClicker(
  client: Pick<webApi.WebClient, 'chat'>,
  click: Pick<AlertClick, 'channel' | 'userId'>,
  text: Mrkdwn,
): Promise<void> {
  if (!click.channel) return;
  await client.chat.postEphemeral({ channel: click.channel, user: click.userId, text });
}

/** Who clicked and where, as the triage log keeps it. */
export function actorOf(click: AlertClick): TriageActor {
  return { userId: click.userId, teamId: click.teamId, channel: click.channel };
}

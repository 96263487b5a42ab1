// Sends due findings to the Slack channels that take alerts and whose scope covers them, and rewrites posted
// alerts after someone acted on them. Used by `burnrate audit --post`, the scheduler and the Slack listeners.

import type { webApi } from '@slack/bolt';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { alertDueReason, findingsDueForAlert } from '../audit/alertDue.js';
import { type Finding, getFinding, markAlerted } from '../audit/findings.js';
import type { ChannelConfig, Config, Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { messagesFor, rememberMessage } from '../db/queries/messages.js';
import { inSlice } from '../domain/slice.js';
import { type AlertMessage, alertMessage, settledAlertMessage } from './blocks/alert.js';
import { supersededNote } from './blocks/alertNotes.js';
import { postToChannels, type RetryOptions } from './post.js';

export type AlertClient = Pick<webApi.WebClient, 'chat'>;

export interface PostAlertsDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  client: AlertClient;
  retry?: RetryOptions;
}

export interface PostAlertsResult {
  posted: Array<{ findingId: number; channel: string; ts: string }>;
  /** Due findings no alert channel's scope covers (they stay due). */
  unrouted: number[];
  failed: Array<{ findingId: number; channel: string; error: string }>;
}

/** A finding belongs to a scope when its project is listed (or none are) and it carries every scope label. */
export function scopeCovers(scope: Scope, finding: Pick<Finding, 'project' | 'labels'>): boolean {
  return inSlice({ project: finding.project, labels: finding.labels }, scope);
}

export function alertChannelsFor(
  channels: readonly ChannelConfig[],
  finding: Pick<Finding, 'project' | 'labels'>,
): ChannelConfig[] {
  return channels.filter((c) => c.alerts && scopeCovers(c.scope, finding));
}

/** Posts every finding due for alerting (or the given ones, if still due) and records the messages. */
export async function postDueAlerts(
  deps: PostAlertsDeps,
  findings?: readonly Finding[],
): Promise<PostAlertsResult> {
  const { store, config, clock, log, client } = deps;
  const now = clock.now();
  const due = (findings ?? findingsDueForAlert(store, now))
    .map((f) => getFinding(store, f.id))
    .filter((f): f is Finding => f !== null && f.claimedBy === null && alertDueReason(f, now) !== null);
  const result: PostAlertsResult = { posted: [], unrouted: [], failed: [] };
  for (const finding of due) {
    const dueReason = alertDueReason(finding, now);
    const earlier = alertMessagesOf(store, finding.id);
    const channels = alertChannelsFor(config.slack.channels, finding);
    if (channels.length === 0) {
      result.unrouted.push(finding.id);
      continue;
    }
    const message = alertMessage(finding, { mode: config.remediation.mode, timeZone: config.timezone });
    const ref = String(finding.id);
    const delivery = await postToChannels(
      client,
      channels.map((c) => c.id),
      message,
      {
        ...deps.retry,
        log,
        onPosted: (posted) => rememberMessage(store, { kind: 'alert', ref, ...posted }, clock.now()),
      },
    );
    for (const posted of delivery.posted) result.posted.push({ findingId: finding.id, ...posted });
    for (const { channel, error } of delivery.failed) {
      result.failed.push({ findingId: finding.id, channel, error });
      log.error({ findingId: finding.id, channel, err: error }, 'could not post an alert');
    }
    // Marked alerted only when at least one channel got it, so a Slack outage means a retry next audit.
    const first = delivery.posted[0];
    if (first) {
      markAlerted(store, finding.id, clock.now(), first);
      // Earlier messages of the finding keep no buttons: they may say what is no longer true (where a share goes).
      if (earlier.length > 0) {
        const settled = settledAlertMessage(finding, supersededNote(dueReason ?? 'new'), config.timezone);
        await updateMessages({ log, client }, finding.id, earlier, settled);
      }
    }
  }
  log.info(
    { posted: result.posted.length, unrouted: result.unrouted.length, failed: result.failed.length },
    'alerts posted',
  );
  return result;
}

/** Every alert message posted for a finding (one per channel), for updating them after an action. */
export function alertMessagesOf(store: Store, findingId: number): Array<{ channel: string; ts: string }> {
  return messagesFor(store, 'alert', String(findingId));
}

/** Rewrites every posted alert of a finding (chat.update); failures are logged, never thrown. */
export async function updateAlertMessages(
  deps: { store: Store; log: Logger; client: AlertClient },
  findingId: number,
  message: AlertMessage,
  also?: { channel: string | null; ts: string | null },
): Promise<void> {
  const targets = alertMessagesOf(deps.store, findingId);
  if (also?.channel && also.ts && !targets.some((t) => t.channel === also.channel && t.ts === also.ts)) {
    targets.push({ channel: also.channel, ts: also.ts });
  }
  await updateMessages(deps, findingId, targets, message);
}

async function updateMessages(
  deps: { log: Logger; client: AlertClient },
  findingId: number,
  targets: ReadonlyArray<{ channel: string; ts: string }>,
  message: AlertMessage,
): Promise<void> {
  for (const target of targets) {
    try {
      await deps.client.chat.update({
        channel: target.channel,
        ts: target.ts,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (err) {
      deps.log.error(
        { findingId, channel: target.channel, err: (err as Error).message },
        'could not update an alert message',
      );
    }
  }
}

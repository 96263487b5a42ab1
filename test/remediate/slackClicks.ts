// Block-action and view-submission payloads as Slack sends them for clicks on an alert.
import type { Finding } from '../../src/audit/findings.js';
import { buttonValue } from '../../src/delivery/blocks/alertActions.js';
import type { TestSlackApp } from '../support/slackApp.js';

let clickCounter = 0;

export interface PostedAlert {
  channel: string;
  ts: string;
}

/** Where clicks go: a running app's signed sender and the fake Slack that serves response URLs. */
export type ClickTarget = Pick<TestSlackApp, 'send' | 'slack'>;

/** A button as posted: the finding it is for and the value it carries. */
export interface AlertButton {
  findingId: number;
  value: string;
}

/** The button the alert builder puts on an alert of this finding (its value bound to the finding's resource). */
export function buttonOf(finding: Finding): AlertButton {
  return { findingId: finding.id, value: buttonValue(finding) };
}

export function clickAlertButton(
  t: ClickTarget,
  actionId: string,
  button: AlertButton,
  userId: string,
  alert: PostedAlert,
) {
  clickCounter += 1;
  return t.send.interaction({
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0FAKE001' },
    trigger_id: `trigger.${clickCounter}`,
    container: { type: 'message', channel_id: alert.channel, message_ts: alert.ts, is_ephemeral: false },
    channel: { id: alert.channel, name: 'ml-alerts' },
    message: { type: 'message', ts: alert.ts, text: 'alert' },
    response_url: t.slack.responseUrl(`click-${clickCounter}`),
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `finding_${button.findingId}`,
        value: button.value,
        action_ts: `${Date.now() / 1000}`,
        text: { type: 'plain_text', text: 'button' },
      },
    ],
  });
}

export function submitNotWaste(t: TestSlackApp, userId: string, privateMetadata: string, reason: string) {
  return t.send.interaction({
    type: 'view_submission',
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0FAKE001' },
    trigger_id: 'trigger.view',
    view: {
      id: 'V0001',
      type: 'modal',
      callback_id: 'burnrate_not_waste',
      private_metadata: privateMetadata,
      state: { values: { reason: { reason_input: { type: 'plain_text_input', value: reason } } } },
      hash: 'h1',
    },
  });
}

/** Waits until `check` holds (polling), for effects that follow an acknowledged click. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw lastError;
}

// The questions offered under an answer not understood, end to end over HTTP: the answer carries them as
// buttons, a signed click is acknowledged at once, and the question is asked and answered where it was shown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { SUGGESTION_ACTION_RE } from '../../src/delivery/blocks/answer.js';
import { seedBilling, setActualThrough } from '../ask/seed.js';
import type { FakeSlackCall } from '../support/fakeSlack.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

interface ButtonElement {
  type: string;
  action_id: string;
  value: string;
  text: { text: string };
}

/** The suggestion buttons of a posted answer, as Slack would show them. */
function suggestionButtons(call: FakeSlackCall): ButtonElement[] {
  const blocks = (call.args.blocks ?? []) as Array<{ type: string; elements?: ButtonElement[] }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => SUGGESTION_ACTION_RE.test(e.action_id));
}

let clicks = 0;

/** A click on a suggestion button, with the container Slack sends for the message it sits in. */
function clickSuggestion(
  t: TestSlackApp,
  button: ButtonElement,
  where: { channel: string; messageTs: string; ephemeral: boolean; threadTs?: string },
) {
  clicks += 1;
  return t.send.interaction({
    type: 'block_actions',
    user: { id: 'U0ASKER01', username: 'asker', team_id: 'T0FAKE001' },
    trigger_id: `trigger.suggestion.${clicks}`,
    container: {
      type: 'message',
      channel_id: where.channel,
      message_ts: where.messageTs,
      is_ephemeral: where.ephemeral,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    },
    channel: { id: where.channel, name: 'ml-costs' },
    // Slack sends no message with a click on an ephemeral one.
    ...(where.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: where.messageTs,
            text: 'answer',
            ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
          },
        }),
    response_url: t.slack.responseUrl(`suggestion-${clicks}`),
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'suggestions',
        value: button.value,
        action_ts: `${Date.now() / 1000}`,
        text: { type: 'plain_text', text: button.text.text },
      },
    ],
  });
}

describe('suggested questions as buttons, end to end over HTTP', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  let lastWeekTraining: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-suggest-'));
    store = openStore(join(dir, 'suggest.db'));
    const rows = [];
    for (let d = 16; d <= 22; d++) {
      rows.push({ day: `2026-11-${d}`, cost: 100, kind: 'training', labels: { team: 'search' } });
      rows.push({ day: `2026-11-${d}`, cost: 30, kind: 'prediction', sku: 'Online Prediction' });
    }
    seedBilling(store, rows);
    setActualThrough(store, '2026-11-26');
    lastWeekTraining = (
      store.sqlite
        .prepare(
          "SELECT SUM(cost + credits) AS t FROM billing_daily WHERE kind = 'training' AND day >= '2026-11-16' AND day < '2026-11-23'",
        )
        .get() as { t: number }
    ).t;
    t = await startTestSlackApp({ store, config: { slack: { teamId: 'T0FAKE001' } } });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('under a slash command: two buttons; a click answers privately through the response URL', async () => {
    await t.send.command({
      text: 'how much did we spend on flurbs last week',
      response_url: t.slack.responseUrl('s1'),
    });
    const notUnderstood = await t.slack.waitFor('response_url', (c) => c.path === '/response/s1');
    expect(notUnderstood.args.response_type).toBe('ephemeral');
    const buttons = suggestionButtons(notUnderstood);
    expect(buttons.map((b) => b.value)).toEqual([
      'how much did we spend on training last week?',
      'average daily spend last week',
    ]);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);

    const started = Date.now();
    const res = await clickSuggestion(t, buttons[0]!, {
      channel: 'C0FAKE001',
      messageTs: '1700000900.000100',
      ephemeral: true,
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const answer = await t.slack.waitFor('response_url', (c) => c.path === `/response/suggestion-${clicks}`);
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.args.text)).toContain(
      `training, last week (Nov 16 – Nov 22): $${lastWeekTraining.toFixed(2)}`,
    );
    expect(JSON.stringify(answer.args.blocks)).toContain(
      'Asked: “how much did we spend on training last week?”',
    );
    expect(suggestionButtons(answer)).toEqual([]);
  });

  it('under an answer in a thread: the answer goes to the same thread', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> spend on flurbs',
      ts: '1700001000.000100',
      channel: 'C0FAKE001',
    });
    const reply = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700001000.000100');
    const [first] = suggestionButtons(reply);
    expect(first?.value).toBe('how much did we spend on training last week?');
    const before = t.slack.callsOf('chat.postMessage').length;
    await clickSuggestion(t, first!, {
      channel: 'C0FAKE001',
      messageTs: '1700001000.000200',
      ephemeral: false,
      threadTs: '1700001000.000100',
    });
    const answer = await t.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.thread_ts === '1700001000.000100' && String(c.args.text).includes('training, last week'),
    );
    expect(String(answer.args.text)).toContain(`$${lastWeekTraining.toFixed(2)}`);
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(before + 1);
  });

  it('in a direct message: answered in the DM, outside any thread', async () => {
    const button = {
      type: 'button',
      action_id: 'burnrate_ask_suggestion_2',
      value: 'average daily spend last week',
      text: { text: 'average daily spend last week' },
    };
    await clickSuggestion(t, button, {
      channel: 'D0DM00001',
      messageTs: '1700001100.000100',
      ephemeral: false,
    });
    const answer = await t.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DM00001');
    expect(answer.args.thread_ts).toBeUndefined();
    const perDay = (lastWeekTraining + 7 * 30) / 7;
    expect(String(answer.args.text)).toContain(
      `last week (Nov 16 – Nov 22): $${perDay.toFixed(2)} per day on average`,
    );
  });

  it('a click that carries no question is acknowledged and answers nothing', async () => {
    const before = t.slack.calls.length;
    const res = await clickSuggestion(
      t,
      { type: 'button', action_id: 'burnrate_ask_suggestion_1', value: '  ', text: { text: 'x' } },
      { channel: 'C0FAKE001', messageTs: '1700001200.000100', ephemeral: false },
    );
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.slack.calls.length).toBe(before);
  });
});

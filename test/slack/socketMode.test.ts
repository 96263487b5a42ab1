// Socket Mode end to end: the real Bolt app with SLACK_SOCKET_MODE=true asks the fake Slack Web API for a
// connection (apps.connections.open with the app-level token), connects to a local Socket Mode server, and answers
// a slash command, a click on a suggested question and a mention delivered as envelopes, acknowledging each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { SUGGESTION_ACTION_RE } from '../../src/delivery/blocks/answer.js';
import { HEALTH_PATH, healthRoute } from '../../src/serve/health.js';
import { createSlackApp, type SlackApp, SlackSetupError } from '../../src/slack/app.js';
import { seedBilling, setActualThrough } from '../ask/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';
import { type FakeSocketMode, startFakeSocketMode } from '../support/fakeSocketMode.js';

const TEAM = 'T0FAKE001';
const APP_TOKEN = 'xapp-1-A0BURNRATE-0000-socketmodetest';
const BOT_TOKEN = 'xoxb-test-0000-burnrate';
const NOW = new Date('2026-11-28T09:00:00Z');
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

function socketEnv(slack: FakeSlack, appToken: string | null = APP_TOKEN) {
  return readRuntimeEnv({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SOCKET_MODE: 'true',
    ...(appToken ? { SLACK_APP_TOKEN: appToken } : {}),
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'silent',
  });
}

/** A slash command as the payload of a `slash_commands` envelope: the fields Slack would post over HTTP. */
function slashCommand(text: string, responseUrl: string, teamId = TEAM): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    team_domain: 'fake',
    channel_id: 'C0FAKE001',
    channel_name: 'ml-costs',
    user_id: 'U0ASKER01',
    user_name: 'asker',
    command: '/burnrate',
    text,
    api_app_id: 'A0BURNRATE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1337.42.socket',
  };
}

describe('Socket Mode, end to end through a local Socket Mode server', () => {
  let dir: string;
  let store: Store;
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let app: SlackApp;
  let port: number;
  const config = configSchema.parse({ slack: { teamId: TEAM } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-socket-'));
    store = openStore(join(dir, 'socket.db'));
    const rows = [];
    for (let d = 16; d <= 22; d++) rows.push({ day: `2026-11-${d}`, cost: 100, kind: 'training' });
    seedBilling(store, rows);
    setActualThrough(store, '2026-11-26');
    slack = await startFakeSlack({ teamId: TEAM });
    socket = await startFakeSocketMode();
    slack.setSocketModeUrl(socket.url);
    const clock = fixedClock(NOW);
    app = createSlackApp({
      config,
      env: socketEnv(slack),
      store,
      clock,
      log,
      customRoutes: [healthRoute(store, clock, log, { syncPeriodMs: () => null, startedAt: NOW })],
    });
    ({ port } = await app.start(0));
  });
  afterAll(async () => {
    await app.stop();
    await socket.close();
    await slack.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the connection with the app-level token and serves /healthz on the port it bound', async () => {
    await socket.connected();
    const open = slack.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(slack.callsOf('auth.test')[0]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const health = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ db: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('a slash command: acknowledged within Slack’s 3 s, answered through the response URL', async () => {
    const ack = await socket.deliver(
      'slash_commands',
      slashCommand('how much did we spend last week?', slack.responseUrl('sm1')),
    );
    expect(ack.afterMs).toBeLessThan(3000);
    expect(ack.payload ?? {}).toEqual({});
    const answer = await slack.waitFor('response_url', (c) => c.path === '/response/sm1');
    expect(answer.args.response_type).toBe('in_channel');
    expect(String(answer.args.text)).toContain('last week (Nov 16 – Nov 22): $700.00');
  });

  it('a click on a suggested question: acknowledged, asked, answered where it was shown', async () => {
    await socket.deliver('slash_commands', slashCommand('spend on flurbs', slack.responseUrl('sm2')));
    const notUnderstood = await slack.waitFor('response_url', (c) => c.path === '/response/sm2');
    const blocks = notUnderstood.args.blocks as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
    }>;
    const button = blocks
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .find((e) => SUGGESTION_ACTION_RE.test(e.action_id));
    expect(button?.value).toBe('how much did we spend on training last week?');
    const ack = await socket.deliver('interactive', {
      type: 'block_actions',
      team: { id: TEAM, domain: 'fake' },
      api_app_id: 'A0BURNRATE',
      user: { id: 'U0ASKER01', username: 'asker', team_id: TEAM },
      trigger_id: 'trigger.socket.1',
      container: {
        type: 'message',
        channel_id: 'C0FAKE001',
        message_ts: '1700002000.000100',
        is_ephemeral: true,
      },
      channel: { id: 'C0FAKE001', name: 'ml-costs' },
      response_url: slack.responseUrl('sm2-click'),
      actions: [
        {
          type: 'button',
          action_id: button?.action_id,
          block_id: 'suggestions',
          value: button?.value,
          action_ts: '1700002001.000100',
          text: { type: 'plain_text', text: button?.text.text },
        },
      ],
    });
    expect(ack.afterMs).toBeLessThan(3000);
    const answer = await slack.waitFor('response_url', (c) => c.path === '/response/sm2-click');
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.args.text)).toContain('training, last week (Nov 16 – Nov 22): $700.00');
  });

  it('an event: acknowledged, answered in the thread, and a redelivery with the same event id answered once', async () => {
    const event = {
      token: 'legacy-verification-token',
      team_id: TEAM,
      api_app_id: 'A0BURNRATE',
      type: 'event_callback',
      event_id: 'Ev0SOCKET01',
      event_time: Math.floor(NOW.getTime() / 1000),
      event: {
        type: 'app_mention',
        user: 'U0ASKER01',
        text: '<@U0FAKEBOT> spend last week',
        ts: '1700003000.000100',
        channel: 'C0FAKE001',
        event_ts: '1700003000.000100',
      },
      authorizations: [{ team_id: TEAM, user_id: 'U0FAKEBOT', is_bot: true, is_enterprise_install: false }],
    };
    const first = await socket.deliver('events_api', event);
    expect(first.afterMs).toBeLessThan(3000);
    const post = await slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700003000.000100');
    expect(String(post.args.text)).toContain('$700.00');
    await socket.deliver('events_api', event, { retryAttempt: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(
      slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700003000.000100'),
    ).toHaveLength(1);
  });

  it('refuses a command from another workspace: acknowledged, never answered', async () => {
    const ack = await socket.deliver(
      'slash_commands',
      slashCommand('help', slack.responseUrl('foreign'), 'T0OTHER99'),
    );
    expect(ack.envelope_id).toBeTruthy();
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.callsOf('response_url').filter((c) => c.path === '/response/foreign')).toEqual([]);
    expect(socket.strayFrames).toEqual([]);
  });

  it('stop closes the WebSocket before it resolves, and the app does not reconnect', async () => {
    const closed = socket.closedByApp();
    await app.stop();
    await closed;
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.connections).toBe(1);
    expect(slack.callsOf('apps.connections.open')).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`)).rejects.toThrow();
  });
});

describe('Socket Mode set-up errors name the token and what is expected', () => {
  it.each([
    [
      null,
      'SLACK_SOCKET_MODE=true needs SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write)',
    ],
    [
      BOT_TOKEN,
      'SLACK_APP_TOKEN must be an app-level token (xapp-…, with connections:write); found a xoxb-… token',
    ],
  ])('SLACK_APP_TOKEN=%s', async (token, message) => {
    const slack = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'burnrate-socket-bad-'));
    const store = openStore(join(dir, 'bad.db'));
    try {
      expect(() =>
        createSlackApp({
          config: configSchema.parse({ slack: { teamId: TEAM } }),
          env: socketEnv(slack, token),
          store,
          clock: fixedClock(NOW),
          log,
        }),
      ).toThrow(new SlackSetupError(message));
      expect(slack.calls).toEqual([]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
      await slack.close();
    }
  });

  it('an app-level token Slack refuses: start fails with the reason, and stop leaves nothing running', async () => {
    const slack = await startFakeSlack();
    slack.failNext('apps.connections.open', 'invalid_auth');
    const dir = mkdtempSync(join(tmpdir(), 'burnrate-socket-refused-'));
    const store = openStore(join(dir, 'refused.db'));
    const clock = fixedClock(NOW);
    const app = createSlackApp({
      config: configSchema.parse({ slack: { teamId: TEAM } }),
      env: socketEnv(slack),
      store,
      clock,
      log,
      customRoutes: [healthRoute(store, clock, log, { syncPeriodMs: () => null, startedAt: NOW })],
    });
    try {
      await expect(app.start(0)).rejects.toThrow(
        /^Slack did not open a Socket Mode connection for SLACK_APP_TOKEN: .*invalid_auth/,
      );
    } finally {
      await app.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
      await slack.close();
    }
  });
});

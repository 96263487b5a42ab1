// burnrate answers one Slack workspace: `serve` needs slack.teamId (exit 2 naming the key without it; other
// commands do not), the Slack app refuses to start without it, and requests from another workspace — including
// Slack Connect guests writing in a shared channel, whose user_team is their own workspace — are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { runCli } from '../../src/cli/program.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore } from '../../src/db/open.js';
import { createSlackApp } from '../../src/slack/app.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { DEFAULT_TEAM_ID } from '../support/slackSigned.js';

const GUEST_TEAM = 'T0GUEST999';

describe('slack.teamId is required to serve', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await slack.close();
  });
  const slackEnv = () => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token-123',
    SLACK_SIGNING_SECRET: 'test-signing-secret-456',
    SLACK_API_URL: slack.apiUrl,
    BURNRATE_DB: ':memory:',
  });

  it('`burnrate serve` without it: exit 2, the message names slack.teamId and what it is', async () => {
    const err: string[] = [];
    const code = await runCli(['serve'], { env: slackEnv(), stdout: () => {}, stderr: (s) => err.push(s) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/slack\.teamId is required for serve/);
    expect(err.join('')).toMatch(/T0123ABCD/);
  });

  it('other commands run without it', async () => {
    const out: string[] = [];
    const code = await runCli(['ask', 'help'], {
      env: slackEnv(),
      stdout: (s) => out.push(s),
      stderr: () => {},
    });
    expect(code).toBe(0);
  });

  it('the Slack app will not start without it', () => {
    const store = openStore(':memory:');
    try {
      expect(() =>
        createSlackApp({
          config: configSchema.parse({}),
          env: readRuntimeEnv(slackEnv()),
          store,
          clock: { now: () => new Date('2026-11-28T09:00:00Z') },
          log: createLogger({ level: 'silent' }),
        }),
      ).toThrow(/slack\.teamId/);
    } finally {
      store.close();
    }
  });

  it('a workspace id must look like one', () => {
    expect(() => configSchema.parse({ slack: { teamId: 'my-workspace' } })).toThrow(/a Slack workspace id/);
  });
});

describe('requests from other workspaces and Slack Connect guests are refused', () => {
  let t: TestSlackApp;
  beforeAll(async () => {
    t = await startTestSlackApp({ config: { slack: { teamId: DEFAULT_TEAM_ID } } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a guest from another workspace mentioning the bot in a shared channel gets no answer', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0GUEST001',
      user_team: GUEST_TEAM,
      source_team: GUEST_TEAM,
      team: DEFAULT_TEAM_ID,
      text: '<@U0FAKEBOT> help',
      ts: '1700003000.000100',
      channel: 'C0SHARED01',
    });
    // A member of the workspace in the same channel is answered.
    await t.send.event({
      type: 'app_mention',
      user: 'U0MEMBER01',
      user_team: DEFAULT_TEAM_ID,
      text: '<@U0FAKEBOT> help',
      ts: '1700003100.000100',
      channel: 'C0SHARED01',
    });
    await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700003100.000100');
    expect(
      t.slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700003000.000100'),
    ).toHaveLength(0);
  });

  it('a guest DM is not answered', async () => {
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0GUEST001',
      user: 'U0GUEST001',
      user_team: GUEST_TEAM,
      text: 'how much did we spend last week?',
      ts: '1700003200.000100',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0GUEST001')).toHaveLength(
      0,
    );
  });

  it('a button clicked by a guest does nothing', async () => {
    await t.send.interaction({
      type: 'block_actions',
      user: { id: 'U0GUEST001', username: 'guest', team_id: GUEST_TEAM },
      trigger_id: 'trigger.guest',
      container: { type: 'message', channel_id: 'C0SHARED01', message_ts: '1700000000.000100' },
      channel: { id: 'C0SHARED01', name: 'shared' },
      message: { type: 'message', ts: '1700000000.000100', text: 'alert' },
      actions: [
        {
          type: 'button',
          action_id: 'burnrate_alert_snooze_24h',
          block_id: 'finding_1',
          value: '1',
          action_ts: '1700000001.000000',
          text: { type: 'plain_text', text: 'Snooze 24 h' },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.callsOf('chat.postEphemeral')).toHaveLength(0);
  });
});

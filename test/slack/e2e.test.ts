import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { seedBilling, seedDeployment, setActualThrough } from '../ask/seed.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

describe('asking in Slack, end to end over HTTP', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-e2e-'));
    store = openStore(join(dir, 'e2e.db'));
    const rows = [];
    for (let d = 16; d <= 22; d++) rows.push({ day: `2026-11-${d}`, cost: 100, labels: { team: 'search' } });
    seedBilling(store, rows);
    setActualThrough(store, '2026-11-26');
    seedDeployment(store, {
      endpoint: 'projects/ml-prod/locations/us-central1/endpoints/9',
      endpointDisplayName: 'fraud-model',
      deployedModelId: 'd1',
      modelDisplayName: 'fraud-v3',
      minReplicas: 1,
      createTime: '2026-11-20T00:00:00Z',
      hourlyPrice: 2,
    });
    store.sqlite
      .prepare(
        `INSERT INTO sync_runs (pass_id, scope, started_at, ended_at, ok, resources_seen, rows_written, bytes_scanned)
         VALUES ('p1', 'ml-prod/us-central1', '2026-11-28T08:45:00Z', '2026-11-28T08:46:00Z', 1, 3, 3, 0)`,
      )
      .run();
    t = await startTestSlackApp({ store, config: { slack: { teamId: 'T0FAKE001' } } });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('slash command: acks at once, answers in the channel through response_url with the right figure', async () => {
    const started = Date.now();
    const res = await t.send.command({
      text: 'how much did we spend last week?',
      response_url: t.slack.responseUrl('q1'),
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/q1');
    expect(answer.args.response_type).toBe('in_channel');
    expect(String(answer.args.text)).toContain('$700.00');
    expect(String(answer.args.text)).toContain('last week (Nov 16 – Nov 22)');
    expect(JSON.stringify(answer.args.blocks)).toContain('billing export through Nov 26');
  });

  it('slash command not understood: ephemeral, says what it understood, the two closest questions', async () => {
    await t.send.command({ text: 'spend on flurbs', response_url: t.slack.responseUrl('q2') });
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/q2');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(String(answer.args.text)).toContain('"flurbs"');
    expect(String(answer.args.text).match(/•/g)).toHaveLength(2);
  });

  it('direct message: answered in the DM, in the thread when asked in one; own posts ignored', async () => {
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM00001',
      user: 'U0ASKER01',
      text: 'spend by team last week',
      ts: '1700000300.000100',
    });
    const top = await t.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DM00001');
    expect(top.args.thread_ts).toBeUndefined();
    expect(String(top.args.text)).toContain('search: $700.00');
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM00001',
      user: 'U0ASKER01',
      text: 'and this month?',
      ts: '1700000400.000100',
      thread_ts: '1700000300.000100',
    });
    await t.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === 'D0DM00001' && c.args.thread_ts === '1700000300.000100',
    );
    const before = t.slack.callsOf('chat.postMessage').length;
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM00001',
      bot_id: 'B0FAKEBOT',
      text: 'an answer',
      ts: '1700000500.000100',
    });
    await t.send.event({
      type: 'message',
      subtype: 'message_changed',
      channel_type: 'im',
      channel: 'D0DM00001',
      ts: '1700000600.000100',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(before);
  });

  it('app mention: answered in a thread under the question', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: "<@U0FAKEBOT> what's running right now?",
      ts: '1700000700.000100',
      channel: 'C0FAKE001',
    });
    const post = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700000700.000100');
    expect(String(post.args.text)).toContain('fraud-model');
  });

  it('App Home: publishes month to date, forecast, top drivers, findings and last sync', async () => {
    await t.send.event({ type: 'app_home_opened', user: 'U0ASKER01', channel: 'D0DM00001', tab: 'home' });
    const call = await t.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0ASKER01');
    const view = call.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Month to date');
    expect(text).toContain('Forecast for the month');
    expect(text).toContain('Top cost drivers');
    expect(text).toContain('Open findings:* 0');
    expect(text).toContain('Last sync:* 2026-11-28 08:46 UTC');
    // Then the month's chart by kind, published again with it (drawn in the background; awaited here so the
    // drawing is done before the next test's timing starts).
    const withChart = await t.slack.waitFor(
      'views.publish',
      (c) => c.args.user_id === 'U0ASKER01' && JSON.stringify(c.args.view).includes('"type":"image"'),
      10_000,
    );
    expect(JSON.stringify(withChart.args.view)).toContain('Vertex AI spend by kind, month to date');
  });

  it('refuses requests from another workspace without running a listener', async () => {
    await t.send.command({
      text: 'help',
      team_id: 'T0OTHER99',
      response_url: t.slack.responseUrl('foreign'),
    });
    await t.send.event(
      {
        type: 'app_mention',
        user: 'U0X',
        text: '<@U0FAKEBOT> help',
        ts: '1700000800.000100',
        channel: 'C0FAKE001',
      },
      { teamId: 'T0OTHER99' },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.calls.filter((c) => c.path === '/response/foreign')).toHaveLength(0);
    expect(
      t.slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700000800.000100'),
    ).toHaveLength(0);
  });

  it('rides out Slack rate limiting (429 + Retry-After) and still answers once', async () => {
    t.slack.rateLimit('chat.postMessage', 1, 1);
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> help',
      ts: '1700000900.000100',
      channel: 'C0FAKE001',
    });
    await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700000900.000100');
    await new Promise((r) => setTimeout(r, 1500));
    const attempts = t.slack
      .callsOf('chat.postMessage')
      .filter((c) => c.args.thread_ts === '1700000900.000100');
    expect(attempts).toHaveLength(2); // the limited attempt and the retry that succeeded
  });
});

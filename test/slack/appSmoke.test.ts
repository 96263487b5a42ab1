import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { eventRequest, nowSeconds, slashCommandRequest } from '../support/slackSigned.js';

describe('Slack app over HTTP (smoke)', () => {
  let t: TestSlackApp;
  beforeAll(async () => {
    t = await startTestSlackApp({
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.end('ok') }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers url_verification with the challenge', async () => {
    const res = await t.send.urlVerification('chal-123');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'chal-123' });
  });

  it('serves custom routes on the same port', async () => {
    const res = await fetch(`http://127.0.0.1:${t.port}/healthz`);
    expect(await res.text()).toBe('ok');
  });

  it('acks a slash command and answers through the response URL', async () => {
    const responseUrl = t.slack.responseUrl('smoke1');
    const res = await t.send.command({ text: 'help', response_url: responseUrl });
    expect(res.status).toBe(200);
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/smoke1');
    expect(typeof answer.args.text).toBe('string');
  });

  it('answers a mention in a thread', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> help',
      ts: '1700000100.000100',
      channel: 'C0FAKE001',
    });
    const post = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700000100.000100');
    expect(post.args.channel).toBe('C0FAKE001');
  });

  it('refuses wrong signatures, missing headers and stale timestamps with 401', async () => {
    const req = slashCommandRequest({ text: 'help', response_url: t.slack.responseUrl('never') });
    expect((await t.send.raw(req, { secretOverride: 'wrong-secret' })).status).toBe(401);
    expect((await t.send.raw(req, { omit: ['signature'] })).status).toBe(401);
    expect((await t.send.raw(req, { omit: ['timestamp'] })).status).toBe(401);
    expect((await t.send.raw(req, { timestamp: nowSeconds() - 6 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.slack.callsOf('response_url').filter((c) => c.path === '/response/never')).toHaveLength(0);
  });

  it('refuses a correctly signed request stamped more than 5 minutes in the future', async () => {
    const req = slashCommandRequest({ text: 'help', response_url: t.slack.responseUrl('future') });
    expect((await t.send.raw(req, { timestamp: nowSeconds() + 6 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.slack.callsOf('response_url').filter((c) => c.path === '/response/future')).toHaveLength(0);
    // Within the window either way (clocks drift a little) it is answered.
    const near = slashCommandRequest({ text: 'help', response_url: t.slack.responseUrl('near') });
    expect((await t.send.raw(near, { timestamp: nowSeconds() + 4 * 60 })).status).toBe(200);
    await t.slack.waitFor('response_url', (c) => c.path === '/response/near');
  });

  it('answers a retried event once', async () => {
    const req = eventRequest(
      {
        type: 'app_mention',
        user: 'U0ASKER01',
        text: '<@U0FAKEBOT> help',
        ts: '1700000200.000100',
        channel: 'C0FAKE001',
      },
      { eventId: 'EvRETRY0001' },
    );
    expect((await t.send.raw(req)).status).toBe(200);
    expect(
      (
        await t.send.raw(req, {
          headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        })
      ).status,
    ).toBe(200);
    await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700000200.000100');
    await new Promise((r) => setTimeout(r, 200));
    expect(
      t.slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700000200.000100'),
    ).toHaveLength(1);
  });

  it('rejects malformed payloads with 400', async () => {
    expect((await t.send.raw({ body: '{not json', contentType: 'application/json' })).status).toBe(400);
    expect((await t.send.raw({ body: '{"hello":"world"}', contentType: 'application/json' })).status).toBe(
      400,
    );
    expect((await t.send.raw({ body: '[1,2]', contentType: 'application/json' })).status).toBe(400);
    expect(
      (await t.send.raw({ body: 'payload=%7Bbad', contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(400);
  });
});

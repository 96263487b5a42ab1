// Every call to Slack has a deadline from the config (slack.timeoutMs): a Slack that accepts the connection and
// never answers fails the call after a bounded number of attempts, instead of holding a job (or a click) for
// 300 s per attempt — the Web API client's default was no timeout at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { uploadFile } from '../../src/delivery/post.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const TIMEOUT_MS = 300;
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => slack.clear());

const client = () =>
  createSlackClient(
    readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl }),
    configSchema.parse({ slack: { timeoutMs: TIMEOUT_MS } }).slack.timeoutMs,
  );

describe('deadlines on calls to Slack', () => {
  it('slack.timeoutMs is read from the config, with a default of seconds, not minutes', () => {
    expect(configSchema.parse({}).slack.timeoutMs).toBe(10_000);
    expect(configSchema.parse({ slack: { timeoutMs: TIMEOUT_MS } }).slack.timeoutMs).toBe(TIMEOUT_MS);
  });

  it('a Web API call Slack never answers fails after its attempts, each bounded by the deadline', async () => {
    slack.hangNext('chat.postMessage', 10);
    await expect(client().chat.postMessage({ channel: 'C0DIGEST1', text: 'hello' })).rejects.toThrow();
    // The first attempt and the bounded network retries, then no more.
    const attempts = slack.callsOf('chat.postMessage').length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(3);
  }, 20_000);

  it('the upload of a file whose bytes Slack never takes fails instead of hanging', async () => {
    slack.hangNext('file.upload');
    await expect(
      uploadFile(
        client(),
        {
          channel: 'C0DIGEST1',
          filename: 'chart.png',
          title: 'chart',
          altText: 'a chart',
          data: Buffer.from('png'),
          timeoutMs: TIMEOUT_MS,
        },
        { sleep: async () => {} },
      ),
    ).rejects.toThrow(/upload/i);
  }, 20_000);
});

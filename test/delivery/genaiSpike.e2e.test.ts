// The demo's runaway agent loop (a Gemini token spike two days before the start) judged as the export delivers
// it: a sync pass against the simulator, then the generative-AI check that follows every pass, posting to the
// fake Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { openStore, type Store } from '../../src/db/open.js';
import { runGenaiSpikeChecks } from '../../src/delivery/genaiChecks.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import type { Gcp } from '../../src/gcp/index.js';
import { genaiDaysToCheck } from '../../src/report/genaiAnomalies.js';
import { actualThrough } from '../../src/spend/actualThrough.js';
import { demoGoogle, demoScenario } from '../collect/demoSync.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

// Two days after the spike's day began, while the export still trails the day before.
const NOW = new Date('2026-11-28T00:30:00Z');
const SPIKE_DAY = '2026-11-26';
const config = testConfig(demoGoogle, {
  slack: { channels: [{ id: 'C0ALERTS1', name: 'ml-costs', alerts: true }] },
});

let harness: SimHarness;
let gcp: Gcp;
let store: Store;
let slack: FakeSlack;

beforeAll(async () => {
  harness = await startHarness(demoScenario(), NOW);
  gcp = gcpFor(harness.url, config);
  store = openStore(':memory:');
  slack = await startFakeSlack();
  const result = await runSyncPass({ store, gcp, config, clock: fixedClock(NOW), log: silentLog });
  expect(result.scopes.find((s) => s.scope === 'billing')?.error ?? null).toBeNull();
}, 120_000);

afterAll(async () => {
  store?.close();
  await gcp?.close();
  await harness?.close();
  await slack?.close();
});

describe('generative-AI spend checked as the export lands', () => {
  it('alerts the token spike once, before its day is actual, saying how it was judged', async () => {
    expect(actualThrough(store.sqlite, '2026-11-28')! < SPIKE_DAY).toBe(true);
    const env = readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl });
    const deps = {
      store,
      config,
      clock: fixedClock(NOW),
      log: silentLog,
      client: createSlackClient(env, config.slack.timeoutMs),
    };
    const first = await runGenaiSpikeChecks(deps);
    expect(first.days).toContain(SPIKE_DAY);
    expect(first.failed).toEqual([]);
    const keys = (
      store.sqlite
        .prepare("SELECT key FROM notifications_sent WHERE key LIKE 'anomaly-genai:%'")
        .all() as Array<{
        key: string;
      }>
    ).map((k) => k.key);
    expect(keys).toEqual([`anomaly-genai:org:${SPIKE_DAY}`]);
    expect(first.alerts).toBe(1);
    const [post] = slack.callsOf('chat.postMessage');
    expect(String(post?.args.text)).toContain('generative AI');
    const blocks = JSON.stringify(post?.args.blocks);
    expect(blocks).toContain('Gemini 2.5 Flash GA Text Input - Predictions');
    expect(blocks).toContain('judged from the billing export as its rows land');
    expect(blocks).toContain('not hour by hour');

    slack.clear();
    const second = await runGenaiSpikeChecks(deps);
    expect(second.alerts).toBe(0);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
  });
});

describe('genaiDaysToCheck', () => {
  it.each([
    {
      actual: '2026-11-25',
      today: '2026-11-28',
      days: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'],
    },
    { actual: '2026-11-27', today: '2026-11-28', days: ['2026-11-26', '2026-11-27', '2026-11-28'] },
    { actual: null, today: '2026-11-28', days: ['2026-11-26', '2026-11-27', '2026-11-28'] },
  ])('actual through $actual, today $today', ({ actual, today, days }) => {
    expect(genaiDaysToCheck(actual, today)).toEqual(days);
  });
});

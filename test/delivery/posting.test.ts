import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { runDailyChecks } from '../../src/delivery/dailyChecks.js';
import { postWeeklyDigests } from '../../src/delivery/digest.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import { renderDailySpendChart } from '../../src/report/chart.js';
import { weekRange } from '../../src/report/period.js';
import { eachDay, isoWeekday } from '../../src/time/days.js';
import { insertBilling, setActualThrough, type TempStore, tempStore } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const log = createLogger({ level: 'silent' });
const SLACK_TIMEOUT_MS = configSchema.parse({}).slack.timeoutMs;

let slack: FakeSlack;
let t: TempStore;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => {
  slack.clear();
  t?.dispose();
});

const config = configSchema.parse({
  timezone: 'Europe/Berlin',
  slack: {
    channels: [
      { id: 'C0DIGEST1', name: 'ml-costs', digest: true, alerts: true },
      { id: 'C0VISION1', name: 'vision', digest: true, scope: { labels: { team: 'vision' } } },
    ],
  },
  budgets: [{ name: 'ml', monthlyAmount: 20_000, channel: 'C0DIGEST1' }],
});

function seed(store: TempStore['store']) {
  const rows = eachDay('2026-08-24', '2026-10-26').flatMap((day) => [
    { day, cost: isoWeekday(day) >= 6 ? 150 : 400, labels: { team: 'vision' }, kind: 'training' as const },
    { day, skuId: 'SKU-P', cost: 200, kind: 'prediction' as const },
  ]);
  insertBilling(store, rows);
  setActualThrough(store, '2026-10-25');
}

describe('chart', () => {
  it('renders daily spend by kind to a PNG on the server', async () => {
    const points = eachDay('2026-09-01', '2026-10-27').flatMap((day) => [
      { day, kind: 'training' as const, cost: 300 },
      { day, kind: 'prediction' as const, cost: 120 },
    ]);
    const chart = await renderDailySpendChart(points, 'Daily ML spend by kind');
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart.png.length).toBeGreaterThan(10_000);
    expect(chart.svg).toContain('<svg');
  });

  it('still renders (bars only) when the configured font file does not exist', async () => {
    const chart = await renderDailySpendChart([{ day: '2026-10-01', kind: 'training', cost: 5 }], 'x', {
      fontFile: '/nonexistent/font.ttf',
    });
    expect(chart.hasText).toBe(false);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});

describe('posting the weekly digest to Slack', () => {
  it('posts each digest channel once, waits out a 429, and uploads the chart into the thread', async () => {
    t = tempStore();
    seed(t.store);
    const env = readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl });
    const clock = fixedClock(new Date('2026-10-26T08:00:00Z'));
    const client = createSlackClient(env, SLACK_TIMEOUT_MS);
    slack.rateLimit('chat.postMessage', 1, 1);
    const started = Date.now();
    const deps = { store: t.store, config, clock, log, client };
    const result = await postWeeklyDigests(deps, weekRange('2026-W43')!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.failed).toEqual([]);
    expect(result.posted.map((p) => p.channel)).toEqual(['C0DIGEST1', 'C0VISION1']);

    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(3); // the rate-limited attempt, then one per channel
    expect(String(posts[1]!.args.text)).toContain('2026-W43');
    expect(String(posts[1]!.args.text)).toContain('billing export through Oct 25');

    const tickets = slack.callsOf('files.getUploadURLExternal');
    const uploads = slack.callsOf('file.upload');
    const completes = slack.callsOf('files.completeUploadExternal');
    expect(tickets).toHaveLength(2);
    expect(uploads).toHaveLength(2);
    expect(uploads[0]!.body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(Number(tickets[0]!.args.length)).toBe(uploads[0]!.body.length);
    expect(completes[0]!.args).toMatchObject({ channel_id: 'C0DIGEST1', thread_ts: result.posted[0]!.ts });

    // Run again (e.g. a catch-up after a restart): nothing is posted twice.
    slack.clear();
    const again = await postWeeklyDigests(deps, weekRange('2026-W43')!);
    expect(again.posted).toEqual([]);
    expect(again.alreadySent).toEqual(['C0DIGEST1', 'C0VISION1']);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    const recorded = t.store.sqlite
      .prepare("SELECT ref, channel FROM slack_messages WHERE kind = 'digest'")
      .all();
    expect(recorded).toEqual([
      { ref: '2026-W43:C0DIGEST1', channel: 'C0DIGEST1' },
      { ref: '2026-W43:C0VISION1', channel: 'C0VISION1' },
    ]);
  });
});

describe('daily anomaly and budget checks', () => {
  it('alerts a spike and a budget crossing once, not again for the same day or month', async () => {
    t = tempStore();
    seed(t.store);
    insertBilling(t.store, [
      {
        day: '2026-10-25',
        skuId: 'SKU-H100',
        skuDescription: 'H100 GPU',
        cost: 2500,
        labels: { team: 'llm' },
      },
    ]);
    const env = readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl });
    const clock = fixedClock(new Date('2026-10-26T07:30:00Z'));
    const deps = { store: t.store, config, clock, log, client: createSlackClient(env, SLACK_TIMEOUT_MS) };
    const first = await runDailyChecks(deps);
    expect(first.day).toBe('2026-10-25');
    expect(first.anomalyAlerts).toBe(1);
    // October so far: about 15,600 of 20,000 spent (78 %, past 50 %); the forecast (≈ 94 %) passes 80 %.
    expect(first.budgetAlerts).toBe(2);
    const posts = slack.callsOf('chat.postMessage').map((c) => String(c.args.text));
    expect(posts.some((p) => p.includes('unusually high') && p.includes('never seen before'))).toBe(true);
    expect(posts.filter((p) => p.startsWith('Budget ml:'))).toEqual([
      expect.stringContaining('Spend so far has reached 50% of the October 2026 budget'),
      expect.stringContaining('The month-end forecast reaches 80% of the October 2026 budget'),
    ]);
    const anomalyBlocks = JSON.stringify(slack.callsOf('chat.postMessage')[0]!.args.blocks);
    expect(anomalyBlocks).toContain('H100 GPU');
    expect(anomalyBlocks).toContain('team=llm');

    slack.clear();
    const second = await runDailyChecks(deps);
    expect(second.anomalyAlerts + second.budgetAlerts).toBe(0);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    const keys = t.store.sqlite.prepare('SELECT key FROM notifications_sent ORDER BY key').all() as Array<{
      key: string;
    }>;
    expect(keys.map((k) => k.key)).toContain('anomaly:org:2026-10-25');
    expect(keys.map((k) => k.key).some((k) => k.startsWith('budget:ml:2026-10:'))).toBe(true);
  });
});

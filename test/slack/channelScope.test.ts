import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { type BillingSeed, seedBilling, setActualThrough } from '../ask/seed.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

// Last week (Nov 16–22): team search $100/day and team vision $10/day in ml-prod, $1/day in ml-dev: $777.
function weekOfBilling(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 16; d <= 22; d++) {
    const day = `2026-11-${d}`;
    rows.push({ day, project: 'ml-prod', cost: 100, labels: { team: 'search' } });
    rows.push({ day, project: 'ml-prod', cost: 10, labels: { team: 'vision' } });
    rows.push({ day, project: 'ml-dev', cost: 1 });
  }
  return rows;
}

describe("a channel's configured scope narrows the answers asked there", () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-scope-'));
    store = openStore(join(dir, 'scope.db'));
    seedBilling(store, weekOfBilling());
    setActualThrough(store, '2026-11-26');
    t = await startTestSlackApp({
      store,
      config: {
        google: { projects: [{ id: 'ml-prod' }, { id: 'ml-dev' }] },
        slack: {
          teamId: 'T0FAKE001',
          channels: [
            { id: 'C0VISION1', scope: { labels: { team: 'vision' } } },
            { id: 'C0MLDEV01', scope: { projects: ['ml-dev'] } },
            { id: 'C0ALERTS1', alerts: true },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { channel: 'C0VISION1', total: '$70.00', why: 'label scope' },
    { channel: 'C0MLDEV01', total: '$7.00', why: 'project scope' },
    { channel: 'C0ALERTS1', total: '$777.00', why: 'configured without a scope' },
    { channel: 'C0FAKE001', total: '$777.00', why: 'not configured' },
  ])('slash command in $channel ($why): $total', async ({ channel, total }) => {
    await t.send.command({
      text: 'how much did we spend last week?',
      channel_id: channel,
      response_url: t.slack.responseUrl(`scope-${channel}`),
    });
    const answer = await t.slack.waitFor('response_url', (c) => c.path === `/response/scope-${channel}`);
    expect(String(answer.args.text)).toContain(`last week (Nov 16 – Nov 22): ${total}`);
  });

  it('app mention in a scoped channel answers for its slice only', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> how much did we spend last week?',
      ts: '1700001000.000100',
      channel: 'C0VISION1',
    });
    const post = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700001000.000100');
    expect(String(post.args.text)).toContain('last week (Nov 16 – Nov 22): $70.00');
  });

  it('a direct message sees everything', async () => {
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM00001',
      user: 'U0ASKER01',
      text: 'how much did we spend last week?',
      ts: '1700001100.000100',
    });
    const post = await t.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D0DM00001');
    expect(String(post.args.text)).toContain('last week (Nov 16 – Nov 22): $777.00');
  });
});

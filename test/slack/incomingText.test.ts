// Slack sends &, < and > in message and command text as &amp; &lt; &gt;, and mentions, channels and links as
// <…> markup. Questions are decoded once where they enter, so the parser sees what was typed and the answer
// echoes it escaped once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { decodeSlackText } from '../../src/slack/incomingText.js';
import { seedBilling, setActualThrough } from '../ask/seed.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

describe('decodeSlackText', () => {
  it.each([
    // [as Slack sends it, as typed]
    ['spend by team &amp; kind', 'spend by team & kind'],
    ['R&amp;D budget', 'R&D budget'],
    ['cost &lt; $5 &gt; 0', 'cost < $5 > 0'],
    // An escape typed as text comes doubly escaped and is decoded once.
    ['&amp;lt;b&amp;gt;', '&lt;b&gt;'],
    ['<@U0FAKEBOT> help', 'help'],
    ['<@U0FAKEBOT|burnrate>   spend  today', 'spend today'],
    ['spend for <@W0ALICE01> last week', 'spend for last week'],
    ['spend in <#C0COSTS01|ml-costs> this month', 'spend in #ml-costs this month'],
    ['spend in <#C0COSTS01>', 'spend in #C0COSTS01'],
    ['see <https://example.com/a?b=1&amp;c=2|the docs>', 'see the docs'],
    ['see <https://example.com/a>', 'see https://example.com/a'],
    ['mail <mailto:bob@example.com|bob@example.com>', 'mail bob@example.com'],
    ['<!here> spend', '@here spend'],
    ['<!channel> spend', '@channel spend'],
    ['<!subteam^S0MLTEAM|@ml-team> spend', '@ml-team spend'],
    ['since <!date^1700000000^{date_short}|Nov 14, 2023>', 'since Nov 14, 2023'],
    ['', ''],
  ])('%j → %j', (sent, typed) => {
    expect(decodeSlackText(sent)).toBe(typed);
  });
});

describe('questions with Slack escapes, end to end over HTTP', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-escapes-'));
    store = openStore(join(dir, 'escapes.db'));
    seedBilling(store, [
      { day: '2026-11-17', cost: 100, kind: 'training', labels: { team: 'search' } },
      { day: '2026-11-18', cost: 50, kind: 'prediction', labels: { team: 'vision' } },
    ]);
    setActualThrough(store, '2026-11-26');
    t = await startTestSlackApp({ store });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('slash command: "&" is read as typed, and the question is echoed escaped once', async () => {
    await t.send.command({
      text: 'spend last week by team &amp; kind',
      response_url: t.slack.responseUrl('amp'),
    });
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/amp');
    expect(answer.args.response_type).toBe('in_channel');
    expect(String(answer.args.text)).not.toMatch(/\bamp\b/);
    const blocks = JSON.stringify(answer.args.blocks);
    expect(blocks).toContain('Asked: “spend last week by team &amp; kind”');
    expect(blocks).not.toContain('&amp;amp;');
  });

  it('mention: links and channels are read as their labels, the bot mention dropped', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> spend last week &lt;by team&gt; in <#C0FAKE001|ml-costs>',
      ts: '1700001000.000100',
      channel: 'C0FAKE001',
    });
    const post = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700001000.000100');
    const blocks = JSON.stringify(post.args.blocks);
    expect(blocks).toContain('Asked: “spend last week &lt;by team&gt; in #ml-costs”');
    expect(blocks).not.toContain('&amp;lt;');
    expect(String(post.args.text)).not.toMatch(/\blt\b|\bgt\b/);
  });
});

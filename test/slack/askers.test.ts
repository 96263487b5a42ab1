// Who may ask, and what each surface shows: an optional askers allow-list (users and user groups) for every way
// of asking (slash command, mention, DM, App Home), and slack.defaultScope for everything that is not a
// configured channel — DMs, App Home, channels not listed — so inviting the bot somewhere new shows no more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { type BillingSeed, seedBilling, setActualThrough } from '../ask/seed.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

const LISTED = 'U0LISTED01';
const MEMBER = 'U0MEMBER01';
const STRANGER = 'U0STRANGE1';
const ASKERS_GROUP = 'S0ASKERS01';

// Last week (Nov 16–22): team search $100/day and team vision $10/day in ml-prod: $770 in all, $70 for vision.
function weekOfBilling(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 16; d <= 22; d++) {
    rows.push({ day: `2026-11-${d}`, project: 'ml-prod', cost: 100, labels: { team: 'search' } });
    rows.push({ day: `2026-11-${d}`, project: 'ml-prod', cost: 10, labels: { team: 'vision' } });
  }
  return rows;
}

describe('askers and the default scope', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  let ts = 1700002000;
  const nextTs = () => {
    ts += 10;
    return `${ts}.000100`;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-askers-'));
    store = openStore(join(dir, 'askers.db'));
    seedBilling(store, weekOfBilling());
    setActualThrough(store, '2026-11-26');
    t = await startTestSlackApp({
      store,
      config: {
        google: { projects: [{ id: 'ml-prod' }] },
        slack: {
          askers: { users: [LISTED], userGroups: [ASKERS_GROUP] },
          defaultScope: { labels: { team: 'vision' } },
          channels: [{ id: 'C0FINOPS01' }],
        },
      },
    });
    t.slack.setUserGroupMembers(ASKERS_GROUP, [MEMBER]);
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const QUESTION = 'how much did we spend last week?';

  it('slash command: a stranger is told privately who may ask, and gets no figures', async () => {
    await t.send.command({ text: QUESTION, user_id: STRANGER, response_url: t.slack.responseUrl('s1') });
    const reply = await t.slack.waitFor('response_url', (c) => c.path === '/response/s1');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(String(reply.args.text)).toMatch(/not among the people who may ask burnrate \(slack\.askers\)/);
    expect(String(reply.args.text)).not.toMatch(/\$/);
  });

  it('slash command: listed users and group members are answered; a configured channel without a scope sees all', async () => {
    await t.send.command({
      text: QUESTION,
      user_id: LISTED,
      channel_id: 'C0FINOPS01',
      response_url: t.slack.responseUrl('s2'),
    });
    const listed = await t.slack.waitFor('response_url', (c) => c.path === '/response/s2');
    expect(String(listed.args.text)).toContain('last week (Nov 16 – Nov 22): $770.00');
    await t.send.command({
      text: QUESTION,
      user_id: MEMBER,
      channel_id: 'C0FINOPS01',
      response_url: t.slack.responseUrl('s3'),
    });
    const member = await t.slack.waitFor('response_url', (c) => c.path === '/response/s3');
    expect(String(member.args.text)).toContain('$770.00');
  });

  it('a channel not listed in slack.channels sees only the default scope', async () => {
    await t.send.command({
      text: QUESTION,
      user_id: LISTED,
      channel_id: 'C0NEWPRIV1',
      response_url: t.slack.responseUrl('s4'),
    });
    const reply = await t.slack.waitFor('response_url', (c) => c.path === '/response/s4');
    expect(String(reply.args.text)).toContain('last week (Nov 16 – Nov 22): $70.00');
  });

  it('mention: a stranger is told privately; nothing is posted in the thread', async () => {
    const at = nextTs();
    await t.send.event({
      type: 'app_mention',
      user: STRANGER,
      text: `<@U0FAKEBOT> ${QUESTION}`,
      ts: at,
      channel: 'C0FINOPS01',
    });
    const reply = await t.slack.waitFor('chat.postEphemeral', (c) => c.args.user === STRANGER);
    expect(String(reply.args.text)).toMatch(/slack\.askers/);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === at)).toHaveLength(0);
  });

  it('DM: a stranger is refused in the DM; an asker sees the default scope', async () => {
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0STRANGE1',
      user: STRANGER,
      text: QUESTION,
      ts: nextTs(),
    });
    const refused = await t.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D0STRANGE1');
    expect(String(refused.args.text)).toMatch(/slack\.askers/);
    expect(String(refused.args.text)).not.toMatch(/\$/);
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0LISTED01',
      user: LISTED,
      text: QUESTION,
      ts: nextTs(),
    });
    const answered = await t.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D0LISTED01');
    expect(String(answered.args.text)).toContain('last week (Nov 16 – Nov 22): $70.00');
  });

  it('App Home: a stranger sees who may ask, no figures; an asker sees the default scope', async () => {
    await t.send.event({ type: 'app_home_opened', user: STRANGER, channel: 'D0STRANGE1', tab: 'home' });
    const refused = await t.slack.waitFor('views.publish', (c) => c.args.user_id === STRANGER);
    const refusedText = JSON.stringify(refused.args.view);
    expect(refusedText).toMatch(/slack\.askers/);
    expect(refusedText).not.toContain('Month to date');
    await t.send.event({ type: 'app_home_opened', user: LISTED, channel: 'D0LISTED01', tab: 'home' });
    const home = await t.slack.waitFor('views.publish', (c) => c.args.user_id === LISTED);
    const text = JSON.stringify(home.args.view);
    expect(text).toContain('Month to date');
    expect(text).toMatch(/Month to date \(Nov 1 – Nov 28\):\* \$70\.00/);
  });
});

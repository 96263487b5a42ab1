// Charts beside answers in Slack, end to end over HTTP: a grouped or per-day answer is posted as text, then its
// chart is drawn and uploaded through Slack's external flow into the answer's thread (or after a slash command's
// answer in its channel), described by alt text that carries the answer's figures. An answer only the asker sees
// leaves its chart out and says so; a chart that fails to upload leaves the text answer standing. Expected figures
// come from SQL over billing_daily, never from the answer code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { openStore, type Store } from '../../src/db/open.js';
import { type BillingSeed, seedBilling, setActualThrough } from '../ask/seed.js';
import { structureProblems } from '../support/blockKit.js';
import type { FakeSlackCall } from '../support/fakeSlack.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function billingRows(): BillingSeed[] {
  const rows: BillingSeed[] = [];
  for (let d = 1; d <= 27; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push({ day, labels: { team: 'search' }, cost: 100 + d });
    rows.push({ day, project: 'ml-dev', labels: { team: 'ads' }, cost: 20 });
    rows.push({ day, kind: 'prediction', sku: 'Online Prediction', labels: { team: 'vision' }, cost: 7.5 });
  }
  for (let d = 1; d <= 31; d++) {
    const day = `2026-10-${String(d).padStart(2, '0')}`;
    rows.push({ day, labels: { team: 'search' }, cost: 90 });
    rows.push({ day, project: 'ml-dev', labels: { team: 'ads' }, cost: 30 });
  }
  return rows;
}

/** Dollars as Slack shows them: $3,078.00. */
const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('answers with charts in Slack, end to end over HTTP', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  const logLines: string[] = [];
  /** Billed spend per value of `column` in [from, to). */
  const billedBy = (column: string, from: string, to: string): Map<string, number> =>
    new Map(
      (
        store.sqlite
          .prepare(
            `SELECT ${column} AS k, SUM(cost + credits) AS t FROM billing_daily WHERE day >= ? AND day < ? GROUP BY k`,
          )
          .all(from, to) as Array<{ k: string; t: number }>
      ).map((r) => [r.k, r.t]),
    );

  /** The upload of a file completed by `complete`: the file id, what was declared for it, and the bytes sent. */
  const uploadOf = (complete: FakeSlackCall) => {
    const files = complete.args.files as Array<{ id: string; title: string }>;
    expect(files).toHaveLength(1);
    const id = files[0]!.id;
    const ticket = t.slack
      .callsOf('files.getUploadURLExternal')
      .find((c) => (c.response as { file_id?: string } | undefined)?.file_id === id);
    const bytes = t.slack.callsOf('file.upload').find((c) => c.path === `/upload/${id}`);
    expect(ticket).toBeDefined();
    expect(bytes).toBeDefined();
    return { id, ticket: ticket!, bytes: bytes!, title: files[0]!.title };
  };

  const waitForLog = async (message: string): Promise<Record<string, unknown>> => {
    for (let i = 0; i < 100; i++) {
      const line = logLines.find((l) => l.includes(message));
      if (line) return JSON.parse(line) as Record<string, unknown>;
      await wait(50);
    }
    throw new Error(`no log line "${message}"`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-answer-charts-'));
    store = openStore(join(dir, 'charts.db'));
    seedBilling(store, billingRows());
    setActualThrough(store, '2026-11-27');
    const log = createLogger({ level: 'info', destination: { write: (l: string) => void logLines.push(l) } });
    t = await startTestSlackApp({
      store,
      log,
      config: {
        slack: { teamId: 'T0FAKE001' },
        google: { billingExport: { labelKeys: ['team'] } },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a mention "spend by team this month": the text in a thread, then a PNG in the same thread whose alt text has each team’s figure', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> spend by team this month',
      ts: '1700002000.000100',
      channel: 'C0FAKE001',
    });
    const answer = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700002000.000100');
    const complete = await t.slack.waitFor(
      'files.completeUploadExternal',
      (c) => c.args.channel_id === 'C0FAKE001' && c.args.thread_ts === '1700002000.000100',
    );
    const upload = uploadOf(complete);
    // Text first: the chart follows the answer, never the other way round.
    expect(upload.ticket.at).toBeGreaterThanOrEqual(answer.at);
    expect(upload.bytes.body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload.ticket.args.length).toBe(String(upload.bytes.body.length));
    expect(String(upload.ticket.args.filename)).toMatch(/^burnrate-.*team.*\.png$/);
    expect(upload.title).toContain('by team, this month (Nov 1 – Nov 28)');
    expect(t.slack.file(upload.id)?.altTxt).toBe(upload.ticket.args.alt_txt);

    const byTeam = billedBy("json_extract(labels, '$.team')", '2026-11-01', '2026-11-29');
    expect([...byTeam.keys()].sort()).toEqual(['ads', 'search', 'vision']);
    const alt = String(upload.ticket.args.alt_txt);
    for (const [team, cost] of byTeam) {
      expect(alt).toContain(`${team}: ${usd(cost)}`);
      expect(String(answer.args.text)).toContain(`${team}: ${usd(cost)} (`);
    }
    expect(alt.length).toBeLessThanOrEqual(1000);
  });

  it('a direct message "daily spend last 30 days": the chart goes in a thread under the answer, with the same average', async () => {
    await t.send.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM00001',
      user: 'U0ASKER01',
      text: 'daily spend last 30 days',
      ts: '1700002100.000100',
    });
    const answer = await t.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === 'D0DM00001' && String(c.args.text).includes('last 30 days'),
    );
    expect(answer.args.thread_ts).toBeUndefined();
    const answerTs = String((answer.response as { ts?: string }).ts);
    const complete = await t.slack.waitFor(
      'files.completeUploadExternal',
      (c) => c.args.channel_id === 'D0DM00001' && c.args.thread_ts === answerTs,
    );
    const alt = String(uploadOf(complete).ticket.args.alt_txt);

    // Last 30 days on Saturday Nov 28: Oct 29 – Nov 27, all billed.
    const days = store.sqlite
      .prepare(
        "SELECT day, SUM(cost + credits) AS t FROM billing_daily WHERE day >= '2026-10-29' AND day < '2026-11-28' GROUP BY day",
      )
      .all() as Array<{ day: string; t: number }>;
    expect(days).toHaveLength(30);
    const average = days.reduce((a, d) => a + d.t, 0) / 30;
    const highest = Math.max(...days.map((d) => d.t));
    const lowest = Math.min(...days.map((d) => d.t));
    expect(String(answer.args.text)).toContain(`${usd(average)} per day on average`);
    expect(alt).toContain(`average ${usd(average)} per day over Oct 29 – Nov 27`);
    expect(alt).toContain(`highest ${usd(highest)} on Nov 27`);
    expect(alt).toContain(`lowest ${usd(lowest)} on Oct`);
    expect(alt).toContain('30 days from Oct 29 to Nov 27');
  });

  it('a slash command "compare this month to last by project": answered in the channel, the chart right after it with both months', async () => {
    await t.send.command({
      text: 'compare this month to last by project',
      response_url: t.slack.responseUrl('chart-compare'),
    });
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/chart-compare');
    expect(answer.args.response_type).toBe('in_channel');
    // A response URL gives back no message ts, so there is no thread to reply in: the chart follows in the channel.
    const complete = await t.slack.waitFor(
      'files.completeUploadExternal',
      (c) => c.args.channel_id === 'C0FAKE001' && c.args.thread_ts === undefined,
    );
    const upload = uploadOf(complete);
    expect(upload.ticket.at).toBeGreaterThanOrEqual(answer.at);
    const alt = String(upload.ticket.args.alt_txt);
    expect(alt).toContain('Nov 1 – Nov 28 against Oct 1 – Oct 31');
    const now = billedBy('project', '2026-11-01', '2026-11-29');
    const before = billedBy('project', '2026-10-01', '2026-11-01');
    for (const [project, cost] of now) {
      expect(alt).toContain(`${project}: ${usd(cost)} (Oct 1 – Oct 31: ${usd(before.get(project) ?? 0)})`);
      expect(String(answer.args.text)).toContain(`${project}: ${usd(cost)} (`);
    }
  });

  it('a single figure carries no chart', async () => {
    const uploads = t.slack.callsOf('files.getUploadURLExternal').length;
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> spend this month',
      ts: '1700002200.000100',
      channel: 'C0FAKE001',
    });
    await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700002200.000100');
    await wait(300);
    expect(t.slack.callsOf('files.getUploadURLExternal')).toHaveLength(uploads);
  });

  it('an answer only the asker sees (a suggestion under a slash command) leaves its chart out and says so', async () => {
    const uploads = t.slack.callsOf('files.getUploadURLExternal').length;
    await t.send.interaction({
      type: 'block_actions',
      user: { id: 'U0ASKER01', username: 'asker', team_id: 'T0FAKE001' },
      trigger_id: 'trigger.chart.private',
      container: {
        type: 'message',
        channel_id: 'C0FAKE001',
        message_ts: '1700002300.000100',
        is_ephemeral: true,
      },
      channel: { id: 'C0FAKE001', name: 'ml-costs' },
      response_url: t.slack.responseUrl('chart-private'),
      actions: [
        {
          type: 'button',
          action_id: 'burnrate_ask_suggestion_2',
          block_id: 'suggestions',
          value: 'average daily spend last week',
          action_ts: `${Date.now() / 1000}`,
          text: { type: 'plain_text', text: 'average daily spend last week' },
        },
      ],
    });
    const answer = await t.slack.waitFor('response_url', (c) => c.path === '/response/chart-private');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(String(answer.args.text)).toContain('per day on average');
    const blocks = answer.args.blocks as unknown[];
    expect(JSON.stringify(blocks.at(-1))).toContain('This answer has a chart');
    expect(structureProblems(blocks, 50)).toEqual([]);
    await wait(300);
    expect(t.slack.callsOf('files.getUploadURLExternal')).toHaveLength(uploads);
  });

  it('a chart Slack refuses leaves the text answer standing, and the failure is logged', async () => {
    t.slack.failNext('files.completeUploadExternal', 'not_in_channel');
    await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> spend by project this month',
      ts: '1700002400.000100',
      channel: 'C0FAKE002',
    });
    const answer = await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700002400.000100');
    const byProject = billedBy('project', '2026-11-01', '2026-11-29');
    expect(String(answer.args.text)).toContain(`ml-prod: ${usd(byProject.get('ml-prod') ?? Number.NaN)}`);
    const warning = await waitForLog('answer posted without its chart');
    expect(String(warning.err)).toContain('not_in_channel');
    expect(warning.channel).toBe('C0FAKE002');
  });
});

describe('answer charts for askers only', () => {
  let t: TestSlackApp;
  beforeAll(async () => {
    t = await startTestSlackApp({
      config: { slack: { teamId: 'T0FAKE001', askers: { users: ['U0LISTED1'] } } },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('someone not among the askers is told privately, with no chart drawn or posted', async () => {
    await t.send.event({
      type: 'app_mention',
      user: 'U0NOTLIST',
      text: '<@U0FAKEBOT> spend by team this month',
      ts: '1700003000.000100',
      channel: 'C0FAKE001',
    });
    const refused = await t.slack.waitFor('chat.postEphemeral', (c) => c.args.user === 'U0NOTLIST');
    expect(String(refused.args.text)).toContain('slack.askers');
    await wait(300);
    expect(t.slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(t.slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);
  });
});

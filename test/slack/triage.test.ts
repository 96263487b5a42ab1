// Snooze and "Not waste" change what burnrate alerts about ("not waste" silences a runaway-training alert for
// good), so they need rights (remediation.allow.triage: users and user groups), and each one — allowed or not —
// is kept in triage_log with who, when, team, channel and reason: the whole history, not only the last actor.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts, getFinding } from '../../src/audit/findings.js';
import type { FindingDraft } from '../../src/audit/model.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { buttonOf, clickAlertButton, type PostedAlert, submitNotWaste } from '../remediate/slackClicks.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { DEFAULT_TEAM_ID } from '../support/slackSigned.js';

const LISTED = 'ULISTED001';
const GROUP_MEMBER = 'UGROUPIE01';
const STRANGER = 'USTRANGER1';
const TRIAGE_GROUP = 'STRIAGE001';
const ALERT_CHANNEL = 'CALERTS001';
const NOW = new Date('2026-11-25T12:00:00Z');

const draft: FindingDraft = {
  rule: 'runaway-training',
  resource: 'projects/ml-prod/locations/us-central1/customJobs/42',
  project: 'ml-prod',
  region: 'us-central1',
  severity: 'high',
  title: 'Runaway job: train-bert',
  reason: 'running 3× its expected time',
  evidence: {
    target: {
      type: 'job',
      jobName: 'projects/ml-prod/locations/us-central1/customJobs/42',
      kind: 'custom',
      displayName: 'train-bert',
    },
    facts: [],
  },
  labels: {},
  impactPerDay: 240,
  unpricedReason: null,
  suggestedAction: 'cancel',
  suggestedValue: null,
  observedAt: NOW.toISOString(),
};

interface TriageRow {
  finding_id: number;
  at: string;
  user_id: string;
  team_id: string | null;
  channel_id: string | null;
  action: string;
  result: string;
  until: string | null;
  reason: string | null;
}

describe('snooze and not-waste need triage rights and are logged', () => {
  let t: TestSlackApp;
  afterEach(async () => {
    await t?.close();
  });

  async function start(): Promise<{ id: number; alert: PostedAlert; button: ReturnType<typeof buttonOf> }> {
    t = await startTestSlackApp({
      now: NOW,
      config: {
        slack: { channels: [{ id: ALERT_CHANNEL, alerts: true }] },
        remediation: { allow: { triage: { users: [LISTED], userGroups: [TRIAGE_GROUP] } } },
      },
    });
    t.slack.setUserGroupMembers(TRIAGE_GROUP, [GROUP_MEMBER]);
    const [id] = applyVerdicts(t.store, [{ kind: 'finding', finding: draft }], [], NOW).opened;
    const posted = await postDueAlerts({
      store: t.store,
      config: t.config,
      clock: t.clock,
      log: createLogger({ level: 'silent' }),
      client: t.app.app.client,
    });
    const alert = { channel: posted.posted[0]!.channel, ts: posted.posted[0]!.ts };
    return { id: id!, alert, button: buttonOf(getFinding(t.store, id!)!) };
  }
  const triageRows = (id: number) =>
    t.store.sqlite
      .prepare('SELECT * FROM triage_log WHERE finding_id = ? ORDER BY id')
      .all(id) as TriageRow[];

  it('a stranger cannot snooze: told why privately, the finding unchanged, the refusal logged', async () => {
    const { id, alert, button } = await start();
    await clickAlertButton(t, ALERT_ACTIONS.snooze24h, button, STRANGER, alert);
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(refusal.args.user).toBe(STRANGER);
    expect(String(refusal.args.text)).toMatch(/not allowed to snooze .*remediation\.allow\.triage/);
    expect(t.slack.callsOf('chat.update')).toHaveLength(0);
    expect(getFinding(t.store, id)?.status).toBe('alerted');
    expect(triageRows(id)).toMatchObject([
      {
        user_id: STRANGER,
        team_id: DEFAULT_TEAM_ID,
        channel_id: ALERT_CHANNEL,
        action: 'snooze',
        result: 'unauthorized',
      },
    ]);
  });

  it('listed users and group members snooze; every snooze is kept with who, when, team, channel and until', async () => {
    const { id, alert, button } = await start();
    await clickAlertButton(t, ALERT_ACTIONS.snooze24h, button, LISTED, alert);
    await t.slack.waitFor('chat.update');
    t.clock.set(new Date(NOW.getTime() + 3_600_000));
    await clickAlertButton(t, ALERT_ACTIONS.snooze7d, button, GROUP_MEMBER, alert);
    await t.slack.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes(GROUP_MEMBER));
    expect(getFinding(t.store, id)).toMatchObject({ status: 'snoozed', actedBy: GROUP_MEMBER });
    expect(triageRows(id)).toMatchObject([
      {
        user_id: LISTED,
        at: '2026-11-25T12:00:00.000Z',
        team_id: DEFAULT_TEAM_ID,
        channel_id: ALERT_CHANNEL,
        action: 'snooze',
        result: 'ok',
        until: '2026-11-26T12:00:00.000Z',
      },
      {
        user_id: GROUP_MEMBER,
        at: '2026-11-25T13:00:00.000Z',
        action: 'snooze',
        result: 'ok',
        until: '2026-12-02T13:00:00.000Z',
      },
    ]);
  });

  it('Not waste…: a stranger gets no form; a listed user saves a reason, which is logged', async () => {
    const { id, alert, button } = await start();
    await clickAlertButton(t, ALERT_ACTIONS.notWaste, button, STRANGER, alert);
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(String(refusal.args.text)).toMatch(/not allowed to mark findings not waste/);
    expect(t.slack.callsOf('views.open')).toHaveLength(0);

    await clickAlertButton(t, ALERT_ACTIONS.notWaste, button, LISTED, alert);
    const opened = await t.slack.waitFor('views.open');
    const view = opened.args.view as { private_metadata: string };
    const saved = await submitNotWaste(t, LISTED, view.private_metadata, 'nightly benchmark, expected');
    expect(saved.status).toBe(200);
    await t.slack.waitFor('chat.update');
    expect(getFinding(t.store, id)).toMatchObject({ status: 'allowed', actedBy: LISTED });
    expect(triageRows(id).map((r) => [r.user_id, r.action, r.result, r.reason])).toEqual([
      [STRANGER, 'not-waste', 'unauthorized', null],
      [LISTED, 'not-waste', 'ok', 'nightly benchmark, expected'],
    ]);
    expect(triageRows(id)[1]).toMatchObject({ team_id: DEFAULT_TEAM_ID, channel_id: ALERT_CHANNEL });
  });

  it('the form submitted by someone without the right changes nothing', async () => {
    const { id, alert, button } = await start();
    await clickAlertButton(t, ALERT_ACTIONS.notWaste, button, LISTED, alert);
    const opened = await t.slack.waitFor('views.open');
    const view = opened.args.view as { private_metadata: string };
    await submitNotWaste(t, STRANGER, view.private_metadata, 'I say it is fine');
    await t.slack.waitFor('chat.postEphemeral', (c) => c.args.user === STRANGER);
    expect(getFinding(t.store, id)?.status).toBe('alerted');
    expect(triageRows(id)).toMatchObject([
      { user_id: STRANGER, action: 'not-waste', result: 'unauthorized' },
    ]);
  });
});

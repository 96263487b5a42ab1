// The real Bolt app over signed HTTP, the fake Slack Web API, and the simulator behind the real Google clients:
// alert buttons from click to Google call to message update.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import {
  idleFindingFor,
  runawayFindingFor,
  SIM_NOW,
  type SimHarness,
  startSimHarness,
} from './simSupport.js';
import {
  type AlertButton,
  buttonOf,
  clickAlertButton,
  eventually,
  type PostedAlert,
  submitNotWaste,
} from './slackClicks.js';

const ALLOWED = 'UALLOWED01';
const GROUP_MEMBER = 'UGROUPIE01';
const STRANGER = 'USTRANGER1';
const ALERT_CHANNEL = 'CALERTS001';

function appConfig(mode = 'remediate') {
  return {
    slack: { channels: [{ id: ALERT_CHANNEL, alerts: true }] },
    remediation: {
      mode,
      operationTimeoutSeconds: 30,
      allow: {
        undeploy: { users: [ALLOWED], userGroups: ['SPLATFORM1'] },
        cancel: { users: [ALLOWED] },
        triage: { users: [ALLOWED] },
      },
    },
  };
}

describe('alert buttons end to end', () => {
  let h: SimHarness;
  let t: TestSlackApp;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control('/_sim/reset', {});
  });
  afterEach(async () => {
    await t?.close();
  });

  async function start(mode = 'remediate') {
    t = await startTestSlackApp({ config: appConfig(mode), now: SIM_NOW, remediation: h.gcp });
    t.slack.setUserGroupMembers('SPLATFORM1', [GROUP_MEMBER]);
  }

  async function postIdleAlert(): Promise<{ id: number; button: AlertButton; alert: PostedAlert }> {
    const finding = await idleFindingFor(t.store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const posted = await postDueAlerts({
      store: t.store,
      config: t.config,
      clock: t.clock,
      log: createLogger({ level: 'silent' }),
      client: t.app.app.client,
    });
    expect(posted.posted).toHaveLength(1);
    const alert = { channel: posted.posted[0]!.channel, ts: posted.posted[0]!.ts };
    return { id: finding.id, button: buttonOf(finding), alert };
  }

  const undeployCalls = async () =>
    (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'));

  it('a group member clicks Undeploy: one undeployModel, the alert updated with who and when', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    const res = await clickAlertButton(t, ALERT_ACTIONS.undeploy, button, GROUP_MEMBER, alert);
    expect(res.status).toBe(200);
    const update = await t.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`Undeployed* by <@${GROUP_MEMBER}>`);
    expect(JSON.stringify(update.args.blocks)).not.toContain('"actions"');
    expect(await undeployCalls()).toHaveLength(1);
    expect(getFinding(t.store, id)?.status).toBe('remediated');
    expect(t.slack.callsOf('usergroups.users.list')).toHaveLength(1);
  });

  it('20 concurrent clicks: exactly one undeployModel, the rest told who acted', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    const clicks = await Promise.all(
      Array.from({ length: 20 }, () => clickAlertButton(t, ALERT_ACTIONS.undeploy, button, ALLOWED, alert)),
    );
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    await eventually(() => expect(listAttempts(t.store, id)).toHaveLength(20));
    expect(await undeployCalls()).toHaveLength(1);
    const results = listAttempts(t.store, id).map((a) => a.result);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    await eventually(() => expect(t.slack.callsOf('chat.postEphemeral')).toHaveLength(19));
    expect(String(t.slack.callsOf('chat.postEphemeral')[0]?.args.text)).toContain(`<@${ALLOWED}>`);
  });

  it('an unauthorized click changes nothing and leaves an audit row', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    await clickAlertButton(t, ALERT_ACTIONS.undeploy, button, STRANGER, alert);
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(refusal.args.user).toBe(STRANGER);
    expect(String(refusal.args.text)).toContain('not allowed');
    expect(await undeployCalls()).toHaveLength(0);
    expect(listAttempts(t.store, id)).toMatchObject([{ userId: STRANGER, result: 'unauthorized' }]);
  });

  it('traffic restored before the click: refused with the reason, nothing undeployed', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    const target = getFinding(t.store, id)!.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    await h.control('/_sim/traffic', {
      endpoint: target.endpointName,
      deployedModelId: target.deployedModelId,
      predictionsPerHour: 900,
    });
    await h.control('/_sim/advance', { hours: 1 });
    t.clock.set(new Date(SIM_NOW.getTime() + 3_600_000));
    await clickAlertButton(t, ALERT_ACTIONS.undeploy, button, ALLOWED, alert);
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(String(refusal.args.text)).toMatch(/Did not undeploy .*predictions in the last hour/);
    expect(await undeployCalls()).toHaveLength(0);
    expect(getFinding(t.store, id)).toMatchObject({ status: 'alerted', claimedBy: null });
    expect(listAttempts(t.store, id).map((a) => a.result)).toEqual(['refused']);
  });

  it('a job that finished before the click: Cancel is refused, no cancel call', async () => {
    await start();
    const finding = await runawayFindingFor(
      t.store,
      h.gcp,
      'ml-prod',
      'us-central1',
      'search-embedding-train',
    );
    const posted = await postDueAlerts({
      store: t.store,
      config: t.config,
      clock: t.clock,
      log: createLogger({ level: 'silent' }),
      client: t.app.app.client,
    });
    const alert = { channel: posted.posted[0]!.channel, ts: posted.posted[0]!.ts };
    await h.control('/_sim/advance', { hours: 7 });
    await clickAlertButton(t, ALERT_ACTIONS.cancel, buttonOf(finding), ALLOWED, alert);
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(String(refusal.args.text)).toMatch(/Did not cancel job search-embedding-train: .*SUCCEEDED/);
    expect((await h.requests()).filter((r) => r.path.endsWith(':cancel'))).toHaveLength(0);
  });

  it('dry-run buttons say what would happen and change nothing', async () => {
    await start('dry-run');
    const { id, button, alert } = await postIdleAlert();
    const posted = t.slack.callsOf('chat.postMessage')[0];
    expect(JSON.stringify(posted?.args.blocks)).toContain('Dry run: Undeploy model');
    await clickAlertButton(t, ALERT_ACTIONS.undeploy, button, ALLOWED, alert);
    const reply = await t.slack.waitFor('chat.postEphemeral');
    expect(String(reply.args.text)).toMatch(/^Dry run: would undeploy summarizer-t5-base/);
    expect(await undeployCalls()).toHaveLength(0);
    expect(listAttempts(t.store, id).map((a) => a.result)).toEqual(['dry-run']);
  });

  it('snooze 24 h updates the alert and silences the finding', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    await clickAlertButton(t, ALERT_ACTIONS.snooze24h, button, ALLOWED, alert);
    const update = await t.slack.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).toContain(
      `Snoozed by <@${ALLOWED}> until 2026-11-26 12:00 UTC`,
    );
    expect(getFinding(t.store, id)).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-11-26T12:00:00.000Z',
    });
  });

  it('Not waste… opens a modal; submitting stores the reason and settles the alert', async () => {
    await start();
    const { id, button, alert } = await postIdleAlert();
    await clickAlertButton(t, ALERT_ACTIONS.notWaste, button, ALLOWED, alert);
    const opened = await t.slack.waitFor('views.open');
    const view = opened.args.view as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe('burnrate_not_waste');
    const tooShort = await submitNotWaste(t, ALLOWED, view.private_metadata, 'ok');
    expect(tooShort.json).toMatchObject({ response_action: 'errors' });
    const saved = await submitNotWaste(t, ALLOWED, view.private_metadata, 'warm standby for the launch');
    expect(saved.status).toBe(200);
    const update = await t.slack.waitFor('chat.update');
    expect(JSON.stringify(update.args.blocks)).toContain('warm standby for the launch');
    expect(getFinding(t.store, id)).toMatchObject({
      status: 'allowed',
      allowedReason: 'warm standby for the launch',
    });
  });
});

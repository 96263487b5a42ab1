// Buttons outlive the database: an alert's buttons are bound to the resource of the finding they were posted
// for (a short hash of its rule and resource in the value), so after the database is recreated an old
// "Undeploy" cannot act on the new finding that happens to have the same number.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { idleFindingFor, SIM_NOW, type SimHarness, startSimHarness } from './simSupport.js';
import { clickAlertButton, type PostedAlert } from './slackClicks.js';

const ALLOWED = 'UALLOWED01';
const ALERT_CHANNEL = 'CALERTS001';
const FIRST_MODEL = 'summarizer-t5-base';

const appConfig = {
  slack: { channels: [{ id: ALERT_CHANNEL, alerts: true }] },
  remediation: {
    mode: 'remediate',
    operationTimeoutSeconds: 30,
    allow: { undeploy: { users: [ALLOWED] }, triage: { users: [ALLOWED] } },
  },
};

describe('alert buttons are bound to their resource', () => {
  let h: SimHarness;
  let apps: TestSlackApp[] = [];
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
    for (const app of apps) await app.close();
    apps = [];
  });

  const startApp = async () => {
    const t = await startTestSlackApp({ config: appConfig, now: SIM_NOW, remediation: h.gcp });
    apps.push(t);
    return t;
  };
  const postAlert = async (t: TestSlackApp): Promise<PostedAlert> => {
    const posted = await postDueAlerts({
      store: t.store,
      config: t.config,
      clock: t.clock,
      log: createLogger({ level: 'silent' }),
      client: t.app.app.client,
    });
    const first = posted.posted[0]!;
    return { channel: first.channel, ts: first.ts };
  };
  /** The value Slack sends back: what the posted alert's button carries. */
  const postedValue = (t: TestSlackApp, actionId: string): string => {
    const blocks = t.slack.callsOf('chat.postMessage')[0]?.args.blocks as Array<{
      type: string;
      elements?: Array<{ action_id?: string; value?: string }>;
    }>;
    const button = blocks
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .find((e) => e.action_id === actionId);
    if (!button?.value) throw new Error(`no ${actionId} button on the posted alert`);
    return button.value;
  };
  const undeployCalls = async () =>
    (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'));

  it('an old Undeploy after the database was recreated does nothing to the new finding of the same number', async () => {
    const before = await startApp();
    const first = await idleFindingFor(before.store, h.gcp, 'ml-research', 'us-central1', FIRST_MODEL);
    const oldAlert = await postAlert(before);
    const oldValue = postedValue(before, ALERT_ACTIONS.undeploy);

    // A new, empty database: its first finding (the same number) is about another model.
    const after = await startApp();
    const second = await idleFindingFor(after.store, h.gcp, 'ml-research', 'europe-west4', 'fraud-gnn-a');
    expect(second.id).toBe(first.id);

    await clickAlertButton(
      after,
      ALERT_ACTIONS.undeploy,
      { findingId: first.id, value: oldValue },
      ALLOWED,
      oldAlert,
    );
    const refusal = await after.slack.waitFor('chat.postEphemeral');
    expect(String(refusal.args.text)).toMatch(/belongs to an alert about another resource/);
    expect(await undeployCalls()).toHaveLength(0);
    expect(listAttempts(after.store, second.id)).toMatchObject([{ userId: ALLOWED, result: 'refused' }]);

    await clickAlertButton(
      after,
      ALERT_ACTIONS.snooze24h,
      { findingId: first.id, value: postedValue(before, ALERT_ACTIONS.snooze24h) },
      ALLOWED,
      oldAlert,
    );
    await after.slack.waitFor('chat.postEphemeral', (c) => c !== refusal);
    expect(getFinding(after.store, second.id)?.status).toBe('open');
  });

  it('the current alert of the same finding still acts', async () => {
    const t = await startApp();
    const finding = await idleFindingFor(t.store, h.gcp, 'ml-research', 'us-central1', FIRST_MODEL);
    const alert = await postAlert(t);
    await clickAlertButton(
      t,
      ALERT_ACTIONS.undeploy,
      { findingId: finding.id, value: postedValue(t, ALERT_ACTIONS.undeploy) },
      ALLOWED,
      alert,
    );
    await t.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(await undeployCalls()).toHaveLength(1);
    expect(getFinding(t.store, finding.id)?.status).toBe('remediated');
  });

  it('a plain finding number (alerts posted before buttons were bound) acts only from an alert recorded for that finding', async () => {
    const t = await startApp();
    const finding = await idleFindingFor(t.store, h.gcp, 'ml-research', 'us-central1', FIRST_MODEL);
    const alert = await postAlert(t);
    const plain = { findingId: finding.id, value: String(finding.id) };
    await clickAlertButton(t, ALERT_ACTIONS.undeploy, plain, ALLOWED, {
      channel: alert.channel,
      ts: '1600000000.000001',
    });
    const refusal = await t.slack.waitFor('chat.postEphemeral');
    expect(String(refusal.args.text)).toMatch(/not an alert burnrate recorded for finding/);
    expect(await undeployCalls()).toHaveLength(0);

    await clickAlertButton(t, ALERT_ACTIONS.undeploy, plain, ALLOWED, alert);
    await t.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(await undeployCalls()).toHaveLength(1);
  });
});

// The whole path on the real wire: the simulator (demo scenario) → a real sync pass through the Google clients →
// runAudit → alerts posted by the real Bolt app's client to the fake Slack → signed clicks → Google calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import type { RemediationPort } from '../../src/remediate/port.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { SIM_NOW, type SimHarness, startSimHarness } from './simSupport.js';
import { buttonOf, clickAlertButton } from './slackClicks.js';

const ALLOWED = 'UALLOWED01';
const ALERT_CHANNEL = 'CALERTS001';
const IDLE_MODEL = 'summarizer-t5-base';
const CANARY = 'ranker-v15-canary';
const HOUR_MS = 3_600_000;
const log = createLogger({ level: 'silent' });

const CONFIG_INPUT = {
  google: {
    projects: [
      { id: 'ml-prod', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
      { id: 'ml-research', regions: ['us-central1', 'europe-west4', 'asia-northeast1'] },
      { id: 'ml-platform', regions: ['us-central1'] },
    ],
    retry: { attempts: 2, baseDelayMs: 0, timeoutMs: 5_000 },
  },
  slack: { channels: [{ id: ALERT_CHANNEL, alerts: true }] },
  remediation: {
    mode: 'remediate',
    operationTimeoutSeconds: 30,
    allow: { undeploy: { users: [ALLOWED] }, triage: { users: [ALLOWED] } },
  },
};

describe('audit after a real sync, alerts and clicks', () => {
  const config: Config = configSchema.parse(CONFIG_INPUT);
  let h: SimHarness;
  let dir: string;
  let dbPath: string;
  let store: Store;
  let t: TestSlackApp | null = null;
  beforeAll(async () => {
    h = await startSimHarness(config);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control('/_sim/reset', {});
    dir = mkdtempSync(join(tmpdir(), 'burnrate-audit-e2e-'));
    dbPath = join(dir, 'burnrate.db');
    store = openStore(dbPath);
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = (clock: Clock) => runSyncPass({ store, gcp: h.gcp, config, clock, log });
  const startApp = async () => {
    t = await startTestSlackApp({ config: CONFIG_INPUT, now: SIM_NOW, store, remediation: h.gcp });
    return t;
  };
  const auditAndPost = async (app: TestSlackApp) => {
    const result = runAudit({ store, config, clock: app.clock, log });
    const posted = await postDueAlerts({ store, config, clock: app.clock, log, client: app.app.app.client });
    return { result, posted };
  };
  const idleFindings = () =>
    runAudit({ store, config, clock: { now: () => SIM_NOW }, log }).findings.filter(
      (f) => f.rule === 'idle-endpoint',
    );
  const idleFindingOf = (model: string) => {
    const found = idleFindings().find((f) => f.evidence.target.displayName.startsWith(`${model} on `));
    if (!found) throw new Error(`no idle finding for ${model}`);
    return found;
  };
  const undeployCalls = async () =>
    (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'));

  it('the idle GPU endpoint gives exactly one alert, and an authorized click undeploys it', async () => {
    const app = await startApp();
    await sync(app.clock);
    const { result, posted } = await auditAndPost(app);
    const idle = result.findings.filter((f) => f.rule === 'idle-endpoint');
    // The two idle deployments of the demo: the T4 summarizer and the canary left at 10 % of search-ranker.
    expect(idle.map((f) => f.evidence.target.displayName).sort()).toEqual([
      `${CANARY} on search-ranker`,
      `${IDLE_MODEL} on summarizer-t4-legacy`,
    ]);
    const finding = idle.find((f) => f.evidence.target.displayName.startsWith(IDLE_MODEL))!;
    expect(finding.impactPerDay === null || finding.impactPerDay > 0).toBe(true);
    const idleAlerts = posted.posted.filter((p) => p.findingId === finding.id);
    expect(idleAlerts).toHaveLength(1);
    // A second audit does not alert it again.
    const again = await auditAndPost(app);
    expect(again.posted.posted.filter((p) => p.findingId === finding.id)).toHaveLength(0);
    expect(
      app.slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks).includes(IDLE_MODEL)),
    ).toHaveLength(1);
    // Runaway A100 job from the same scenario: expected-hours "6", running 40 h.
    expect(
      result.findings.some((f) => f.rule === 'runaway-training' && f.title.includes('recsys-two-tower-a100')),
    ).toBe(true);

    const alert = { channel: idleAlerts[0]!.channel, ts: idleAlerts[0]!.ts };
    await clickAlertButton(app, ALERT_ACTIONS.undeploy, buttonOf(finding), ALLOWED, alert);
    const update = await app.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`by <@${ALLOWED}>`);
    expect(await undeployCalls()).toHaveLength(1);
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    const endpoint = await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-research');
    expect(endpoint?.deployedModels).toEqual([]);
    expect(getFinding(store, finding.id)?.status).toBe('remediated');
  });

  describe('the idle canary with a traffic share (ranker-v15-canary, 10 % of search-ranker)', () => {
    const postedAlertOf = (app: TestSlackApp, model: string) => {
      const post = app.slack
        .callsOf('chat.postMessage')
        .find((c) => c.args.thread_ts === undefined && JSON.stringify(c.args.blocks).includes(model));
      if (!post) throw new Error(`no alert posted for ${model}`);
      return post;
    };
    const liveSearchRanker = async (finding: ReturnType<typeof idleFindingOf>) => {
      const target = finding.evidence.target;
      if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
      const endpoint = await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-prod');
      const names = Object.fromEntries(
        endpoint?.deployedModels.map((m) => [m.deployedModelId, m.displayName]) ?? [],
      );
      // The split by model name, so the test does not depend on generated ids.
      return Object.fromEntries(
        Object.entries(endpoint?.trafficSplit ?? {}).map(([id, p]) => [names[id], p]),
      );
    };

    it('the alert and its confirmation say where its 10 % goes, and the Slack button undeploys it with that split', async () => {
      const app = await startApp();
      await sync(app.clock);
      const { posted } = await auditAndPost(app);
      const finding = idleFindingOf(CANARY);
      expect(await liveSearchRanker(finding)).toEqual({ 'ranker-v14': 90, [CANARY]: 10 });

      const blocks = postedAlertOf(app, CANARY).args.blocks as Array<{
        type: string;
        elements?: Array<{ action_id: string; value: string; confirm?: { text: { text: string } } }>;
      }>;
      expect(JSON.stringify(blocks)).toContain('If undeployed, its 10 % goes to ranker-v14.');
      const button = blocks
        .find((b) => b.type === 'actions')
        ?.elements?.find((e) => e.action_id === ALERT_ACTIONS.undeploy);
      expect(button?.confirm?.text.text).toMatch(/; its 10 % goes to ranker-v14\.$/);

      const alert = posted.posted.find((p) => p.findingId === finding.id)!;
      // The button exactly as posted.
      const asPosted = { findingId: finding.id, value: button?.value ?? '' };
      await clickAlertButton(app, ALERT_ACTIONS.undeploy, asPosted, ALLOWED, alert);
      const update = await app.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
      expect(JSON.stringify(update.args.blocks)).toContain(
        `Done: undeployed ${CANARY} on search-ranker; its 10 % went to ranker-v14.`,
      );
      // On the wire: the canary's id, and the split without it (its 10 % given to ranker-v14).
      const target = finding.evidence.target;
      if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
      const v14 = finding.evidence.trafficSplit?.find((s) => s.displayName === 'ranker-v14')?.deployedModelId;
      expect((await undeployCalls()).map((c) => [c.status, c.body])).toEqual([
        [200, { deployedModelId: target.deployedModelId, trafficSplit: { [v14 ?? '?']: 100 } }],
      ]);
      expect(await liveSearchRanker(finding)).toEqual({ 'ranker-v14': 100 });
      expect(getFinding(store, finding.id)?.status).toBe('remediated');
    });

    it('the old request, without a split, fails there: FAILED_PRECONDITION in the thread, nothing changed', async () => {
      // The same Google calls, but the undeploy sent as it was before splits were read.
      const oldRequest: RemediationPort = {
        vertex: {
          getEndpoint: (name, project) => h.gcp.vertex.getEndpoint(name, project),
          getJob: (name, project) => h.gcp.vertex.getJob(name, project),
          cancelJob: (name, kind) => h.gcp.vertex.cancelJob(name, kind),
          setMinReplicas: (e, id, n, ms) => h.gcp.vertex.setMinReplicas(e, id, n, ms),
          undeployModel: (endpoint, id, timeoutMs) => h.gcp.vertex.undeployModel(endpoint, id, timeoutMs),
        },
        monitoring: h.gcp.monitoring,
      };
      t = await startTestSlackApp({ config: CONFIG_INPUT, now: SIM_NOW, store, remediation: oldRequest });
      const app = t;
      await sync(app.clock);
      const { posted } = await auditAndPost(app);
      const finding = idleFindingOf(CANARY);
      const alert = posted.posted.find((p) => p.findingId === finding.id)!;
      await clickAlertButton(app, ALERT_ACTIONS.undeploy, buttonOf(finding), ALLOWED, alert);
      const reply = await app.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === alert.ts);
      expect(String(reply.args.text)).toContain('Google refused (FAILED_PRECONDITION)');
      expect(String(reply.args.text)).toContain("it still has 10 % of the endpoint's traffic");
      expect(String(reply.args.text)).toContain('nothing was changed');
      // Refused by Google once, and not sent again. The client sends the absent map as {}, which is no split.
      const target = finding.evidence.target;
      if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
      expect((await undeployCalls()).map((c) => [c.status, c.body])).toEqual([
        [400, { deployedModelId: target.deployedModelId, trafficSplit: {} }],
      ]);
      expect(await liveSearchRanker(finding)).toEqual({ 'ranker-v14': 90, [CANARY]: 10 });
      expect(getFinding(store, finding.id)).toMatchObject({ status: 'alerted', claimedBy: null });
    });
  });

  it('Monitoring failing gives no idle finding (unknown, not idle)', async () => {
    await h.control('/_sim/faults', { rules: [{ path: 'timeSeries', code: 503 }] }, 'PUT');
    await sync({ now: () => SIM_NOW });
    const result = runAudit({ store, config, clock: { now: () => SIM_NOW }, log });
    expect(result.findings.filter((f) => f.rule === 'idle-endpoint')).toEqual([]);
    expect(result.unknown.some((u) => u.rule === 'idle-endpoint' && /Monitoring/.test(u.why))).toBe(true);
  });

  it('survives a restart between alert and click (new app, same database file)', async () => {
    const first = await startApp();
    await sync(first.clock);
    const { posted } = await auditAndPost(first);
    const finding = idleFindingOf(IDLE_MODEL);
    const alert = posted.posted.find((p) => p.findingId === finding.id)!;
    await first.close();
    store.close();
    store = openStore(dbPath);
    const second = await startApp();
    await clickAlertButton(second, ALERT_ACTIONS.undeploy, buttonOf(finding), ALLOWED, alert);
    const update = await second.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(JSON.stringify(update.args.blocks)).toContain('Undeployed');
    expect(await undeployCalls()).toHaveLength(1);
  });

  it('a snooze suppresses re-alerts until it ends', async () => {
    const app = await startApp();
    await sync(app.clock);
    const { posted } = await auditAndPost(app);
    const finding = idleFindingOf(IDLE_MODEL);
    const alert = posted.posted.find((p) => p.findingId === finding.id)!;
    await clickAlertButton(app, ALERT_ACTIONS.snooze24h, buttonOf(finding), ALLOWED, alert);
    await app.slack.waitFor('chat.update', (c) => c.args.ts === alert.ts);
    expect(getFinding(store, finding.id)?.status).toBe('snoozed');

    for (const hours of [1, 12, 23]) {
      await h.control('/_sim/advance', { hours: hours - (hours === 1 ? 0 : hours === 12 ? 1 : 12) });
      app.clock.set(new Date(SIM_NOW.getTime() + hours * HOUR_MS));
      await sync(app.clock);
      const later = await auditAndPost(app);
      expect(later.posted.posted.filter((p) => p.findingId === finding.id)).toHaveLength(0);
    }
    await h.control('/_sim/advance', { hours: 2 });
    app.clock.set(new Date(SIM_NOW.getTime() + 25 * HOUR_MS));
    await sync(app.clock);
    const after = await auditAndPost(app);
    expect(after.posted.posted.filter((p) => p.findingId === finding.id)).toHaveLength(1);
    expect(getFinding(store, finding.id)?.status).toBe('alerted');
  });
});

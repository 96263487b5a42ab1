// A `burnrate serve` process killed (SIGKILL) while a click's undeploy waits on Google's operation leaves its
// finding claimed and no outcome recorded. The next audit after the claim's stale time releases the claim, logs
// that, and — sync having seen the model gone — resolves the finding instead of keeping it stuck for good.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore } from '../../src/db/open.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { credentialFreeEnv, type Running, start } from '../demo/support/childProcess.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/slackApp.js';
import { slackSender } from '../support/slackSigned.js';
import { SIM_NOW, type SimHarness, startSimHarness } from './simSupport.js';
import { buttonOf, clickAlertButton, eventually } from './slackClicks.js';

const ALLOWED = 'UALLOWED01';
const ALERT_CHANNEL = 'CALERTS001';
const IDLE_MODEL = 'summarizer-t5-base';
const HOUR_MS = 3_600_000;
// Never due while the test runs (and nothing to catch up): the child does only what the click asks.
const NEVER = '0 3 1 1 *';
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
  slack: { teamId: 'T0FAKE001', channels: [{ id: ALERT_CHANNEL, alerts: true }] },
  schedules: { sync: NEVER, audit: NEVER, anomalies: NEVER, digest: NEVER },
  remediation: { mode: 'remediate', operationTimeoutSeconds: 30, allow: { undeploy: { users: [ALLOWED] } } },
};

let h: SimHarness;
let slack: FakeSlack;
let dir: string;
let serve: Running | null = null;

beforeAll(async () => {
  h = await startSimHarness(configSchema.parse(CONFIG_INPUT));
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'burnrate-killed-remediation-'));
});

afterAll(async () => {
  serve?.child.kill('SIGKILL');
  await h.close();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The port `serve` logged once it listens. */
async function servingPort(running: Running): Promise<number> {
  let port: number | undefined;
  await eventually(() => {
    if (running.child.exitCode !== null) throw new Error(`serve exited:\n${running.stderr()}`);
    const line = running
      .stderr()
      .split('\n')
      .find((l) => l.includes('burnrate is serving Slack requests'));
    port = line ? (JSON.parse(line) as { port?: number }).port : undefined;
    expect(port).toBeGreaterThan(0);
  }, 60_000);
  return port as number;
}

it('SIGKILL mid-remediation: the next audit past the stale time releases the claim and resolves the finding', {
  timeout: 150_000,
}, async () => {
  const config = configSchema.parse(CONFIG_INPUT);
  const dbPath = join(dir, 'burnrate.db');
  const configPath = join(dir, 'burnrate.yaml');
  writeFileSync(configPath, stringify(CONFIG_INPUT));

  // What serve would have done before the click: a sync, an audit, the alert posted.
  const store = openStore(dbPath);
  const clock = fixedClock(SIM_NOW);
  await runSyncPass({ store, gcp: h.gcp, config, clock, log });
  const idle = runAudit({ store, config, clock, log }).findings.find((f) => f.title.includes(IDLE_MODEL));
  if (!idle) throw new Error(`no idle finding for ${IDLE_MODEL}`);
  const client = createSlackClient(
    readRuntimeEnv({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: slack.apiUrl }),
    config.slack.timeoutMs,
  );
  const posted = await postDueAlerts({ store, config, clock, log, client });
  const alert = posted.posted.find((p) => p.findingId === idle.id);
  if (!alert) throw new Error('the idle finding was not alerted');
  store.close();

  serve = start('node', ['--import', 'tsx', 'src/main.ts', '--now', SIM_NOW.toISOString(), 'serve'], {
    env: credentialFreeEnv({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      BURNRATE_GCP_ENDPOINT: h.sim.url,
      BURNRATE_CONFIG: configPath,
      BURNRATE_DB: dbPath,
      PORT: '0',
      LOG_LEVEL: 'info',
    }),
  });
  const port = await servingPort(serve);

  // Google accepts the undeploy, but its operation does not report done while the process lives.
  await h.control(
    '/_sim/faults',
    { rules: [{ method: 'GET', path: '/operations/', latencyMs: 120_000 }] },
    'PUT',
  );
  const send = slackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET);
  const click = await clickAlertButton(
    { send, slack },
    ALERT_ACTIONS.undeploy,
    buttonOf(idle),
    ALLOWED,
    alert,
  );
  expect(click.status).toBe(200);
  await eventually(async () => {
    const requests = await h.requests();
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'))).toBe(true);
    expect(requests.some((r) => r.method === 'GET' && r.path.includes('/operations/'))).toBe(true);
  }, 30_000);
  serve.child.kill('SIGKILL');
  const ended = await serve.finished;
  expect(ended.code).toBeNull();
  serve = null;

  // What the kill left: the finding claimed by the clicker, alerted, no outcome recorded.
  const after = openStore(dbPath);
  try {
    expect(getFinding(after, idle.id)).toMatchObject({ status: 'alerted', claimedBy: ALLOWED });
    expect(listAttempts(after, idle.id)).toEqual([]);

    await h.control('/_sim/faults', { rules: [] }, 'PUT');
    await h.control('/_sim/advance', { hours: 1 });
    const later = fixedClock(new Date(SIM_NOW.getTime() + HOUR_MS));
    await runSyncPass({ store: after, gcp: h.gcp, config, clock: later, log });
    const audit = runAudit({ store: after, config, clock: later, log });

    expect(audit.releasedClaims).toMatchObject([{ findingId: idle.id, userId: ALLOWED }]);
    expect(getFinding(after, idle.id)).toMatchObject({ status: 'resolved', claimedBy: null });
    expect(listAttempts(after, idle.id)).toMatchObject([
      { userId: ALLOWED, action: 'undeploy', result: 'released' },
    ]);
  } finally {
    after.close();
  }
});

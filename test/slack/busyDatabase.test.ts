// Slack wants every request acknowledged within 3 s. SQLite calls are synchronous: while another process (a CLI
// run) holds the write lock, a write that waits out busy_timeout (5 s) blocks the whole event loop, and with it
// every acknowledgement. The event-id dedup write gives up at once instead, so a slash command arriving while the
// lock is held is still acknowledged — before the other process lets go of the lock.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts, getFinding } from '../../src/audit/findings.js';
import type { FindingDraft } from '../../src/audit/model.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { REPO_ROOT } from '../demo/support/childProcess.js';
import { buttonOf, clickAlertButton } from '../remediate/slackClicks.js';
import { startTestSlackApp, TEST_SIGNING_SECRET, type TestSlackApp } from '../support/slackApp.js';
import {
  DEFAULT_TEAM_ID,
  interactivityRequest,
  nowSeconds,
  type SignedRequest,
  slackSignature,
} from '../support/slackSigned.js';

// Long enough that an acknowledgement blocked behind the lock arrives after it; shorter than busy_timeout (5 s), so
// a write that waits for the lock does get it in the end.
const HOLD_MS = 2_500;
const NOW = new Date('2026-11-25T12:00:00Z');

const draft: FindingDraft = {
  rule: 'idle-endpoint',
  resource: 'projects/ml-prod/locations/us-central1/endpoints/1/deployedModels/2',
  project: 'ml-prod',
  region: 'us-central1',
  severity: 'high',
  title: 'Idle endpoint: m on e',
  reason: 'no predictions',
  evidence: {
    target: {
      type: 'deployed-model',
      endpointName: 'projects/ml-prod/locations/us-central1/endpoints/1',
      deployedModelId: '2',
      displayName: 'm on e',
    },
    facts: [],
  },
  labels: {},
  impactPerDay: 43.2,
  unpricedReason: null,
  suggestedAction: 'undeploy',
  suggestedValue: null,
  observedAt: NOW.toISOString(),
};

/** Another process holding the database's write lock for HOLD_MS; resolves when it holds it. */
async function holdWriteLock(path: string): Promise<{ releasedAt: Promise<number> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('lock-holder', 'x', 'now') ON CONFLICT (key) DO UPDATE SET value = 'y'").run();
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); console.log('released ' + Date.now()); db.close(); }, ${HOLD_MS});
  `;
  const child = spawn(process.execPath, ['-e', script, path], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let onLine: (() => void) | null = null;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    onLine?.();
  });
  await new Promise<void>((resolve, reject) => {
    onLine = () => out.includes('locked') && resolve();
    child.on('exit', (code) => reject(new Error(`the lock holder exited ${code} before locking`)));
  });
  const releasedAt = new Promise<number>((resolve) => {
    onLine = () => {
      const match = /released (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    };
  });
  return { releasedAt };
}

const TRIAGER = 'U0TRIAGE01';

/** A view_submission of the "Not waste" form, signed as Slack signs it. */
function notWasteSubmission(userId: string, privateMetadata: string, reason: string) {
  return interactivityRequest({
    type: 'view_submission',
    user: { id: userId, username: userId.toLowerCase(), team_id: DEFAULT_TEAM_ID },
    trigger_id: 'trigger.view',
    view: {
      id: 'V0001',
      type: 'modal',
      callback_id: 'burnrate_not_waste',
      private_metadata: privateMetadata,
      state: { values: { reason: { reason_input: { type: 'plain_text_input', value: reason } } } },
      hash: 'h1',
    },
  });
}

/** POSTs a signed request from a separate process; resolves with the status and when that process got it. */
async function postFromAnotherProcess(
  url: string,
  request: SignedRequest,
): Promise<{ status: number; at: number }> {
  const timestamp = nowSeconds();
  const headers = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, timestamp, request.body),
  };
  const script = `
    const [url, headers, body] = process.argv.slice(1);
    fetch(url, { method: 'POST', headers: JSON.parse(headers), body }).then(async (res) => {
      const at = Date.now();
      await res.text();
      console.log(JSON.stringify({ status: res.status, at }));
    });
  `;
  const child = spawn(process.execPath, ['-e', script, url, JSON.stringify(headers), request.body], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out) as { status: number; at: number };
}

describe('Slack acknowledgements while another process holds the write lock', () => {
  let t: TestSlackApp;
  beforeAll(async () => {
    t = await startTestSlackApp({
      now: NOW,
      config: {
        slack: { channels: [{ id: 'C0ALERTS01', alerts: true }] },
        remediation: { allow: { triage: { users: [TRIAGER] } } },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an event and then a slash command are acknowledged before the lock is released', async () => {
    const lock = await holdWriteLock(t.store.sqlite.name);
    // An event: its id is recorded for retry dedup, a write that meets the lock.
    const event = await t.send.event({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: '<@U0FAKEBOT> help',
      ts: '1700004000.000100',
      channel: 'C0FAKE001',
    });
    expect(event.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const command = await t.send.command({ text: 'help', response_url: t.slack.responseUrl('busy') });
    const acknowledgedAt = Date.now();
    expect(command.status).toBe(200);
    expect(acknowledgedAt).toBeLessThan(await lock.releasedAt);
    // Both are answered as well.
    await t.slack.waitFor('response_url', (c) => c.path === '/response/busy', 10_000);
    await t.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === '1700004000.000100', 10_000);
  }, 30_000);

  it('the "Not waste" form is acknowledged first; its change is stored once the lock is free', async () => {
    const [id] = applyVerdicts(t.store, [{ kind: 'finding', finding: draft }], [], NOW).opened;
    const posted = await postDueAlerts({
      store: t.store,
      config: t.config,
      clock: t.clock,
      log: createLogger({ level: 'silent' }),
      client: t.app.app.client,
    });
    const alert = { channel: posted.posted[0]!.channel, ts: posted.posted[0]!.ts };
    await clickAlertButton(t, ALERT_ACTIONS.notWaste, buttonOf(getFinding(t.store, id!)!), TRIAGER, alert);
    const opened = await t.slack.waitFor('views.open');
    const metadata = (opened.args.view as { private_metadata: string }).private_metadata;

    const lock = await holdWriteLock(t.store.sqlite.name);
    // Sent as Slack would, from outside: this process's event loop waits with the app's while its write waits.
    const saved = await postFromAnotherProcess(
      t.eventsUrl,
      notWasteSubmission(TRIAGER, metadata, 'load test this week'),
    );
    expect(saved.status).toBe(200);
    expect(saved.at).toBeLessThan(await lock.releasedAt);
    await t.slack.waitFor('chat.update', () => true, 10_000);
    expect(getFinding(t.store, id!)?.status).toBe('allowed');
  }, 30_000);
});

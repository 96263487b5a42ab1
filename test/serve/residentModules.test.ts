// A running `burnrate serve`, Google configured, answering a slash command with a chart: its own process never
// loads Google's client libraries or the chart renderer (they load in the sync, digest, remediation and chart
// helper processes). A
// preloaded hook (test/support/heavyModuleHook.cjs) reports every such module a process loads; `burnrate sync
// --once` run the same way shows the hook sees them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { credentialFreeEnv, REPO_ROOT, start } from '../demo/support/childProcess.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';
import { DEFAULT_TEAM_ID, slackSender } from '../support/slackSigned.js';

const NOW = '2026-11-28T12:00:00Z';
const SECRET = 'test-signing-secret-0123456789';
const HOOK = join(REPO_ROOT, 'test/support/heavyModuleHook.cjs');
// Crons that do not fire while the test runs: the scheduled work is not what is checked here.
const NEVER = '0 0 1 1 *';

let slack: FakeSlack;
let sim: RunningSimulator;
let dir: string;
let env: NodeJS.ProcessEnv;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const heavyLoads = (stderr: string, pid: number | undefined) =>
  stderr.split('\n').filter((line) => line.startsWith(`heavy-module-check ${pid} `));

beforeAll(async () => {
  slack = await startFakeSlack();
  sim = await startSimulator({
    scenario: loadScenarioFile(join(REPO_ROOT, 'config/scenarios/demo.yaml')),
    port: 0,
    now: new Date(NOW),
  });
  dir = mkdtempSync(join(tmpdir(), 'burnrate-resident-'));
  const config = join(dir, 'burnrate.yaml');
  writeFileSync(
    config,
    `google:\n  projects:\n    - id: ml-prod\n      regions: [us-central1]\n  billingExport:\n    table: billing-admin.billing_export.gcp_billing_export_v1_DEMO\nslack:\n  teamId: ${DEFAULT_TEAM_ID}\nschedules:\n  sync: "${NEVER}"\n  audit: "${NEVER}"\n  anomalies: "${NEVER}"\n  digest: "${NEVER}"\n`,
  );
  env = credentialFreeEnv({
    BURNRATE_CONFIG: config,
    BURNRATE_DB: join(dir, 'burnrate.db'),
    BURNRATE_GCP_ENDPOINT: sim.url,
    SLACK_BOT_TOKEN: 'xoxb-test-0000-burnrate',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'warn',
  });
  // Data to answer from, so the answer has a chart to draw.
  const sync = start('node', ['--import', 'tsx', 'src/main.ts', '--now', NOW, 'sync', '--once'], { env });
  const synced = await sync.finished;
  expect(synced.code, synced.stderr).toBe(0);
});

afterAll(async () => {
  await slack.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what serve keeps resident', () => {
  it('serve answers a slash command and draws its chart without loading a Google client library or the chart renderer', async () => {
    const port = await freePort();
    const serve = start(
      'node',
      ['--require', HOOK, '--import', 'tsx', 'src/main.ts', '--now', NOW, 'serve'],
      {
        // At info, the helpers' lines (the hook's among them) are relayed into serve's log.
        env: { ...env, PORT: String(port), LOG_LEVEL: 'info' },
      },
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 200; i++) {
        const up = await fetch(`${url}/healthz`).then(
          () => true,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const send = slackSender(`${url}/slack/events`, SECRET);
      const res = await send.command({
        text: 'spend by kind this month',
        response_url: slack.responseUrl('charted'),
      });
      expect(res.status).toBe(200);
      const answer = await slack.waitFor('response_url', (c) => c.path.includes('charted'), 20_000);
      expect(answer.args.response_type).toBe('in_channel');
      // The chart, drawn by the helper process, is uploaded and shared after the answer.
      await slack.waitFor('files.completeUploadExternal', () => true, 30_000);
    } finally {
      serve.child.kill('SIGTERM');
    }
    const { stdout, stderr } = await serve.finished;
    expect(heavyLoads(stderr, serve.child.pid)).toEqual([]);
    // The chart was drawn all the same: by the helper, whose lines (the hook's among them) serve relays.
    const relayed = `${stdout}\n${stderr}`.match(/heavy-module-check \d+ [^"\n]+/g) ?? [];
    const helperLoads = relayed.filter((l) => !l.startsWith(`heavy-module-check ${serve.child.pid} `));
    expect(helperLoads.some((l) => /vega|resvg/.test(l))).toBe(true);
  });

  it('the hook sees them where they are used: a sync pass loads Google client libraries', async () => {
    const sync = start(
      'node',
      ['--require', HOOK, '--import', 'tsx', 'src/main.ts', '--now', NOW, 'sync', '--once'],
      {
        env,
      },
    );
    const { code, stderr } = await sync.finished;
    expect(code, stderr).toBe(0);
    expect(heavyLoads(stderr, sync.child.pid).length).toBeGreaterThan(0);
  });
});

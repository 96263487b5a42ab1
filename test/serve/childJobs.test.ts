// Serve's scheduled sync and digest as the child processes `burnrate serve` runs them (src/serve/childJobs.ts):
// a tick of the scheduler starts `burnrate sync --once` (the real client libraries against the simulator) or
// `burnrate digest --post`, waits for it and records its outcome; the child writes to the same database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load.js';
import { openStore } from '../../src/db/open.js';
import { childJobs } from '../../src/serve/childJobs.js';
import { startServer } from '../../src/serve/serve.js';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { eachDay } from '../../src/time/days.js';
import { REPO_ROOT } from '../demo/support/childProcess.js';
import { insertBilling, setActualThrough } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const NOW = '2026-11-25T12:00:00Z';
const log = createLogger({ level: 'silent' });
let sim: RunningSimulator;
let slack: FakeSlack;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({
    scenario: loadScenarioFile(join(REPO_ROOT, 'config/scenarios/demo.yaml')),
    port: 0,
    now: new Date(NOW),
  });
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'burnrate-child-jobs-'));
  // The children read the environment they inherit, as serve's do.
  Object.assign(process.env, {
    BURNRATE_GCP_ENDPOINT: sim.url,
    SLACK_BOT_TOKEN: 'xoxb-test-0000-burnrate',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'warn',
  });
});

afterAll(async () => {
  process.env = saved;
  await sim.close();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

/** serve as `burnrate serve` starts it: its scheduled jobs run by the child processes of `childJobs`. */
async function serveWithChildren(configPath: string, dbPath: string, childLog = log) {
  const config = loadConfig(configPath, {});
  const store = openStore(dbPath);
  const children = childJobs({
    globalArgs: ['--config', configPath, '--db', dbPath, '--now', NOW],
    config,
    log: childLog,
  });
  const server = await startServer({
    config,
    env: readRuntimeEnv({ ...process.env, SLACK_SIGNING_SECRET: 'test-signing-secret-456' }),
    store,
    clock: fixedClock(new Date(NOW)),
    log,
    sync: children.sync,
    elsewhere: {
      audit: children.audit,
      anomalies: children.anomalies,
      genaiSpikes: children.genaiSpikes,
      digest: children.digest,
    },
    port: 0,
    startCrons: false,
    catchUp: false,
    onStopping: children.stopAll,
  });
  return { store, server };
}

// One project in one region for the sync, and the workspace; a test adds its channels.
const CONFIG_LINES = [
  'timezone: UTC',
  'google:',
  '  projects:',
  '    - id: ml-prod',
  '      regions: [us-central1]',
  'slack:',
  '  teamId: T0FAKE001',
];

describe('scheduled sync and digest in child processes', () => {
  it('a sync tick runs `burnrate sync --once` against Google and records the run; a digest tick posts', async () => {
    const configPath = join(dir, 'burnrate.yaml');
    writeFileSync(
      configPath,
      [...CONFIG_LINES, '  channels:', '    - id: C0DIGEST1', '      digest: true'].join('\n'),
    );
    const { store, server } = await serveWithChildren(configPath, join(dir, 'burnrate.db'));
    insertBilling(
      store,
      eachDay('2026-09-01', '2026-11-24').map((day) => ({ day, cost: 100, labels: { team: 'search' } })),
    );
    setActualThrough(store, '2026-11-23');
    try {
      expect(await server.scheduler.tick('sync')).toBe('ok');
      const scopes = store.sqlite.prepare('SELECT scope, ok FROM sync_runs ORDER BY scope').all();
      expect(scopes).toContainEqual({ scope: 'vertex ml-prod/us-central1', ok: 1 });
      const endpoints = store.sqlite.prepare('SELECT COUNT(*) AS n FROM endpoints').get() as { n: number };
      expect(endpoints.n).toBeGreaterThan(0);

      expect(await server.scheduler.tick('digest', new Date(NOW))).toBe('ok');
      const posted = slack.callsOf('chat.postMessage');
      expect(posted.map((c) => c.args.channel)).toEqual(['C0DIGEST1']);
      expect(String(posted[0]?.args.text)).toContain('2026-W47');
      const runs = store.sqlite.prepare('SELECT job, outcome FROM schedule_runs ORDER BY id').all();
      expect(runs).toEqual([
        { job: 'sync', outcome: 'ok' },
        { job: 'digest', outcome: 'ok' },
      ]);
    } finally {
      await server.stop();
      store.close();
    }
  });

  it('runs one child at a time: a sync (and its generative-AI spike check) and an audit due together take turns', async () => {
    const configPath = join(dir, 'turns.yaml');
    writeFileSync(configPath, CONFIG_LINES.join('\n'));
    const lines: Array<{ msg: string; job?: string }> = [];
    const captured = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const { store, server } = await serveWithChildren(configPath, join(dir, 'turns.db'), captured);
    try {
      expect(await Promise.all([server.scheduler.tick('sync'), server.scheduler.tick('audit')])).toEqual([
        'ok',
        'ok',
      ]);
      const turns = lines
        .filter((l) => l.msg === 'started a child process' || l.msg === 'child process ended')
        .map((l) => `${l.msg === 'child process ended' ? 'end' : 'start'} ${l.job}`);
      expect(turns).toHaveLength(6);
      for (let i = 0; i < turns.length; i += 2) {
        const job = turns[i]?.slice('start '.length);
        expect(turns.slice(i, i + 2)).toEqual([`start ${job}`, `end ${job}`]);
      }
      expect(turns.filter((t) => t.startsWith('start')).sort()).toEqual([
        'start audit',
        'start genai-spikes',
        'start sync',
      ]);
      // The spike check follows its sync.
      expect(turns.indexOf('start genai-spikes')).toBeGreaterThan(turns.indexOf('end sync'));
    } finally {
      await server.stop();
      store.close();
    }
  });
});

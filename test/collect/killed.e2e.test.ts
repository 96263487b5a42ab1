// A sync process killed mid-pass leaves a consistent database, and the next pass ends with the same billing
// aggregates as an uninterrupted run on a fresh database.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore } from '../../src/db/open.js';
import { gcpFor, type SimHarness, silentLog, startHarness } from '../gcp/simHarness.js';
import { DEMO_NOW, demoConfig, demoGoogle, demoScenario } from './demoSync.js';

let harness: SimHarness;
let dir: string;

beforeAll(async () => {
  harness = await startHarness(demoScenario(), DEMO_NOW);
  dir = mkdtempSync(join(tmpdir(), 'burnrate-kill-'));
});

afterAll(async () => {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows in a table of a database another process is writing, or -1 while it cannot be read yet. */
function rowsIn(path: string, table: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

function billingByDay(path: string): Array<{ day: string; cost: number }> {
  const store = openStore(path);
  try {
    return store.sqlite
      .prepare('SELECT day, round(sum(cost), 6) AS cost FROM billing_daily GROUP BY day ORDER BY day')
      .all() as Array<{ day: string; cost: number }>;
  } finally {
    store.close();
  }
}

it('survives SIGKILL mid-sync: integrity ok, and the next pass matches an uninterrupted run', {
  timeout: 180_000,
}, async () => {
  const config = demoConfig();
  const configPath = join(dir, 'burnrate.yaml');
  writeFileSync(configPath, stringify({ google: demoGoogle }));
  const killedDb = join(dir, 'killed.db');
  // Slow Vertex and Monitoring answers keep the pass going after the billing rows are written.
  await harness.setFaults({
    rules: [
      { path: '^/v1/', latencyMs: 300 },
      { path: '/timeSeries$', latencyMs: 4000 },
    ],
  });

  const child: ChildProcess = spawn('npx', ['tsx', 'src/main.ts', 'sync', '--now', DEMO_NOW.toISOString()], {
    env: {
      ...process.env,
      BURNRATE_CONFIG: configPath,
      BURNRATE_DB: killedDb,
      BURNRATE_GCP_ENDPOINT: harness.url,
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
    // Its own process group, so the kill reaches npx, tsx and the node process that does the work.
    detached: true,
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  const deadline = Date.now() + 150_000;
  while (rowsIn(killedDb, 'billing_daily') <= 0) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('sync never wrote billing rows');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  process.kill(-(child.pid as number), 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const unfinished = rowsIn(killedDb, 'sync_runs');
  expect(unfinished).toBeGreaterThan(0);

  const check = new Database(killedDb);
  expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
  check.close();

  await harness.setFaults({ rules: [] });
  const gcp = gcpFor(harness.url, config);
  try {
    const resumed = openStore(killedDb);
    const next = await runSyncPass({
      store: resumed,
      gcp,
      config,
      clock: fixedClock(DEMO_NOW),
      log: silentLog,
    });
    resumed.close();
    expect(next.scopes.filter((s) => !s.ok)).toEqual([]);

    const freshDb = join(dir, 'fresh.db');
    const fresh = openStore(freshDb);
    const clean = await runSyncPass({
      store: fresh,
      gcp,
      config,
      clock: fixedClock(DEMO_NOW),
      log: silentLog,
    });
    fresh.close();
    expect(clean.ok).toBe(true);

    const expected = billingByDay(freshDb);
    expect(expected.length).toBeGreaterThan(25);
    expect(billingByDay(killedDb)).toEqual(expected);
  } finally {
    await gcp.close();
  }
});

// What `burnrate demo` runs against: the simulator in this process with the demo scenario, a SQLite file in a
// temporary folder (or the --db file), and the Google adapters pointed at the simulator exactly as
// BURNRATE_GCP_ENDPOINT would point them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import { openStore, type Store } from '../db/open.js';
import type { Gcp } from '../gcp/api.js';
import { createGcp } from '../gcp/index.js';
import { loadScenarioFile } from '../sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../sim/server.js';

// Files shipped with burnrate, found from this module so the demo works from any working directory (same
// relative location from src/demo/ under tsx and dist/demo/ when built).
const packageFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const DEMO_SCENARIO_FILE = packageFile('config/scenarios/demo.yaml');
export const DEMO_CONFIG_FILE = packageFile('config/demo.yaml');

/** The Slack user the person at the terminal acts as; config/demo.yaml allows it every action. */
export const DEMO_USER_ID = 'U0DEMOUSER';

export interface DemoEnvironment {
  sim: RunningSimulator;
  store: Store;
  gcp: Gcp;
  dbPath: string;
  /** True when the database lives in a temporary folder that close() removes. */
  temporary: boolean;
  /** Closes the Google clients, the simulator and the database; removes the temporary folder. Idempotent. */
  close(): Promise<void>;
}

export interface DemoEnvironmentOptions {
  config: Config;
  env: RuntimeEnv;
  clock: Clock;
  log: Logger;
  /** A database file to keep (--db); null for a temporary one. */
  dbPath: string | null;
  progress: (line: string) => void;
}

export async function startDemoEnvironment(opts: DemoEnvironmentOptions): Promise<DemoEnvironment> {
  opts.progress('Starting the Google Cloud simulator with the demo scenario…');
  const scenario = loadScenarioFile(DEMO_SCENARIO_FILE);
  const sim = await startSimulator({ scenario, port: 0, now: opts.clock.now() });
  let tempDir: string | null = null;
  let store: Store;
  let dbPath: string;
  try {
    if (opts.dbPath) dbPath = opts.dbPath;
    else {
      tempDir = mkdtempSync(join(tmpdir(), 'burnrate-demo-'));
      dbPath = join(tempDir, 'burnrate.db');
    }
    opts.progress(`Simulator at ${sim.url}; database ${dbPath}`);
    store = openStore(dbPath);
  } catch (err) {
    await sim.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
  const gcp = createGcp({ env: { ...opts.env, gcpEndpoint: sim.url }, config: opts.config, log: opts.log });
  let closing: Promise<void> | null = null;
  return {
    sim,
    store,
    gcp,
    dbPath,
    temporary: tempDir !== null,
    close() {
      closing ??= (async () => {
        await gcp.close().catch(() => {});
        await sim.close().catch(() => {});
        store.close();
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

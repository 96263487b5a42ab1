// A simulator per test file, the real Google clients pointed at it, and helpers to read its request log and set
// faults. Shared by the gcp and collect tests.

import { createLogger, type Logger } from '../../src/app/logger.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { createGcp, type Gcp } from '../../src/gcp/index.js';
import type { FaultsDocument } from '../../src/sim/faults.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query?: string;
  /** Simulated time when the request arrived, RFC 3339. */
  simTime?: string;
  status: number;
}

export interface SimHarness {
  sim: RunningSimulator;
  url: string;
  requests(): Promise<LoggedRequest[]>;
  setFaults(faults: FaultsDocument): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(scenario: Scenario | ScenarioInput, now: Date): Promise<SimHarness> {
  const sim = await startSimulator({ scenario: parseScenario(scenario), port: 0, now, cancelDelayMs: 50 });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return {
    sim,
    url: sim.url,
    requests: async () => (await call('GET', '/_sim/requests')) as LoggedRequest[],
    setFaults: async (faults) => {
      await call('PUT', '/_sim/faults', faults);
    },
    reset: async () => {
      await call('POST', '/_sim/reset');
      await call('PUT', '/_sim/faults', { rules: [] });
    },
    close: () => sim.close(),
  };
}

export const silentLog: Logger = createLogger({ level: 'silent' });

export const noSleep = async (): Promise<void> => {};

export function testConfig(
  google: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Config {
  return configSchema.parse({ google, ...extra });
}

export function gcpFor(url: string, config: Config, opts: { pageSize?: number } = {}): Gcp {
  return createGcp({
    env: { gcpEndpoint: url },
    config,
    log: silentLog,
    sleep: noSleep,
    random: () => 0.5,
    ...opts,
  });
}

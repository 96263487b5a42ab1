// Remediation's Google calls made by a child process (src/remediate/childPort.ts), the way serve makes them:
// the real Google client libraries in `burnrate remediation-port`, against the simulator. Answers and Google's
// errors come back as they would in-process; the child ends when idle, and a call it cannot finish fails as a
// retryable Google error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { GcpError } from '../../src/gcp/errors.js';
import { childRemediationPort } from '../../src/remediate/childPort.js';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';
import { REPO_ROOT } from '../demo/support/childProcess.js';

const NOW = '2026-11-28T12:00:00Z';
const log = createLogger({ level: 'silent' });
let sim: RunningSimulator;
let dir: string;
let globalArgs: string[];
let endpointName: string;
const endpoint = process.env.BURNRATE_GCP_ENDPOINT;

const faults = (rules: unknown[]) =>
  fetch(`${sim.url}/_sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });

beforeAll(async () => {
  sim = await startSimulator({
    scenario: loadScenarioFile(join(REPO_ROOT, 'config/scenarios/demo.yaml')),
    port: 0,
    now: new Date(NOW),
  });
  // The child reads BURNRATE_GCP_ENDPOINT from the environment it inherits, as serve's does.
  process.env.BURNRATE_GCP_ENDPOINT = sim.url;
  dir = mkdtempSync(join(tmpdir(), 'burnrate-port-'));
  const config = join(dir, 'burnrate.yaml');
  writeFileSync(config, 'google:\n  retry:\n    attempts: 1\n');
  globalArgs = ['--config', config, '--db', join(dir, 'burnrate.db'), '--now', NOW];
  const listed = (await (
    await fetch(`${sim.url}/v1/projects/ml-prod/locations/us-central1/endpoints`)
  ).json()) as { endpoints: Array<{ name: string }> };
  endpointName = listed.endpoints[0]?.name ?? '';
});

afterAll(async () => {
  if (endpoint === undefined) delete process.env.BURNRATE_GCP_ENDPOINT;
  else process.env.BURNRATE_GCP_ENDPOINT = endpoint;
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the remediation port in a child process', () => {
  it('answers like the Google adapters, passes Google errors on as GcpError, and ends when idle', async () => {
    const port = childRemediationPort({ globalArgs, log, idleMs: 300 });
    try {
      expect(port.running()).toBe(false);
      const live = await port.vertex.getEndpoint(endpointName, 'ml-prod');
      expect(live?.name).toBe(endpointName);
      expect(live?.deployedModels.length).toBeGreaterThan(0);
      expect(port.running()).toBe(true);
      expect(await port.vertex.getEndpoint(`${endpointName}999`, 'ml-prod')).toBeNull();

      await faults([{ path: '/endpoints/', code: 403, message: 'aiplatform.endpoints.get denied' }]);
      const refused = await port.vertex.getEndpoint(endpointName, 'ml-prod').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(GcpError);
      expect((refused as GcpError).kind).toBe('permission');
      await faults([]);

      // Idle past idleMs: the child ends, and the next call starts another.
      for (let i = 0; i < 100 && port.running(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(port.running()).toBe(false);
      expect((await port.vertex.getEndpoint(endpointName, 'ml-prod'))?.name).toBe(endpointName);
    } finally {
      await faults([]);
      await port.close();
    }
  });

  it('a call the child cannot finish fails as a retryable Google error', async () => {
    const port = childRemediationPort({ globalArgs, log });
    try {
      await port.vertex.getEndpoint(endpointName, 'ml-prod');
      await faults([{ path: '/endpoints/', code: 'timeout' }]);
      const waiting = port.vertex.getEndpoint(endpointName, 'ml-prod').catch((err: unknown) => err);
      await new Promise((r) => setTimeout(r, 300));
      await port.close();
      const failed = await waiting;
      expect(failed).toBeInstanceOf(GcpError);
      expect((failed as GcpError).retryable).toBe(true);
    } finally {
      await faults([]);
      await port.close();
    }
  });
});

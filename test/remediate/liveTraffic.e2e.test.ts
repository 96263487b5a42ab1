// The undeploy's live re-check reads traffic where the endpoint's kind puts it: private services access
// endpoints in private/response_count, and dedicated or Private Service Connect endpoints nowhere — then it
// refuses, since nobody can see whether they are called.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts, getFinding } from '../../src/audit/findings.js';
import { deployedModelResource } from '../../src/audit/model.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { createAuthorizer } from '../../src/remediate/authorize.js';
import { remediateFinding } from '../../src/remediate/remediateFinding.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from '../gcp/simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const ALLOWED = 'UALLOWED01';

const endpoint = (id: string, access: 'dedicated' | 'private' | 'psc', perHour: number) => ({
  id,
  project: 'ml-prod',
  region: 'us-central1',
  displayName: `${access}-endpoint`,
  access,
  deployedModels: [
    {
      id: `${id}1`,
      displayName: `${access}-model`,
      deployedHoursAgo: 200,
      machineType: 'n1-standard-4',
      traffic: { pattern: 'constant' as const, perHour },
      noise: 0,
    },
  ],
});

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod' }],
  endpoints: [
    endpoint('20', 'dedicated', 0),
    endpoint('30', 'private', 300),
    endpoint('35', 'private', 0),
    endpoint('40', 'psc', 0),
  ],
};

const config = configSchema.parse({
  remediation: { mode: 'remediate', operationTimeoutSeconds: 30, allow: { undeploy: { users: [ALLOWED] } } },
});

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, testConfig({ retry: { attempts: 2, baseDelayMs: 1, timeoutMs: 5000 } }));
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});
beforeEach(async () => {
  await harness.reset();
  store = openStore(':memory:');
});

async function undeployClick(endpointId: string) {
  const name = `projects/ml-prod/locations/us-central1/endpoints/${endpointId}`;
  const id = `${endpointId}1`;
  const [findingId] = applyVerdicts(
    store,
    [
      {
        kind: 'finding',
        finding: {
          rule: 'idle-endpoint',
          resource: deployedModelResource(name, id),
          project: 'ml-prod',
          region: 'us-central1',
          severity: 'medium',
          title: 'Idle endpoint',
          reason: 'no requests',
          evidence: {
            target: {
              type: 'deployed-model',
              endpointName: name,
              deployedModelId: id,
              displayName: `model ${id}`,
            },
            facts: [],
            trafficSplit: [{ deployedModelId: id, displayName: `model ${id}`, percent: 100 }],
          },
          labels: {},
          impactPerDay: 10,
          unpricedReason: null,
          suggestedAction: 'undeploy',
          suggestedValue: null,
          observedAt: NOW.toISOString(),
        },
      },
    ],
    [],
    NOW,
  ).opened;
  const clock = fixedClock(NOW);
  const outcome = await remediateFinding(
    {
      store,
      config,
      clock,
      log: createLogger({ level: 'silent' }),
      vertex: gcp.vertex,
      monitoring: gcp.monitoring,
      authorizer: createAuthorizer({ allow: config.remediation.allow, clock, groupMembers: async () => [] }),
    },
    { findingId: findingId as number, action: 'undeploy', userId: ALLOWED },
  );
  const undeploys = (await harness.requests()).filter((r) => r.path.endsWith(':undeployModel'));
  return { outcome, undeploys, finding: getFinding(store, findingId as number) };
}

describe('the undeploy re-check reads traffic in the metric that sees it', () => {
  it.each([
    { id: '20', kind: 'dedicated endpoint' },
    { id: '40', kind: 'Private Service Connect endpoint' },
  ])('refuses on a $kind: its traffic cannot be seen', async ({ id, kind }) => {
    const { outcome, undeploys } = await undeployClick(id);
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toContain('its traffic cannot be confirmed idle');
    expect(outcome.message).toContain(kind);
    expect(outcome.message).toContain('no Monitoring metric');
    expect(undeploys).toHaveLength(0);
  });

  it('refuses a private endpoint that answered requests in the last hour, counted in private/response_count', async () => {
    const { outcome, undeploys } = await undeployClick('30');
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toContain('it served 300 responses in the last hour');
    expect(undeploys).toHaveLength(0);
    const monitoring = (await harness.requests()).filter((r) => r.path.endsWith('/timeSeries'));
    expect(decodeURIComponent(monitoring[0]?.query ?? '')).toContain(
      'prediction/online/private/response_count',
    );
  });

  it('undeploys a private endpoint’s model that answered nothing', async () => {
    const { outcome, undeploys, finding } = await undeployClick('35');
    expect(outcome.result).toBe('ok');
    expect(undeploys.map((r) => r.status)).toEqual([200]);
    expect(finding?.status).toBe('remediated');
  });
});

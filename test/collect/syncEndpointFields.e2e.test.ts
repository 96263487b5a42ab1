// What a sync stores of the fields Google's answers carry beyond machines and replicas: each endpoint's kind and
// the metric that sees its traffic, the traffic split per deployed model, the pool a model shares, jobs' update
// times, and the private endpoints' responses (read only for projects that have such endpoints).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { scenario as adapterScenario } from '../gcp/scenario.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const LOOKBACK_HOURS = 24;

type Access = 'public' | 'dedicated' | 'private' | 'psc';
const model = (id: string, perHour: number, extra: Record<string, unknown> = {}) => ({
  id,
  displayName: `model-${id}`,
  deployedHoursAgo: 48,
  machineType: 'n1-standard-4',
  traffic: { pattern: 'constant' as const, perHour },
  noise: 0,
  ...extra,
});
const endpoint = (id: string, project: string, access: Access, models: ReturnType<typeof model>[]) => ({
  id,
  project,
  region: 'us-central1',
  displayName: `${access}-${id}`,
  access,
  deployedModels: models,
});

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod', number: '482913370541' }, { id: 'ml-lab' }],
  // N1 training and prediction SKUs and the T4 prediction SKU, in us-central1.
  catalog: adapterScenario.catalog,
  endpoints: [
    endpoint('10', 'ml-prod', 'public', [
      model('101', 900, { trafficPercent: 90 }),
      model('102', 0, { trafficPercent: 10 }),
    ]),
    endpoint('20', 'ml-prod', 'dedicated', [model('201', 200)]),
    endpoint('30', 'ml-prod', 'private', [model('301', 300)]),
    endpoint('40', 'ml-prod', 'psc', [model('401', 400)]),
    endpoint('50', 'ml-prod', 'public', [model('501', 10, { deploymentResourcePool: 'shared-t4' })]),
    endpoint('60', 'ml-lab', 'public', [model('601', 60)]),
    endpoint('70', 'ml-prod', 'public', [model('701', 0, { deploymentResourcePool: 'idle-pool' })]),
  ],
  deploymentResourcePools: [
    {
      id: 'shared-t4',
      project: 'ml-prod',
      region: 'us-central1',
      createdHoursAgo: 50,
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
      minReplicas: 2,
      maxReplicas: 3,
    },
    {
      id: 'idle-pool',
      project: 'ml-prod',
      region: 'us-central1',
      createdHoursAgo: 50,
      machineType: 'n1-standard-4',
      minReplicas: 1,
      maxReplicas: 1,
    },
  ],
  persistentResources: [
    {
      id: 'ray-cluster',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'ray training cluster',
      labels: { team: 'recsys' },
      createdHoursAgo: 100,
      resourcePools: [
        { id: 'head', machineType: 'n1-standard-4', replicaCount: 1 },
        { id: 'workers', machineType: 'n1-standard-4', replicaCount: 2, usedReplicaCount: 1 },
      ],
    },
    {
      id: 'a100-cluster',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'no A100 price here',
      createdHoursAgo: 30,
      resourcePools: [
        {
          id: 'gpus',
          machineType: 'a2-highgpu-1g',
          acceleratorType: 'NVIDIA_TESLA_A100',
          acceleratorCount: 1,
          replicaCount: 1,
        },
      ],
    },
  ],
  jobs: [
    {
      kind: 'custom',
      id: '11',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'running',
      machineType: 'n1-standard-4',
      startedHoursAgo: 3,
    },
    {
      kind: 'custom',
      id: '12',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'finished',
      machineType: 'n1-standard-4',
      startedHoursAgo: 30,
      durationHours: 2,
    },
  ],
};

const config = testConfig({
  projects: [
    { id: 'ml-prod', regions: ['us-central1'] },
    { id: 'ml-lab', regions: ['us-central1'] },
  ],
  monitoring: { lookbackHours: LOOKBACK_HOURS },
  retry: { attempts: 2, baseDelayMs: 1, timeoutMs: 10_000 },
});

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, config);
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});
beforeEach(async () => {
  await harness.reset();
  store?.close();
  store = openStore(':memory:');
});

const pass = () => runSyncPass({ store, gcp, config, clock: fixedClock(NOW), log: silentLog });
const rows = <T>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).all(...params) as T[];
const idOf = (name: string) => name.slice(name.lastIndexOf('/') + 1);

describe('sync stores what Google says about endpoints and jobs', () => {
  it('keeps each endpoint’s kind and the metric that sees its traffic', async () => {
    const first = await pass();
    expect(first.scopes.filter((s) => !s.ok)).toEqual([]);
    const stored = rows<{ name: string; kind: string; visibility: string }>(
      'SELECT name, kind, traffic_visibility AS visibility FROM endpoints',
    );
    expect(Object.fromEntries(stored.map((e) => [idOf(e.name), [e.kind, e.visibility]]))).toEqual({
      '10': ['shared-public', 'prediction_count'],
      '20': ['dedicated-public', 'unknown'],
      '30': ['private-service-access', 'private_response_count'],
      '40': ['private-service-connect', 'unknown'],
      '50': ['shared-public', 'prediction_count'],
      '60': ['shared-public', 'prediction_count'],
      '70': ['shared-public', 'prediction_count'],
    });
  });

  it('keeps each deployed model’s traffic share and the pool it shares', async () => {
    await pass();
    const stored = rows<{ id: string; percent: number; pool: string | null }>(
      `SELECT deployed_model_id AS id, traffic_percent AS percent, shared_resources AS pool
         FROM deployed_models ORDER BY deployed_model_id`,
    );
    // The scenario's shares where set; a lone model takes the whole endpoint.
    expect(stored).toEqual([
      { id: '101', percent: 90, pool: null },
      { id: '102', percent: 10, pool: null },
      { id: '201', percent: 100, pool: null },
      { id: '301', percent: 100, pool: null },
      { id: '401', percent: 100, pool: null },
      {
        id: '501',
        percent: 100,
        pool: 'projects/ml-prod/locations/us-central1/deploymentResourcePools/shared-t4',
      },
      { id: '601', percent: 100, pool: null },
      {
        id: '701',
        percent: 100,
        pool: 'projects/ml-prod/locations/us-central1/deploymentResourcePools/idle-pool',
      },
    ]);
  });

  it('keeps jobs’ update times as Google answers them', async () => {
    await pass();
    const answer = (await (
      await fetch(`${harness.url}/v1/projects/ml-prod/locations/us-central1/customJobs`)
    ).json()) as { customJobs: Array<{ name: string; updateTime: string }> };
    const stored = Object.fromEntries(
      rows<{ name: string; updateTime: string | null }>(
        'SELECT name, update_time AS updateTime FROM jobs',
      ).map((j) => [idOf(j.name), j.updateTime]),
    );
    expect(answer.customJobs).toHaveLength(2);
    for (const job of answer.customJobs)
      expect(Date.parse(stored[idOf(job.name)] ?? '')).toBe(Date.parse(job.updateTime));

    // The same answer again writes nothing.
    expect((await pass()).totals.rowsWritten).toBe(0);
  });

  it('writes a changed split: the canary undeployed with its share given to the other model', async () => {
    await pass();
    const endpointName = rows<{ name: string }>(
      `SELECT name FROM endpoints WHERE name LIKE '%/endpoints/10'`,
    )[0]?.name as string;
    const undeploy = await gcp.vertex.undeployModel(endpointName, '102', 10_000, { '101': 100 });
    expect(undeploy.status).toBe('succeeded');
    const second = await pass();
    expect(second.totals.rowsWritten).toBeGreaterThan(0);
    expect(
      rows(
        `SELECT deployed_model_id AS id, traffic_percent AS percent, undeployed_at IS NOT NULL AS gone
           FROM deployed_models WHERE endpoint_name = ? ORDER BY id`,
        endpointName,
      ),
    ).toEqual([
      { id: '101', percent: 100, gone: 0 },
      { id: '102', percent: 10, gone: 1 },
    ]);
  });
});

describe('capacity held outside jobs and endpoints', () => {
  // Catalog prices of the scenario (test/gcp/scenario.ts), per hour: on demand, Vertex AI's own SKU is the whole
  // price (its management fee SKUs apply to Spot, reserved and Flex-start capacity only).
  const N1_TRAINING_VCPU = 0.031611;
  const N1_TRAINING_GIB = 0.004237;

  it('stores persistent resources priced for every machine they hold, at training prices', async () => {
    await pass();
    const stored = rows<Record<string, unknown>>(
      `SELECT name, state, labels, replica_count AS replicas, start_time AS started, hourly_price AS price,
              unpriced_reason AS reason FROM persistent_resources ORDER BY name`,
    );
    expect(stored).toEqual([
      {
        name: 'projects/ml-prod/locations/us-central1/persistentResources/a100-cluster',
        state: 'RUNNING',
        labels: '{}',
        replicas: 1,
        started: expect.any(String),
        price: null,
        reason: 'no catalog SKU for A2 vCPU in us-central1 (training)',
      },
      {
        name: 'projects/ml-prod/locations/us-central1/persistentResources/ray-cluster',
        state: 'RUNNING',
        labels: '{"team":"recsys"}',
        replicas: 3,
        started: expect.any(String),
        price: expect.closeTo(3 * (4 * N1_TRAINING_VCPU + 15 * N1_TRAINING_GIB), 9),
        reason: null,
      },
    ]);
  });

  it('stores deployment resource pools priced per replica at prediction prices; their models are not priced', async () => {
    await pass();
    expect(
      rows(
        `SELECT name, min_replicas AS min, max_replicas AS max, hourly_price AS price FROM deployment_resource_pools
          ORDER BY name`,
      ),
    ).toEqual([
      {
        name: 'projects/ml-prod/locations/us-central1/deploymentResourcePools/idle-pool',
        min: 1,
        max: 1,
        // n1-standard-4 (4 vCPU, 15 GiB), for online prediction.
        price: expect.closeTo(4 * 0.036354 + 15 * 0.004876, 9),
      },
      {
        name: 'projects/ml-prod/locations/us-central1/deploymentResourcePools/shared-t4',
        min: 2,
        max: 3,
        // n1-standard-8 (8 vCPU, 30 GiB) and one T4, for online prediction.
        price: expect.closeTo(8 * 0.036354 + 30 * 0.004876 + 0.4025, 9),
      },
    ]);
    expect(
      rows(
        `SELECT hourly_price AS price, unpriced_reason AS reason FROM deployed_models WHERE deployed_model_id = '501'`,
      ),
    ).toEqual([
      {
        price: null,
        reason:
          'billed with its deployment resource pool projects/ml-prod/locations/us-central1/deploymentResourcePools/shared-t4',
      },
    ]);
    expect((await pass()).totals.rowsWritten).toBe(0);
  });

  it('the audit finds the pool whose only model serves nothing, not the one whose model is called', async () => {
    await pass();
    const auditConfig = testConfig(config.google, { rules: { idleEndpoint: { windowHours: 12 } } });
    const findings = runAudit({
      store,
      config: auditConfig,
      clock: fixedClock(NOW),
      log: silentLog,
    }).findings;
    const pools = findings.filter((f) => f.evidence.target.type === 'resource-pool');
    expect(pools.map((f) => [f.title, f.impactPerDay])).toEqual([
      ['Idle resource pool: idle-pool', expect.closeTo(24 * (4 * 0.036354 + 15 * 0.004876), 9)],
    ]);
    // Models on pools are never judged one by one.
    expect(findings.some((f) => f.resource.includes('/deployedModels/701'))).toBe(false);
  });
});

describe('traffic of private services access endpoints', () => {
  it('is read from private/response_count once for a project with such endpoints, and stored with its coverage', async () => {
    await pass();
    const queries = (await harness.requests()).filter((r) => r.path.endsWith('/timeSeries'));
    const perProject = (project: string) =>
      queries.filter((q) => q.path === `/v3/projects/${project}/timeSeries`).map((q) => metricOf(q.query));
    expect(perProject('ml-prod').sort()).toEqual([
      'prediction/online/prediction_count',
      'prediction/online/private/response_count',
      'prediction/online/replicas',
    ]);
    // ml-lab has no private endpoint: nothing to ask.
    expect(perProject('ml-lab').sort()).toEqual([
      'prediction/online/prediction_count',
      'prediction/online/replicas',
    ]);

    // 300 responses an hour, every hour of the lookback (the model was deployed 48 h ago).
    const privateTraffic = rows<{ hours: number; total: number }>(
      `SELECT count(*) AS hours, sum(private_responses) AS total FROM traffic_hourly
        WHERE deployed_model_id = '301' AND private_responses IS NOT NULL`,
    )[0];
    expect(privateTraffic).toEqual({ hours: LOOKBACK_HOURS, total: LOOKBACK_HOURS * 300 });
    expect(
      rows(
        `SELECT count(*) AS n FROM traffic_hourly WHERE deployed_model_id <> '301' AND private_responses IS NOT NULL`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      rows(
        `SELECT project, covered_from AS "from", covered_to AS "to", last_error AS error FROM telemetry_coverage
          WHERE metric = 'private_response_count'`,
      ),
    ).toEqual([
      {
        project: 'ml-prod',
        from: new Date(NOW.getTime() - LOOKBACK_HOURS * 3_600_000).toISOString(),
        to: NOW.toISOString(),
        error: null,
      },
    ]);
  });

  it('a failing private query fails the project’s Monitoring scope and records the error for that metric', async () => {
    await pass();
    await harness.setFaults({ rules: [{ path: '/v3/projects/ml-prod/timeSeries$', code: 403, count: 100 }] });
    const second = await pass();
    const monitoring = second.scopes.find((s) => s.scope === 'monitoring ml-prod');
    expect(monitoring?.ok).toBe(false);
    expect(
      rows(
        `SELECT metric FROM telemetry_coverage WHERE project = 'ml-prod' AND last_error IS NOT NULL ORDER BY metric`,
      ),
    ).toEqual([{ metric: 'prediction_count' }, { metric: 'private_response_count' }, { metric: 'replicas' }]);
  });
});

function metricOf(query: string | undefined): string {
  const filter = new URLSearchParams(query ?? '').get('filter') ?? '';
  return /metric\.type\s*=\s*"aiplatform\.googleapis\.com\/([^"]+)"/.exec(filter)?.[1] ?? filter;
}

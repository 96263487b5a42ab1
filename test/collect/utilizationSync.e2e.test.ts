// Resource use of deployed models, read from Monitoring the way traffic is: one timeSeries.list per project and
// metric (accelerator duty cycle and memory, CPU utilization, host memory), aligned hourly and grouped per deployed
// model, asked only of projects with models on accelerators; stored per deployed model and hour with its coverage;
// and what the audit makes of it — including nothing at all when those metrics fail.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const LOOKBACK_HOURS = 24 * 7;
const GIB = 1024 ** 3;

// Prediction prices in us-central1, per hour.
const PRICE = {
  n1Core: 0.036354,
  n1Ram: 0.004876,
  g2Core: 0.028622,
  g2Ram: 0.003353,
  l4: 0.644241,
  t4: 0.4025,
};

const sku = (skuId: string, description: string, unit: string, unitPrice: number, meter: object) => ({
  skuId,
  serviceId: 'C7E2-9256-1C43',
  description: `Vertex AI: Online/Batch Prediction ${description} running in Americas`,
  resourceGroup: 'component' in meter && meter.component === 'gpu' ? 'GPU' : 'CPU',
  usageUnit: unit,
  unitPrice,
  regions: ['us-central1'],
  meter: { workload: 'prediction' as const, ...meter } as never,
});

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod', number: '482913370541' }, { id: 'ml-lab' }],
  catalog: {
    services: [{ serviceId: 'C7E2-9256-1C43', displayName: 'Vertex AI' }],
    skus: [
      sku('CC00-0000-0001', 'N1 Predefined Instance Core', 'h', PRICE.n1Core, {
        component: 'core',
        family: 'n1',
      }),
      sku('CC00-0000-0002', 'N1 Predefined Instance Ram', 'GiBy.h', PRICE.n1Ram, {
        component: 'ram',
        family: 'n1',
      }),
      sku('CC00-0000-0003', 'G2 Instance Core', 'h', PRICE.g2Core, { component: 'core', family: 'g2' }),
      sku('CC00-0000-0004', 'G2 Instance Ram', 'GiBy.h', PRICE.g2Ram, { component: 'ram', family: 'g2' }),
      sku('CC00-0000-0005', 'Nvidia L4 GPU', 'h', PRICE.l4, { component: 'gpu', accelerator: 'NVIDIA_L4' }),
      sku('CC00-0000-0006', 'Nvidia Tesla T4 GPU', 'h', PRICE.t4, {
        component: 'gpu',
        accelerator: 'NVIDIA_TESLA_T4',
      }),
    ],
  },
  endpoints: [
    {
      id: '90',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'vision',
      labels: { team: 'vision' },
      deployedModels: [
        {
          id: '901',
          displayName: 'tagger-l4',
          deployedHoursAgo: 400,
          machineType: 'g2-standard-24',
          acceleratorType: 'NVIDIA_L4',
          acceleratorCount: 2,
          minReplicas: 1,
          maxReplicas: 2,
          traffic: { pattern: 'constant', perHour: 2400 },
          noise: 0,
          utilization: {
            acceleratorDutyCycle: 0.05,
            acceleratorMemoryGib: 6,
            cpuUtilization: 0.08,
            memoryGib: 10,
          },
        },
      ],
    },
    {
      id: '91',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'ranker',
      deployedModels: [
        {
          id: '911',
          displayName: 'ranker-cpu',
          deployedHoursAgo: 400,
          machineType: 'n1-standard-4',
          traffic: { pattern: 'constant', perHour: 900 },
          noise: 0,
        },
      ],
    },
    {
      id: '92',
      project: 'ml-lab',
      region: 'us-central1',
      displayName: 'lab',
      deployedModels: [
        {
          id: '921',
          displayName: 'lab-cpu',
          deployedHoursAgo: 400,
          machineType: 'n1-standard-4',
          traffic: { pattern: 'constant', perHour: 10 },
          noise: 0,
        },
      ],
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

const UTILIZATION_TYPES = [
  'prediction/online/accelerator/duty_cycle',
  'prediction/online/accelerator/memory/bytes_used',
  'prediction/online/cpu/utilization',
  'prediction/online/memory/bytes_used',
];

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
const audit = () => runAudit({ store, config, clock: fixedClock(NOW), log: silentLog });
const rows = <T>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).all(...params) as T[];

function metricOf(query: string | undefined): string {
  const filter = new URLSearchParams(query ?? '').get('filter') ?? '';
  return /metric\.type\s*=\s*"aiplatform\.googleapis\.com\/([^"]+)"/.exec(filter)?.[1] ?? filter;
}

describe('resource use of deployed models, from Monitoring', () => {
  it('is asked once per metric, hourly and grouped per deployed model, of the project with accelerator deployments only', async () => {
    expect((await pass()).ok).toBe(true);
    const queries = (await harness.requests()).filter((r) => r.path.endsWith('/timeSeries'));
    const perProject = (project: string) =>
      queries.filter((q) => q.path === `/v3/projects/${project}/timeSeries`).map((q) => metricOf(q.query));
    expect(perProject('ml-prod').sort()).toEqual(
      ['prediction/online/prediction_count', 'prediction/online/replicas', ...UTILIZATION_TYPES].sort(),
    );
    expect(perProject('ml-lab').sort()).toEqual([
      'prediction/online/prediction_count',
      'prediction/online/replicas',
    ]);

    const duty = new URLSearchParams(
      queries.find((q) => metricOf(q.query) === 'prediction/online/accelerator/duty_cycle')?.query ?? '',
    );
    expect(duty.get('aggregation.alignmentPeriod')).toBe('3600s');
    expect(duty.getAll('aggregation.groupByFields').sort()).toEqual([
      'metric.labels.deployed_model_id',
      'resource.labels.endpoint_id',
      'resource.labels.location',
    ]);
  });

  it('stores each hour’s use per deployed model, with the span each metric covers', async () => {
    await pass();
    const byModel = rows<{
      id: string;
      hours: number;
      duty: number | null;
      accelerator: number | null;
      cpu: number | null;
      memory: number | null;
    }>(
      `SELECT deployed_model_id AS id, count(*) AS hours, max(accelerator_duty_cycle) AS duty,
              max(accelerator_memory_bytes) AS accelerator, max(cpu_utilization) AS cpu, max(memory_bytes) AS memory
         FROM utilization_hourly GROUP BY deployed_model_id ORDER BY deployed_model_id`,
    );
    expect(byModel).toEqual([
      // The scenario's levels at its constant traffic, every hour of the lookback.
      { id: '901', hours: LOOKBACK_HOURS, duty: 0.05, accelerator: 6 * GIB, cpu: 0.08, memory: 10 * GIB },
      // A CPU model of the same project: CPU and memory (the simulator's defaults: 30 %, 40 % of 15 GiB), no duty cycle.
      { id: '911', hours: LOOKBACK_HOURS, duty: null, accelerator: null, cpu: 0.3, memory: 0.4 * 15 * GIB },
    ]);
    expect(
      rows(
        `SELECT metric, covered_from AS "from", covered_to AS "to", last_error AS error FROM telemetry_coverage
          WHERE project = 'ml-prod' AND metric NOT IN ('prediction_count', 'replicas') ORDER BY metric`,
      ),
    ).toEqual(
      ['accelerator_duty_cycle', 'accelerator_memory_bytes', 'cpu_utilization', 'memory_bytes'].map(
        (metric) => ({
          metric,
          from: new Date(NOW.getTime() - LOOKBACK_HOURS * 3_600_000).toISOString(),
          to: NOW.toISOString(),
          error: null,
        }),
      ),
    );
    // A second pass over unchanged data writes nothing.
    expect((await pass()).totals.rowsWritten).toBe(0);
  });

  it('lets the audit recommend one T4 on a 4-vCPU machine for the quiet L4s, with the saving from catalog prices', async () => {
    await pass();
    const findings = audit().findings.filter((f) => f.rule === 'underused-accelerator');
    expect(findings.map((f) => f.title)).toEqual(['Under-used accelerator: tagger-l4 on vision']);
    const [finding] = findings;
    const now = 24 * PRICE.g2Core + 96 * PRICE.g2Ram + 2 * PRICE.l4;
    const then = 4 * PRICE.n1Core + 15 * PRICE.n1Ram + PRICE.t4;
    expect(finding?.impactPerDay).toBeCloseTo((now - then) * 24, 9);
    expect(finding?.evidence.recommendation?.change).toBe(
      'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4',
    );
    expect(finding?.suggestedAction).toBeNull();
    const [{ model } = { model: '' }] = rows<{ model: string }>(
      `SELECT model FROM deployed_models WHERE deployed_model_id = '901'`,
    );
    expect(finding?.evidence.recommendation?.commands).toEqual([
      [
        'gcloud ai endpoints deploy-model 90 \\',
        '    --project=ml-prod --region=us-central1 \\',
        `    --model=${model} --display-name=tagger-l4-n1-standard-4 \\`,
        '    --machine-type=n1-standard-4 --accelerator=type=nvidia-tesla-t4,count=1 \\',
        '    --min-replica-count=1 --max-replica-count=2 \\',
        '    --traffic-split=0=100',
      ].join('\n'),
      [
        'gcloud ai endpoints undeploy-model 90 \\',
        '    --project=ml-prod --region=us-central1 \\',
        '    --deployed-model-id=901',
      ].join('\n'),
    ]);
  });

  it('with the utilization metrics failing: the Monitoring scope fails, each error is recorded, and nothing is called under-used', async () => {
    await harness.setFaults({
      rules: [
        { path: '/timeSeries$', query: '(duty_cycle|bytes_used|cpu/utilization)', code: 503, count: 100 },
      ],
    });
    const result = await pass();
    expect(result.scopes.find((s) => s.scope === 'monitoring ml-prod')?.ok).toBe(false);
    expect(result.scopes.find((s) => s.scope === 'monitoring ml-lab')?.ok).toBe(true);
    expect(
      rows(`SELECT metric FROM telemetry_coverage WHERE last_error IS NOT NULL ORDER BY metric`),
    ).toEqual([
      { metric: 'accelerator_duty_cycle' },
      { metric: 'accelerator_memory_bytes' },
      { metric: 'cpu_utilization' },
      { metric: 'memory_bytes' },
    ]);
    // Traffic was read; the resource use was not, and missing telemetry is never "under-used".
    expect(rows(`SELECT count(*) AS n FROM traffic_hourly WHERE deployed_model_id = '901'`)).toEqual([
      { n: LOOKBACK_HOURS },
    ]);
    const result2 = audit();
    expect(result2.findings.filter((f) => f.rule === 'underused-accelerator')).toEqual([]);
    expect(result2.unknown).toEqual([
      expect.objectContaining({
        rule: 'underused-accelerator',
        resource: expect.stringContaining('/deployedModels/901'),
        why: expect.stringContaining('accelerator_duty_cycle for ml-prod failed'),
      }),
    ]);
  });
});

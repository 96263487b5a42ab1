// Vertex AI on a reservation and on Flex-start, billed as Google bills them: the VMs as Compute Engine SKUs
// (on-demand rates for reserved capacity, Dynamic Workload Scheduler rates for Flex-start) labelled
// goog-vertex-ai-product, plus Vertex AI's management fee. Sync must bring those rows in under the right kind and
// price the resources with the same SKUs. Expected figures are plain arithmetic over the scenario's prices and
// SQL over the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';
import { NOW, VERTEX_SERVICE_ID } from '../sim/fixtures.js';

const COMPUTE_SERVICE_ID = '6F81-5844-456A';
const REGIONS = ['us-central1'];
type Meter = NonNullable<NonNullable<NonNullable<ScenarioInput['catalog']>['skus']>[number]['meter']>;
const vertex = (skuId: string, description: string, unitPrice: number, meter: Meter, unit = 'h') => ({
  skuId,
  serviceId: VERTEX_SERVICE_ID,
  description,
  resourceGroup: meter.component.includes('gpu') ? 'GPU' : meter.component.includes('ram') ? 'RAM' : 'CPU',
  usageUnit: unit,
  unitPrice,
  regions: REGIONS,
  meter,
});
const compute = (skuId: string, description: string, unitPrice: number, meter: Meter, unit = 'h') => ({
  ...vertex(skuId, description, unitPrice, meter, unit),
  serviceId: COMPUTE_SERVICE_ID,
});

// Prices: Compute Engine's on-demand N1 and T4 plus the fee are Vertex AI's on-demand prices.
const P = {
  ceN1Core: 0.031611,
  ceN1Ram: 0.004237,
  ceT4: 0.35,
  dwsA2Core: 0.0158,
  dwsA2Ram: 0.0021185,
  dwsA100: 1.47,
  feeCore: 0.0047417,
  feeRam: 0.00063555,
  feeT4: 0.0525,
  feeA100: 0.44,
};

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod', number: '111122223333' }],
  endpoints: [
    {
      id: '100',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'reserved-serving',
      labels: { team: 'serving' },
      deployedModels: [
        {
          id: '1001',
          displayName: 'ranker-reserved',
          deployedHoursAgo: 96,
          machineType: 'n1-standard-4',
          minReplicas: 1,
          reservation: 'projects/ml-prod/zones/us-central1-a/reservations/n1-serving',
          traffic: { pattern: 'constant', perHour: 100 },
          noise: 0,
        },
      ],
    },
  ],
  jobs: [
    {
      kind: 'custom',
      id: '501',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'reserved-train',
      labels: { team: 'reserved' },
      machineType: 'n1-standard-4',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
      reservation: 'projects/ml-prod/zones/us-central1-a/reservations/t4-pool',
      startedHoursAgo: 96,
    },
    {
      kind: 'custom',
      id: '502',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'flex-train',
      labels: { team: 'flex' },
      machineType: 'a2-highgpu-1g',
      flexStart: true,
      startedHoursAgo: 96,
    },
  ],
  catalog: {
    services: [
      { serviceId: VERTEX_SERVICE_ID, displayName: 'Vertex AI' },
      { serviceId: COMPUTE_SERVICE_ID, displayName: 'Compute Engine' },
    ],
    skus: [
      vertex(
        'AB10-0002-0001',
        'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
        P.ceN1Core + P.feeCore,
        { workload: 'training', component: 'core', family: 'n1' },
      ),
      vertex(
        'AB10-0002-0002',
        'Vertex AI: Training/Pipelines on N1 Predefined Instance Ram running in Americas',
        P.ceN1Ram + P.feeRam,
        { workload: 'training', component: 'ram', family: 'n1' },
        'GiBy.h',
      ),
      vertex(
        'AB10-0002-0003',
        'Vertex AI: Training/Pipelines on Nvidia Tesla T4 GPU running in Americas',
        P.ceT4 + P.feeT4,
        { workload: 'training', component: 'gpu', accelerator: 'NVIDIA_TESLA_T4' },
      ),
      vertex(
        'AB10-0002-0011',
        'Vertex AI: Training/Pipelines Management fee on N1 Instance Core in Americas',
        P.feeCore,
        { workload: 'training', component: 'fee_core', family: 'n1' },
      ),
      vertex(
        'AB10-0002-0012',
        'Vertex AI: Training/Pipelines Management fee on N1 Instance RAM in Americas',
        P.feeRam,
        { workload: 'training', component: 'fee_ram', family: 'n1' },
        'GiBy.h',
      ),
      vertex(
        'AB10-0002-0013',
        'Vertex AI: Training/Pipelines Management fee on Nvidia Tesla T4 GPU in Americas',
        P.feeT4,
        { workload: 'training', component: 'fee_gpu', accelerator: 'NVIDIA_TESLA_T4' },
      ),
      vertex(
        'AB10-0002-0021',
        'Vertex AI: Training/Pipelines Management fee on A2 Instance Core in Americas',
        P.feeCore,
        { workload: 'training', component: 'fee_core', family: 'a2' },
      ),
      vertex(
        'AB10-0002-0022',
        'Vertex AI: Training/Pipelines Management fee on A2 Instance RAM in Americas',
        P.feeRam,
        { workload: 'training', component: 'fee_ram', family: 'a2' },
        'GiBy.h',
      ),
      vertex(
        'AB10-0002-0023',
        'Vertex AI: Training/Pipelines Management fee on Nvidia Tesla A100 GPU in Americas',
        P.feeA100,
        { workload: 'training', component: 'fee_gpu', accelerator: 'NVIDIA_TESLA_A100' },
      ),
      vertex(
        'AB10-0001-0001',
        'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Americas',
        P.ceN1Core + P.feeCore,
        { workload: 'prediction', component: 'core', family: 'n1' },
      ),
      vertex(
        'AB10-0001-0002',
        'Vertex AI: Online/Batch Prediction N1 Predefined Instance Ram running in Americas',
        P.ceN1Ram + P.feeRam,
        { workload: 'prediction', component: 'ram', family: 'n1' },
        'GiBy.h',
      ),
      vertex(
        'AB10-0001-0011',
        'Vertex AI: Online/Batch Prediction Management fee on N1 Instance Core in Americas',
        P.feeCore,
        { workload: 'prediction', component: 'fee_core', family: 'n1' },
      ),
      vertex(
        'AB10-0001-0012',
        'Vertex AI: Online/Batch Prediction Management fee on N1 Instance RAM in Americas',
        P.feeRam,
        { workload: 'prediction', component: 'fee_ram', family: 'n1' },
        'GiBy.h',
      ),
      compute('AB30-0001-0001', 'N1 Predefined Instance Core running in Americas', P.ceN1Core, {
        component: 'core',
        family: 'n1',
      }),
      compute(
        'AB30-0001-0002',
        'N1 Predefined Instance Ram running in Americas',
        P.ceN1Ram,
        { component: 'ram', family: 'n1' },
        'GiBy.h',
      ),
      compute('AB30-0001-0003', 'Nvidia Tesla T4 GPU running in Americas', P.ceT4, {
        component: 'gpu',
        accelerator: 'NVIDIA_TESLA_T4',
      }),
      compute('AB30-0002-0001', 'DWS Defined Duration A2 Instance Core running in Americas', P.dwsA2Core, {
        component: 'core',
        family: 'a2',
        dws: true,
      }),
      compute(
        'AB30-0002-0002',
        'DWS Defined Duration A2 Instance Ram running in Americas',
        P.dwsA2Ram,
        { component: 'ram', family: 'a2', dws: true },
        'GiBy.h',
      ),
      compute(
        'AB30-0002-0003',
        'Nvidia Tesla A100 GPU attached to DWS Defined Duration VMs running in Americas',
        P.dwsA100,
        { component: 'gpu', accelerator: 'NVIDIA_TESLA_A100', dws: true },
      ),
    ],
  },
  billing: { days: 10, noise: 0, creditFraction: 0 },
};

// n1-standard-4: 4 vCPUs, 15 GiB; a2-highgpu-1g: 12 vCPUs, 85 GiB and one A100.
const RESERVED_TRAIN = 4 * (P.ceN1Core + P.feeCore) + 15 * (P.ceN1Ram + P.feeRam) + P.ceT4 + P.feeT4;
const FLEX_TRAIN = 12 * (P.dwsA2Core + P.feeCore) + 85 * (P.dwsA2Ram + P.feeRam) + P.dwsA100 + P.feeA100;
const RESERVED_SERVING = 4 * (P.ceN1Core + P.feeCore) + 15 * (P.ceN1Ram + P.feeRam);
// A whole day the export holds (actual through it at NOW, 2025-03-12 10:00).
const DAY = '2025-03-10';

const config = testConfig({
  projects: [{ id: 'ml-prod', regions: ['us-central1'] }],
  billingExport: { table: 'billing-admin.billing_export.gcp_billing_export_v1_X', initialDays: 10 },
});

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, config);
  store = openStore(':memory:');
  const result = await runSyncPass({ store, gcp, config, clock: fixedClock(NOW), log: silentLog });
  expect(result.scopes.filter((s) => !s.ok).map((s) => s.error)).toEqual([]);
});
afterAll(async () => {
  store?.close();
  await gcp?.close();
  await harness?.close();
});

const billed = (team: string) =>
  store.sqlite
    .prepare(
      `SELECT service, sku_description AS sku, kind, SUM(cost) AS cost FROM billing_daily
        WHERE day = ? AND json_extract(labels, '$.team') = ? GROUP BY service, sku_description, kind`,
    )
    .all(DAY, team) as Array<{ service: string; sku: string; kind: string; cost: number }>;
const stored = (table: 'jobs' | 'deployed_models', where: string) =>
  store.sqlite
    .prepare(`SELECT hourly_price AS price, unpriced_reason AS reason FROM ${table} WHERE ${where}`)
    .get() as {
    price: number | null;
    reason: string | null;
  };

describe('a training job on a reservation', () => {
  it('is billed as Compute Engine on-demand SKUs plus the training management fee', () => {
    const rows = billed('reserved');
    expect(
      rows
        .filter((r) => r.service === 'Compute Engine')
        .map((r) => r.sku)
        .sort(),
    ).toEqual([
      'N1 Predefined Instance Core running in Americas',
      'N1 Predefined Instance Ram running in Americas',
      'Nvidia Tesla T4 GPU running in Americas',
    ]);
    expect(rows.filter((r) => r.sku.includes('Management fee')).length).toBe(3);
    expect(rows.every((r) => r.kind === 'training')).toBe(true);
    const total = rows.reduce((sum, r) => sum + r.cost, 0);
    expect(total).toBeCloseTo(24 * RESERVED_TRAIN, 4);
  });

  it('is priced with the same SKUs', () => {
    expect(stored('jobs', "display_name = 'reserved-train'").price).toBeCloseTo(RESERVED_TRAIN, 9);
  });
});

describe('a training job on Flex-start', () => {
  it('is billed as Dynamic Workload Scheduler SKUs plus the training management fee', () => {
    const rows = billed('flex');
    expect(
      rows
        .filter((r) => r.service === 'Compute Engine')
        .map((r) => r.sku)
        .sort(),
    ).toEqual([
      'DWS Defined Duration A2 Instance Core running in Americas',
      'DWS Defined Duration A2 Instance Ram running in Americas',
      'Nvidia Tesla A100 GPU attached to DWS Defined Duration VMs running in Americas',
    ]);
    expect(rows.every((r) => r.kind === 'training')).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.cost, 0)).toBeCloseTo(24 * FLEX_TRAIN, 4);
  });

  it('is priced at those rates, not at on-demand ones', () => {
    expect(stored('jobs', "display_name = 'flex-train'").price).toBeCloseTo(FLEX_TRAIN, 9);
  });
});

describe('a deployed model on a reservation', () => {
  it('is billed as Compute Engine SKUs labelled for online prediction plus the prediction fee', () => {
    const rows = billed('serving');
    expect(rows.filter((r) => r.service === 'Compute Engine').length).toBe(2);
    expect(rows.every((r) => r.kind === 'prediction')).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.cost, 0)).toBeCloseTo(24 * RESERVED_SERVING, 4);
    expect(stored('deployed_models', "deployed_model_id = '1001'").price).toBeCloseTo(RESERVED_SERVING, 9);
  });
});

describe('answers', () => {
  it('estimate each resource at what the export billed for it', async () => {
    const answer = toAskJson(
      await askQuestion({ store, config, clock: fixedClock(NOW) }, 'spend on 2025-03-10 by job'),
    ) as { rows: Array<{ key: string; cost: number }> };
    const byJob = new Map(answer.rows.map((r) => [r.key, r.cost]));
    const sumOf = (team: string) => billed(team).reduce((sum, r) => sum + r.cost, 0);
    expect(byJob.get('reserved-train')).toBeCloseTo(sumOf('reserved'), 2);
    expect(byJob.get('flex-train')).toBeCloseTo(sumOf('flex'), 2);
  });
});

import { describe, expect, it } from 'vitest';
import type { VertexJob, WorkerPool } from '../../src/gcp/types.js';
import { PriceBook } from '../../src/pricing/priceBook.js';
import {
  deployedModelHourlyBurn,
  jobCostSoFar,
  priceDeployedModel,
  priceJob,
  pricePersistentResource,
  priceResourcePool,
  SHARED_POOL_REASON,
} from '../../src/pricing/resourcePrices.js';
import { CATALOG } from './catalogFixture.js';

const book = new PriceBook(CATALOG, 'catalog 2026-11-28');
const N1_STANDARD_4_TRAINING = 4 * (0.031611 + 0.0047417) + 15 * (0.004237 + 0.00063555);
const T4_TRAINING = 0.35 + 0.0525;

const pool = (
  machineType: string,
  replicaCount: number,
  acceleratorType: string | null = null,
  acceleratorCount = 0,
): WorkerPool => ({
  machine: { machineType, acceleratorType, acceleratorCount },
  replicaCount,
});

const job = (
  over: Partial<VertexJob>,
): Pick<VertexJob, 'kind' | 'region' | 'provisioning' | 'workerPools' | 'backingJobName'> => ({
  kind: 'custom',
  region: 'us-central1',
  provisioning: 'on-demand',
  workerPools: [pool('n1-standard-4', 1)],
  backingJobName: null,
  ...over,
});

describe('priceJob', () => {
  it.each<[string, Partial<VertexJob>, number]>([
    ['one replica', {}, N1_STANDARD_4_TRAINING],
    ['replicas multiply', { workerPools: [pool('n1-standard-4', 3)] }, 3 * N1_STANDARD_4_TRAINING],
    [
      'worker pools add up',
      { workerPools: [pool('n1-standard-4', 1, 'NVIDIA_TESLA_T4', 1), pool('n1-standard-4', 2)] },
      N1_STANDARD_4_TRAINING + T4_TRAINING + 2 * N1_STANDARD_4_TRAINING,
    ],
    [
      'tuning jobs are training',
      { kind: 'hptuning', workerPools: [pool('n1-standard-4', 4)] },
      4 * N1_STANDARD_4_TRAINING,
    ],
    [
      'batch prediction uses prediction SKUs',
      { kind: 'batch_prediction', workerPools: [pool('n1-standard-4', 2)] },
      2 * (4 * 0.036354 + 15 * 0.004876),
    ],
  ])('%s', (_label, over, expected) => {
    const estimate = priceJob(book, job(over));
    expect(estimate.hourlyPrice).toBeCloseTo(expected, 9);
    expect(estimate).toMatchObject({ unpricedReason: null, priceSource: 'catalog 2026-11-28' });
  });

  it.each<[string, Partial<VertexJob>, RegExp]>([
    ['pipeline runs', { kind: 'pipeline', workerPools: [] }, /billed per step/],
    [
      'AutoML without machines',
      { kind: 'training_pipeline', workerPools: [] },
      /does not say which machines/,
    ],
    [
      'pipelines that started a custom job',
      { kind: 'training_pipeline', backingJobName: 'projects/p/locations/r/customJobs/1' },
      /billed as its custom job projects\/p/,
    ],
    [
      'a GPU with no SKU in the region',
      { region: 'asia-northeast1', workerPools: [pool('n1-standard-4', 1, 'NVIDIA_TESLA_A100', 1)] },
      /no catalog SKU for N1 vCPU in asia-northeast1 \(training\)/,
    ],
  ])('%s are unpriced with a reason', (_label, over, reason) => {
    const estimate = priceJob(book, job(over));
    expect(estimate.hourlyPrice).toBeNull();
    expect(estimate.unpricedReason).toMatch(reason);
    expect(estimate.priceSource).toBeNull();
  });
});

describe('priceDeployedModel', () => {
  it('prices one replica of a dedicated model; the burn is that times the minimum replicas', () => {
    const estimate = priceDeployedModel(
      book,
      {
        dedicated: true,
        provisioning: 'on-demand',
        machine: { machineType: 'n1-standard-4', acceleratorType: null, acceleratorCount: 0 },
      },
      'us-central1',
    );
    expect(estimate.hourlyPrice).toBeCloseTo(4 * 0.036354 + 15 * 0.004876, 9);
    expect(deployedModelHourlyBurn(estimate.hourlyPrice, 3)).toBeCloseTo(
      3 * (4 * 0.036354 + 15 * 0.004876),
      9,
    );
    expect(deployedModelHourlyBurn(null, 3)).toBeNull();
  });

  it('leaves automatic resources unpriced', () => {
    const estimate = priceDeployedModel(
      book,
      {
        dedicated: false,
        provisioning: 'on-demand',
        machine: { machineType: null, acceleratorType: null, acceleratorCount: 0 },
      },
      'us-central1',
    );
    expect(estimate).toEqual({
      hourlyPrice: null,
      unpricedReason: 'automatic or shared resources: Vertex AI chooses the machines',
      priceSource: null,
    });
  });
});

describe('pricePersistentResource', () => {
  const resourcePool = (
    machineType: string,
    replicaCount: number,
    acceleratorType: string | null = null,
    acceleratorCount = 0,
  ) => ({
    id: machineType,
    machine: { machineType, acceleratorType, acceleratorCount },
    replicaCount,
    usedReplicaCount: 0,
    autoscaling: null,
  });

  it('prices every machine of every pool with training SKUs, whether jobs use them or not', () => {
    const estimate = pricePersistentResource(book, {
      region: 'us-central1',
      pools: [resourcePool('n1-standard-4', 2), resourcePool('n1-standard-4', 1, 'NVIDIA_TESLA_T4', 1)],
    });
    expect(estimate.hourlyPrice).toBeCloseTo(3 * N1_STANDARD_4_TRAINING + T4_TRAINING, 9);
    expect(estimate.priceSource).toBe('catalog 2026-11-28');
  });

  it.each([
    ['no pools', [], /lists no resource pools/],
    [
      'a machine without SKUs in the region',
      [resourcePool('n1-standard-4', 1, 'NVIDIA_TESLA_A100', 1)],
      /no catalog SKU for N1 vCPU in asia-northeast1 \(training\)/,
    ],
  ])('%s: unpriced with the reason, never $0', (_label, pools, reason) => {
    const estimate = pricePersistentResource(book, { region: 'asia-northeast1', pools });
    expect(estimate.hourlyPrice).toBeNull();
    expect(estimate.unpricedReason).toMatch(reason);
  });
});

describe('priceResourcePool', () => {
  const pool = (spot: boolean, region = 'us-central1') => ({
    region,
    spot,
    machine: { machineType: 'n1-standard-4', acceleratorType: null, acceleratorCount: 0 },
  });

  it('prices one replica of the pool with prediction SKUs', () => {
    expect(priceResourcePool(book, pool(false)).hourlyPrice).toBeCloseTo(4 * 0.036354 + 15 * 0.004876, 9);
  });

  it('leaves a pool unpriced when its machine has no SKU (here Spot G2)', () => {
    const g2 = {
      ...pool(true),
      machine: { machineType: 'g2-standard-8', acceleratorType: null, acceleratorCount: 0 },
    };
    expect(priceResourcePool(book, g2)).toEqual({
      hourlyPrice: null,
      unpricedReason: 'no catalog SKU for Spot G2 vCPU in us-central1 (prediction)',
      priceSource: null,
    });
  });

  it('models on a pool are not priced per model: the pool is', () => {
    const estimate = priceDeployedModel(
      book,
      {
        dedicated: false,
        provisioning: 'on-demand',
        machine: { machineType: null, acceleratorType: null, acceleratorCount: 0 },
        sharedResources: 'projects/p/locations/us-central1/deploymentResourcePools/shared-t4',
      },
      'us-central1',
    );
    expect(estimate.hourlyPrice).toBeNull();
    expect(estimate.unpricedReason).toBe(
      `${SHARED_POOL_REASON} projects/p/locations/us-central1/deploymentResourcePools/shared-t4`,
    );
  });
});

describe('jobCostSoFar', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each<[string, { startTime: string | null; endTime: string | null }, number | null, number | null]>([
    ['running for 10 h', { startTime: '2026-11-28T02:00:00Z', endTime: null }, 2, 20],
    ['finished after 90 min', { startTime: '2026-11-27T00:00:00Z', endTime: '2026-11-27T01:30:00Z' }, 4, 6],
    ['not started', { startTime: null, endTime: null }, 2, null],
    ['unpriced', { startTime: '2026-11-28T02:00:00Z', endTime: null }, null, null],
  ])('%s', (_label, times, price, expected) => {
    const cost = jobCostSoFar(times, price, now);
    if (expected === null) expect(cost).toBeNull();
    else expect(cost).toBeCloseTo(expected, 9);
  });
});

// A small scenario and client options shared by the simulator tests. The clients are the real Google
// libraries, configured the way burnrate configures them for a plain-HTTP endpoint.

import { BigQuery } from '@google-cloud/bigquery';
import { googleAuthLibrary } from 'google-gax';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/sim/scenario.js';
import { type RunningSimulator, startSimulator } from '../../src/sim/server.js';

/** Fixed start time so expectations about days and hours are stable. A Wednesday, on the hour. */
export const NOW = new Date('2025-03-12T10:00:00Z');

export const VERTEX_SERVICE_ID = 'C7E2-9256-1C43';

export const SKU = {
  predictionCore: 'AB10-0001-0001',
  predictionRam: 'AB10-0001-0002',
  predictionT4: 'AB10-0001-0003',
  trainingCore: 'AB10-0002-0001',
  trainingRam: 'AB10-0002-0002',
  trainingFeeCore: 'AB10-0002-0003',
  trainingFeeRam: 'AB10-0002-0004',
  spotCore: 'AB30-0001-0001',
  spotRam: 'AB30-0001-0002',
  storage: 'AB20-0001-0001',
} as const;

export const scenarioInput: ScenarioInput = {
  projects: [{ id: 'ml-prod', number: '111122223333' }, { id: 'ml-research' }],
  endpoints: [
    {
      id: '100',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'search-ranker',
      labels: { team: 'search', env: 'prod' },
      deployedModels: [
        {
          id: '1001',
          displayName: 'ranker-v7',
          deployedHoursAgo: 72,
          machineType: 'n1-standard-4',
          minReplicas: 2,
          maxReplicas: 4,
          traffic: { pattern: 'constant', perHour: 1200 },
          noise: 0,
        },
      ],
    },
    {
      id: '200',
      project: 'ml-prod',
      region: 'europe-west4',
      displayName: 'fraud-scorer',
      labels: { team: 'fraud' },
      deployedModels: [
        {
          id: '2001',
          displayName: 'fraud-gpu',
          deployedHoursAgo: 48,
          machineType: 'n1-standard-8',
          acceleratorType: 'NVIDIA_TESLA_T4',
          acceleratorCount: 1,
          minReplicas: 1,
          traffic: { pattern: 'idle', perHourBefore: 500, idleSinceHoursAgo: 24 },
          noise: 0,
        },
        {
          id: '2002',
          displayName: 'fraud-auto',
          deployedHoursAgo: 10,
          resources: 'automatic',
          minReplicas: 1,
          maxReplicas: 3,
          traffic: { pattern: 'bursty', busyPerHour: 900, busyHoursUtc: [8, 9] },
          noise: 0,
        },
      ],
    },
    {
      id: '300',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'recs',
      deployedModels: [],
    },
  ],
  jobs: [
    {
      kind: 'custom',
      id: '501',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'runaway-a100',
      labels: { team: 'recsys', 'expected-hours': '6' },
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
      startedHoursAgo: 40,
    },
    {
      kind: 'custom',
      id: '502',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'finished-cpu',
      labels: { team: 'search' },
      machineType: 'n1-standard-4',
      replicaCount: 3,
      startedHoursAgo: 30,
      durationHours: 5,
      timeoutHours: 24,
    },
    {
      kind: 'custom',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'nightly',
      machineType: 'n1-standard-4',
      spot: true,
      startedHoursAgo: 20,
      durationHours: 2,
      repeat: { count: 5, everyHours: 24 },
    },
    {
      kind: 'hptuning',
      id: '601',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'tune-ranker',
      machineType: 'n1-standard-4',
      parallelTrials: 3,
      startedHoursAgo: 3,
    },
    {
      kind: 'batch_prediction',
      id: '701',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'score-all',
      machineType: 'n1-standard-4',
      replicaCount: 2,
      replicaUtilization: 0.75,
      startedHoursAgo: 12,
      durationHours: 1,
      finalState: 'FAILED',
    },
    {
      kind: 'training_pipeline',
      id: '801',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'train-pipeline',
      machineType: 'n1-standard-4',
      startedHoursAgo: 2,
    },
    {
      kind: 'pipeline',
      id: '901',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'feature-pipeline',
      machineType: 'n1-standard-4',
      startedHoursAgo: 50,
      durationHours: 1,
    },
  ],
  catalog: {
    conversionRates: { EUR: 0.92 },
    services: [
      { serviceId: VERTEX_SERVICE_ID, displayName: 'Vertex AI' },
      { serviceId: '95FF-2EF5-5EA1', displayName: 'Cloud Storage' },
      { serviceId: '6F81-5844-456A', displayName: 'Compute Engine' },
    ],
    skus: [
      sku(
        SKU.predictionCore,
        'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Americas',
        0.0379,
        {
          workload: 'prediction',
          component: 'core',
          family: 'n1',
        },
      ),
      sku(
        SKU.predictionRam,
        'Vertex AI: Online/Batch Prediction N1 Predefined Instance Ram running in Americas',
        0.0051,
        {
          workload: 'prediction',
          component: 'ram',
          family: 'n1',
        },
        'GiBy.h',
      ),
      sku(
        SKU.predictionT4,
        'Vertex AI: Online/Batch Prediction Nvidia Tesla T4 GPU running in Americas',
        0.4025,
        {
          workload: 'prediction',
          component: 'gpu',
          accelerator: 'NVIDIA_TESLA_T4',
        },
      ),
      sku(
        SKU.trainingCore,
        'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
        0.031611,
        {
          workload: 'training',
          component: 'core',
          family: 'n1',
        },
      ),
      sku(
        SKU.trainingRam,
        'Vertex AI: Training/Pipelines on N1 Predefined Instance Ram running in Americas',
        0.004237,
        {
          workload: 'training',
          component: 'ram',
          family: 'n1',
        },
        'GiBy.h',
      ),
      sku(
        SKU.trainingFeeCore,
        'Vertex AI: Training/Pipelines Management fee on N1 Instance Core in Americas',
        0.0047417,
        {
          workload: 'training',
          component: 'fee_core',
          family: 'n1',
        },
      ),
      sku(
        SKU.trainingFeeRam,
        'Vertex AI: Training/Pipelines Management fee on N1 Instance RAM in Americas',
        0.00063555,
        {
          workload: 'training',
          component: 'fee_ram',
          family: 'n1',
        },
        'GiBy.h',
      ),
      // Compute Engine's Spot SKUs: what Spot VMs under Vertex AI are billed as.
      {
        skuId: SKU.spotCore,
        serviceId: '6F81-5844-456A',
        description: 'Spot Preemptible N1 Predefined Instance Core running in Americas',
        resourceGroup: 'N1Standard',
        usageType: 'Preemptible',
        unitPrice: 0.00698,
        regions: ['us-central1', 'europe-west4'],
        meter: { component: 'core', family: 'n1', spot: true },
      },
      {
        skuId: SKU.spotRam,
        serviceId: '6F81-5844-456A',
        description: 'Spot Preemptible N1 Predefined Instance Ram running in Americas',
        resourceGroup: 'RAM',
        usageType: 'Preemptible',
        usageUnit: 'GiBy.h',
        unitPrice: 0.000936,
        regions: ['us-central1', 'europe-west4'],
        meter: { component: 'ram', family: 'n1', spot: true },
      },
      {
        skuId: SKU.storage,
        serviceId: '95FF-2EF5-5EA1',
        description: 'Standard Storage US Multi-region',
        resourceFamily: 'Storage',
        resourceGroup: 'MultiRegionalStorage',
        usageUnit: 'GiBy.mo',
        unitPrice: 0.026,
        regions: ['us'],
      },
    ],
  },
  billing: {
    days: 10,
    noise: 0,
    weekendFactor: 0.5,
    creditFraction: 0.1,
    streams: [
      {
        project: 'ml-prod',
        location: 'us-central1',
        skuId: SKU.trainingCore,
        dailyCost: 100,
        labels: { team: 'search', env: 'prod' },
      },
      {
        project: 'ml-research',
        location: 'us-central1',
        skuId: SKU.predictionCore,
        dailyCost: 40,
        labels: {},
      },
      { project: 'ml-prod', location: 'us', skuId: SKU.storage, dailyCost: 5, labels: { team: 'search' } },
    ],
    lateCredits: [
      {
        daysAgo: 8,
        project: 'ml-prod',
        location: 'us-central1',
        skuId: SKU.trainingCore,
        labels: { team: 'search', env: 'prod' },
        amount: 30,
        arrivesInHours: 2,
      },
    ],
    spikes: [
      {
        daysAgo: 3,
        project: 'ml-research',
        location: 'us-central1',
        skuId: SKU.trainingCore,
        cost: 900,
        labels: { team: 'ads', 'expected-hours': '6' },
      },
    ],
  },
};

function sku(
  skuId: string,
  description: string,
  unitPrice: number,
  meter: NonNullable<ScenarioInput['catalog']>['skus'] extends (infer S)[] | undefined
    ? S extends { meter?: infer M }
      ? M
      : never
    : never,
  usageUnit = 'h',
) {
  return {
    skuId,
    serviceId: VERTEX_SERVICE_ID,
    description,
    resourceGroup: description.includes('GPU')
      ? 'GPU'
      : description.includes('Ram') || description.includes('RAM')
        ? 'RAM'
        : 'CPU',
    usageUnit,
    unitPrice,
    regions: ['us-central1', 'europe-west4'],
    meter,
  };
}

export const testScenario: Scenario = parseScenario(scenarioInput, 'test scenario');

export async function startTestSimulator(
  overrides: { cancelDelayMs?: number } = {},
): Promise<RunningSimulator> {
  return startSimulator({ scenario: testScenario, now: NOW, ...overrides });
}

/** Options for every gax-based client (Vertex AI, Catalog, Monitoring) against a plain-HTTP endpoint. */
export function gaxOptions(sim: RunningSimulator) {
  return {
    apiEndpoint: '127.0.0.1',
    port: sim.port,
    protocol: 'http',
    fallback: true as const,
    authClient: new googleAuthLibrary.PassThroughClient(),
  };
}

export function bigQueryClient(sim: RunningSimulator, options: { autoRetry?: boolean } = {}): BigQuery {
  return new BigQuery({
    projectId: 'billing-admin',
    apiEndpoint: sim.url,
    authClient: new googleAuthLibrary.PassThroughClient() as never,
    autoRetry: options.autoRetry ?? false,
  });
}

/**
 * With the PassThroughClient recipe, gax clients surface HTTP errors as GaxiosError: `status` is the HTTP code
 * and `message` is Google's JSON error body. This reads both so tests can assert on Google's status name.
 */
export async function googleErrorOf(
  call: Promise<unknown>,
): Promise<{ httpStatus: number; status: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const { status, message } = error as { status?: number; message?: string };
    const body = JSON.parse(message ?? '{}') as { error?: { status?: string; message?: string } };
    return {
      httpStatus: Number(status),
      status: body.error?.status ?? '',
      message: body.error?.message ?? '',
    };
  }
  throw new Error('expected the call to fail');
}

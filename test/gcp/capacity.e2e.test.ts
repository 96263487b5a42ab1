// Persistent resources and deployment resource pools on the real wire: the simulator serves scenario entries in
// Google's v1 shapes (int64 counts as strings), the adapters read them into typed results, and a deployed model
// on a shared pool names it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const PARENT = 'projects/ml-prod/locations/us-central1';

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod' }],
  persistentResources: [
    {
      id: 'ray-cluster',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'ray training cluster',
      labels: { team: 'recsys' },
      createdHoursAgo: 100,
      resourcePools: [
        {
          id: 'head',
          machineType: 'n1-standard-8',
          replicaCount: 1,
        },
        {
          id: 'workers',
          machineType: 'a2-highgpu-1g',
          acceleratorType: 'NVIDIA_TESLA_A100',
          acceleratorCount: 1,
          replicaCount: 2,
          usedReplicaCount: 1,
          autoscaling: { minReplicas: 2, maxReplicas: 4 },
        },
      ],
    },
    {
      id: 'new-cluster',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'still provisioning',
      createdHoursAgo: 0,
      state: 'PROVISIONING',
      resourcePools: [{ id: 'pool', machineType: 'n1-standard-4' }],
    },
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
  ],
  endpoints: [
    {
      id: '700',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'co-hosted',
      deployedModels: [
        {
          id: '701',
          displayName: 'small-model',
          deployedHoursAgo: 40,
          deploymentResourcePool: 'shared-t4',
          traffic: { pattern: 'constant', perHour: 10 },
        },
      ],
    },
  ],
};

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, testConfig(), { pageSize: 1 });
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});

describe('capacity outside jobs and endpoints', () => {
  it('lists persistent resources across pages with their pools, states and times', async () => {
    const resources = await gcp.capacity.listPersistentResources('ml-prod', 'us-central1');
    expect(resources).toEqual([
      {
        name: `${PARENT}/persistentResources/ray-cluster`,
        project: 'ml-prod',
        region: 'us-central1',
        displayName: 'ray training cluster',
        state: 'RUNNING',
        labels: { team: 'recsys' },
        createTime: '2026-11-22T08:00:00.000Z',
        startTime: '2026-11-22T08:10:00.000Z',
        updateTime: '2026-11-22T08:10:00.000Z',
        pools: [
          {
            id: 'head',
            machine: { machineType: 'n1-standard-8', acceleratorType: null, acceleratorCount: 0 },
            replicaCount: 1,
            usedReplicaCount: 0,
            autoscaling: null,
          },
          {
            id: 'workers',
            machine: {
              machineType: 'a2-highgpu-1g',
              acceleratorType: 'NVIDIA_TESLA_A100',
              acceleratorCount: 1,
            },
            replicaCount: 2,
            usedReplicaCount: 1,
            autoscaling: { minReplicas: 2, maxReplicas: 4 },
          },
        ],
      },
      expect.objectContaining({ displayName: 'still provisioning', state: 'PROVISIONING', startTime: null }),
    ]);
    const pages = (await harness.requests()).filter((r) => r.path.endsWith('/persistentResources'));
    expect(pages).toHaveLength(2);
  });

  it('sends int64 counts as strings, as Google does', async () => {
    const answer = (await (await fetch(`${harness.url}/v1/${PARENT}/persistentResources`)).json()) as {
      persistentResources: Array<{ resourcePools: Array<Record<string, unknown>> }>;
    };
    expect(answer.persistentResources[0]?.resourcePools[1]).toMatchObject({
      replicaCount: '2',
      usedReplicaCount: '1',
      autoscalingSpec: { minReplicaCount: '2', maxReplicaCount: '4' },
    });
  });

  it('lists deployment resource pools, and the model on one names it', async () => {
    expect(await gcp.capacity.listDeploymentResourcePools('ml-prod', 'us-central1')).toEqual([
      {
        name: `${PARENT}/deploymentResourcePools/shared-t4`,
        project: 'ml-prod',
        region: 'us-central1',
        machine: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 },
        minReplicas: 2,
        maxReplicas: 3,
        spot: false,
        createTime: '2026-11-24T10:00:00.000Z',
      },
    ]);
    const [endpoint] = await gcp.vertex.listEndpoints('ml-prod', 'us-central1');
    expect(endpoint?.deployedModels[0]).toMatchObject({
      deployedModelId: '701',
      dedicated: false,
      sharedResources: `${PARENT}/deploymentResourcePools/shared-t4`,
    });
    expect(await gcp.capacity.listDeploymentResourcePools('ml-prod', 'europe-west4')).toEqual([]);
  });

  it('refuses a model naming a pool the scenario does not have', async () => {
    const { parseScenario } = await import('../../src/sim/scenario.js');
    const broken = structuredClone(scenario);
    const model = broken.endpoints?.[0]?.deployedModels?.[0];
    if (model) model.deploymentResourcePool = 'nope';
    expect(() => parseScenario(broken, 's.yaml')).toThrow(
      's.yaml: endpoints.0.deployedModels.0.deploymentResourcePool: expected the id of a deploymentResourcePools entry in ml-prod us-central1, found "nope"',
    );
  });
});

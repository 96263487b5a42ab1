// Google's rule for undeploying a model that has traffic, on the real wire: the request without a traffic split
// (what burnrate used to send) is refused with FAILED_PRECONDITION; the one carrying the proportional split
// goes through and the endpoint's split becomes the one sent.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gcp, GcpError, trafficSplitWithout } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const ENDPOINT = 'projects/ml-prod/locations/us-central1/endpoints/500';

const model = (id: string, displayName: string, trafficPercent: number) => ({
  id,
  displayName,
  deployedHoursAgo: 200,
  machineType: 'n1-standard-4',
  traffic: { pattern: 'constant' as const, perHour: 100 },
  trafficPercent,
});

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod' }],
  endpoints: [
    {
      id: '500',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'ranker',
      deployedModels: [model('51', 'ranker-v1', 60), model('52', 'ranker-v2', 30), model('53', 'canary', 10)],
    },
    {
      id: '600',
      project: 'ml-prod',
      region: 'us-central1',
      displayName: 'solo',
      deployedModels: [model('61', 'solo-v1', 100)],
    },
  ],
};

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, testConfig({ retry: { attempts: 3, baseDelayMs: 1, timeoutMs: 5000 } }));
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});
beforeEach(async () => {
  await harness.reset();
});

describe('undeploying a model that has a traffic share', () => {
  it('reads the split Google reports', async () => {
    expect((await gcp.vertex.getEndpoint(ENDPOINT))?.trafficSplit).toEqual({ '51': 60, '52': 30, '53': 10 });
  });

  it('is refused without a traffic split, and nothing changes', async () => {
    const refused = await gcp.vertex.undeployModel(ENDPOINT, '53', 10_000).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(GcpError);
    expect(refused).toMatchObject({ httpStatus: 400, grpcStatus: 'FAILED_PRECONDITION', kind: 'invalid' });
    expect((refused as GcpError).detail).toContain('53');
    const after = await gcp.vertex.getEndpoint(ENDPOINT);
    expect(after?.deployedModels.map((m) => m.deployedModelId)).toEqual(['51', '52', '53']);
    expect(after?.trafficSplit).toEqual({ '51': 60, '52': 30, '53': 10 });
  });

  it('succeeds with the proportional split, which becomes the endpoint’s', async () => {
    const before = await gcp.vertex.getEndpoint(ENDPOINT);
    const split = trafficSplitWithout(before?.trafficSplit ?? {}, '53');
    // 10% spread over 60/30: 66.67 → 67, 33.33 → 33.
    expect(split).toEqual({ '51': 67, '52': 33 });
    const outcome = await gcp.vertex.undeployModel(ENDPOINT, '53', 10_000, split);
    expect(outcome).toMatchObject({ status: 'succeeded', done: true });
    const after = await gcp.vertex.getEndpoint(ENDPOINT);
    expect(after?.deployedModels.map((m) => m.deployedModelId)).toEqual(['51', '52']);
    expect(after?.trafficSplit).toEqual({ '51': 67, '52': 33 });

    const sent = (await harness.requests()).filter((r) => r.path.endsWith(':undeployModel'));
    expect(sent.map((r) => r.status)).toEqual([200]);
  });

  it('is refused when the split still gives the model traffic or names a model that is not there', async () => {
    await expect(
      gcp.vertex.undeployModel(ENDPOINT, '53', 10_000, { '51': 60, '52': 30, '53': 10 }),
    ).rejects.toMatchObject({ grpcStatus: 'FAILED_PRECONDITION' });
    await expect(
      gcp.vertex.undeployModel(ENDPOINT, '53', 10_000, { '51': 50, '99': 50 }),
    ).rejects.toMatchObject({ grpcStatus: 'INVALID_ARGUMENT', detail: expect.stringContaining('99') });
    await expect(
      gcp.vertex.undeployModel(ENDPOINT, '53', 10_000, { '51': 50, '52': 40 }),
    ).rejects.toMatchObject({ grpcStatus: 'INVALID_ARGUMENT' });
  });

  it('needs no split for the last model on an endpoint, which is left with none', async () => {
    const solo = 'projects/ml-prod/locations/us-central1/endpoints/600';
    const split = trafficSplitWithout({ '61': 100 }, '61');
    expect(split).toEqual({});
    expect(await gcp.vertex.undeployModel(solo, '61', 10_000, split)).toMatchObject({ status: 'succeeded' });
    expect(await gcp.vertex.getEndpoint(solo)).toMatchObject({ deployedModels: [], trafficSplit: {} });
  });
});

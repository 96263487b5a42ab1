// Endpoint kinds on the real wire: which fields say how an endpoint is reached, which metric sees its traffic,
// and private services access endpoints read from prediction/online/private/response_count.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gcp } from '../../src/gcp/index.js';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const NOW = new Date('2026-11-26T12:00:00Z');

const endpoint = (id: string, access: 'public' | 'dedicated' | 'private' | 'psc', perHour: number) => ({
  id,
  project: 'ml-prod',
  region: 'us-central1',
  displayName: `${access}-endpoint`,
  access,
  deployedModels: [
    {
      id: `${id}1`,
      displayName: `${access}-model`,
      deployedHoursAgo: 48,
      machineType: 'n1-standard-4',
      traffic: { pattern: 'constant' as const, perHour },
      noise: 0,
    },
  ],
});

const scenario: ScenarioInput = {
  projects: [{ id: 'ml-prod', number: '482913370541' }],
  endpoints: [
    endpoint('10', 'public', 100),
    endpoint('20', 'dedicated', 200),
    endpoint('30', 'private', 300),
    endpoint('40', 'psc', 400),
  ],
};

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, testConfig());
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});

describe('endpoint kinds', () => {
  it('reads the kind and the metric that sees each endpoint’s traffic', async () => {
    const endpoints = await gcp.vertex.listEndpoints('ml-prod', 'us-central1');
    const byId = Object.fromEntries(
      endpoints.map((e) => [
        e.name.split('/').pop(),
        { kind: e.kind, trafficVisibility: e.trafficVisibility },
      ]),
    );
    expect(byId).toEqual({
      '10': { kind: 'shared-public', trafficVisibility: 'prediction_count' },
      '20': { kind: 'dedicated-public', trafficVisibility: 'unknown' },
      '30': { kind: 'private-service-access', trafficVisibility: 'private_response_count' },
      '40': { kind: 'private-service-connect', trafficVisibility: 'unknown' },
    });
  });

  it('finds private traffic in private/response_count and not in prediction_count', async () => {
    const window = {
      project: 'ml-prod',
      from: new Date('2026-11-26T09:00:00Z'),
      to: new Date('2026-11-26T12:00:00Z'),
    };
    const predictions = await gcp.monitoring.hourlyTraffic({ ...window, metric: 'prediction_count' });
    expect([...new Set(predictions.points.map((p) => p.endpointId))].sort()).toEqual(['10', '20', '40']);
    const responses = await gcp.monitoring.hourlyPrivateResponses(window);
    expect([...responses.points].sort((a, b) => a.hour.localeCompare(b.hour))).toEqual(
      ['09', '10', '11'].map((hour) => ({
        endpointId: '30',
        location: 'us-central1',
        deployedModelId: '301',
        hour: `2026-11-26T${hour}:00:00.000Z`,
        value: 300,
      })),
    );
    const queries = (await harness.requests()).filter((r) => r.path.endsWith('/timeSeries'));
    expect(queries).toHaveLength(2);
    expect(decodeURIComponent(queries[1]?.query ?? '')).toContain('prediction/online/private/response_count');
  });
});

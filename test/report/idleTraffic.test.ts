// The traffic fallback for idle endpoints (the digest before any audit, and "which endpoints are idle?" over a
// period) counts only endpoints whose requests prediction_count counts: a dedicated or Private Service Connect
// endpoint reports no traffic anyone can rely on, and a private one counts in another metric.

import { afterEach, describe, expect, it } from 'vitest';
import { deploymentsWithoutPredictions } from '../../src/db/queries/trafficDaily.js';
import { idleEndpointCost } from '../../src/report/idle.js';
import { weekRange } from '../../src/report/period.js';
import { insertDeployedModel, insertTraffic, type TempStore, tempStore } from './support/seed.js';

const WEEK = weekRange('2026-W47');
const FROM = '2026-11-16T00:00:00Z';
const TO = '2026-11-23T00:00:00Z';
const endpoint = (id: string) => `projects/p/locations/us-central1/endpoints/${id}`;

let t: TempStore;
afterEach(() => t?.dispose());

function seed() {
  t = tempStore();
  for (const [id, price] of [
    ['public', 2],
    ['dedicated', 5],
    ['private', 7],
  ] as const) {
    insertDeployedModel(t.store, { endpoint: endpoint(id), hourlyPrice: price });
    // No prediction in any hour (a private endpoint's prediction_count is empty; replicas are still measured).
    insertTraffic(t.store, endpoint(id), FROM, TO, () => 0, 'dm1', 1);
  }
  const setKind = t.store.sqlite.prepare(
    'UPDATE endpoints SET kind = ?, traffic_visibility = ? WHERE name = ?',
  );
  setKind.run('dedicated-public', 'unknown', endpoint('dedicated'));
  setKind.run('private-service-access', 'private_response_count', endpoint('private'));
  t.store.sqlite
    .prepare('UPDATE traffic_hourly SET predictions = NULL WHERE endpoint_name = ?')
    .run(endpoint('private'));
}

describe('idle endpoints from traffic data', () => {
  it('the digest counts only the endpoint whose predictions prediction_count counts', () => {
    seed();
    if (!WEEK) throw new Error('bad week');
    const idle = idleEndpointCost(t.store, WEEK, 'UTC', { projects: [], labels: {} }, []);
    expect(idle.source).toBe('traffic');
    expect(idle.endpoints.map((e) => e.cost)).toEqual([7 * 24 * 2]);
    // Every hour of the week at $2/h.
    expect(idle.cost).toBeCloseTo(7 * 24 * 2, 6);
  });

  it('the idle answer’s deployments leave out endpoints whose traffic that metric does not see', () => {
    seed();
    expect(deploymentsWithoutPredictions(t.store, FROM, TO).map((r) => r.endpoint)).toEqual(['public']);
  });
});

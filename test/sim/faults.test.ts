import { CloudCatalogClient } from '@google-cloud/billing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { bigQueryClient, gaxOptions, googleErrorOf, startTestSimulator } from './fixtures.js';

let sim: RunningSimulator;
let catalog: CloudCatalogClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  catalog = new CloudCatalogClient(gaxOptions(sim));
});

afterAll(async () => {
  await catalog.close();
  await sim.close();
});

beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

async function putFaults(document: unknown): Promise<Response> {
  return fetch(`${sim.url}/_sim/faults`, { method: 'PUT', body: JSON.stringify(document) });
}

describe('fault injection', () => {
  it('answers 429 RESOURCE_EXHAUSTED to a gax client for the first N matching calls only', async () => {
    expect(
      (await putFaults({ rules: [{ method: 'GET', path: '/skus$', code: 429, count: 1 }] })).status,
    ).toBe(200);
    const parent = 'services/C7E2-9256-1C43';
    const error = await googleErrorOf(catalog.listSkus({ parent }));
    expect(error).toMatchObject({ httpStatus: 429, status: 'RESOURCE_EXHAUSTED' });
    const [skus] = await catalog.listSkus({ parent });
    expect(skus.length).toBeGreaterThan(0);
    const statuses = ((await (await fetch(`${sim.url}/_sim/requests`)).json()) as { status: number }[]).map(
      (r) => r.status,
    );
    expect(statuses).toEqual([429, 200]);
  });

  it('answers 503 UNAVAILABLE to the Catalog client and 503 backendError to BigQuery', async () => {
    await putFaults({ rules: [{ code: 503 }] });
    expect(await googleErrorOf(catalog.listServices({}))).toMatchObject({
      httpStatus: 503,
      status: 'UNAVAILABLE',
    });
    await expect(bigQueryClient(sim).query({ query: 'SELECT 1' })).rejects.toMatchObject({
      code: 503,
      errors: [expect.objectContaining({ reason: 'backendError' })],
    });
    await putFaults({ rules: [] });
    const [services] = await catalog.listServices({});
    expect(services.length).toBe(3);
  });

  it('matches a rule on the query string, e.g. one Monitoring metric', async () => {
    await putFaults({ rules: [{ path: '/timeSeries$', query: 'duty_cycle', code: 503 }] });
    const ask = (metric: string) =>
      fetch(
        `${sim.url}/v3/projects/ml-prod/timeSeries?${new URLSearchParams({
          filter: `metric.type = "aiplatform.googleapis.com/prediction/online/${metric}"`,
          'interval.endTime': '2025-03-12T10:00:00Z',
        })}`,
      );
    expect((await ask('accelerator/duty_cycle')).status).toBe(503);
    expect((await ask('prediction_count')).status).toBe(200);
  });

  it('draws the same failures again for the same seed', async () => {
    const draw = async () => {
      await putFaults({ rules: [{ path: '^/v1/services$', code: 500, errorRate: 0.5, seed: 42 }] });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++)
        statuses.push((await fetch(`${sim.url}/v1/services`)).status);
      return statuses;
    };
    const first = await draw();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await draw()).toEqual(first);
  });

  it('adds latency and can hang past the client deadline', async () => {
    await putFaults({ rules: [{ path: '^/v1/services$', latencyMs: 150 }] });
    const started = Date.now();
    expect((await fetch(`${sim.url}/v1/services`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await putFaults({ rules: [{ path: '^/v1/services$', code: 'timeout' }] });
    await expect(fetch(`${sim.url}/v1/services`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it('rejects an invalid faults document naming the key path', async () => {
    const response = await putFaults({ rules: [{ code: 418 }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('rules.0.code');
    expect((await fetch(`${sim.url}/_sim/faults`)).ok).toBe(true);
  });
});

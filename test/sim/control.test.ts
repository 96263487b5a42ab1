import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { NOW, startTestSimulator } from './fixtures.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator();
});

afterAll(async () => {
  await sim.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('simulator control paths', () => {
  it('logs Google calls (not control calls) oldest first, with query strings', async () => {
    await call('POST', '/_sim/reset');
    await call('GET', '/v1/services?pageSize=1');
    await call('GET', '/v1/projects/ml-prod/locations/us-central1/customJobs/404404');
    await call('GET', '/_sim/clock');
    const log = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as Record<string, unknown>[];
    expect(log.map(({ method, path, status, query }) => ({ method, path, status, query }))).toEqual([
      { method: 'GET', path: '/v1/services', status: 200, query: 'pageSize=1' },
      {
        method: 'GET',
        path: '/v1/projects/ml-prod/locations/us-central1/customJobs/404404',
        status: 404,
        query: '',
      },
    ]);
    expect(typeof log[0]?.time).toBe('string');
  });

  it('answers unknown paths with a Google-shaped 404', async () => {
    const { status, json } = await call('GET', '/v1/nothing/here');
    expect(status).toBe(404);
    expect(json).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('advances and resets the clock', async () => {
    await call('POST', '/_sim/reset');
    expect((await call('GET', '/_sim/clock')).json.now).toBe(NOW.toISOString());
    const advanced = await call('POST', '/_sim/advance', { hours: 1.5 });
    expect(advanced.json.now).toBe('2025-03-12T11:30:00.000Z');
    expect((await call('POST', '/_sim/advance', { hours: -1 })).status).toBe(400);
    await call('POST', '/_sim/reset');
    expect((await call('GET', '/_sim/clock')).json.now).toBe(NOW.toISOString());
    expect((await (await fetch(`${sim.url}/_sim/requests`)).json()) as unknown[]).toEqual([]);
  });

  it('moves running jobs on as time advances', async () => {
    await call('POST', '/_sim/reset');
    const job = '/v1/projects/ml-prod/locations/us-central1/hyperparameterTuningJobs/601';
    expect((await call('GET', job)).json.state).toBe('JOB_STATE_RUNNING');
    // No timeout set: the 7-day service default ends the job.
    await call('POST', '/_sim/advance', { hours: 7 * 24 });
    const after = await call('GET', job);
    expect(after.json.state).toBe('JOB_STATE_FAILED');
    expect(after.json.error).toMatchObject({ code: 4 });
  });

  it('restores undeployed models on reset', async () => {
    await call('POST', '/_sim/reset');
    const endpoint = '/v1/projects/ml-prod/locations/europe-west4/endpoints/200';
    await call('POST', `${endpoint}:undeployModel`, {
      deployedModelId: '2002',
      trafficSplit: { '2001': 100 },
    });
    expect(((await call('GET', endpoint)).json.deployedModels as unknown[]).length).toBe(1);
    await call('POST', '/_sim/reset');
    expect(((await call('GET', endpoint)).json.deployedModels as unknown[]).length).toBe(2);
  });

  it('validates traffic overrides', async () => {
    const endpoint = 'projects/ml-prod/locations/us-central1/endpoints/100';
    expect(
      (await call('POST', '/_sim/traffic', { endpoint, deployedModelId: '1001', predictionsPerHour: 5 }))
        .status,
    ).toBe(200);
    expect(
      (await call('POST', '/_sim/traffic', { endpoint, deployedModelId: '9', predictionsPerHour: 5 })).status,
    ).toBe(404);
    expect(
      (
        await call('POST', '/_sim/traffic', {
          endpoint: 'bad',
          deployedModelId: '1001',
          predictionsPerHour: 5,
        })
      ).status,
    ).toBe(400);
  });
});

// Quota errors carry google.rpc.RetryInfo: the wait Google asks for replaces our own backoff.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayOf } from '../../src/gcp/errors.js';
import { createGcp, GcpError } from '../../src/gcp/index.js';
import { withRetry } from '../../src/gcp/retry.js';
import { NOW, scenario } from './scenario.js';
import { type SimHarness, silentLog, startHarness, testConfig } from './simHarness.js';

const quota = (retryDelayMs: number | null) =>
  new GcpError({
    kind: 'quota',
    method: 'JobService.ListCustomJobs',
    resource: 'projects/p/locations/us-central1',
    httpStatus: 429,
    grpcCode: 8,
    permission: null,
    detail: 'Quota exceeded.',
    retryDelayMs,
  });

describe('retryDelayOf', () => {
  it.each([
    [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' }, 2500],
    [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' }, 30_000],
    [{ retryDelay: { seconds: '1', nanos: 500_000_000 } }, 1500],
    [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }, null],
    [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: 'soon' }, null],
    ['text', null],
  ])('%j → %s', (detail, expected) => {
    expect(retryDelayOf(detail)).toBe(expected);
  });
});

describe('withRetry', () => {
  const policy = { attempts: 3, baseDelayMs: 100 };

  async function delaysFor(errors: GcpError[]): Promise<{ delays: number[]; result: unknown }> {
    const delays: number[] = [];
    let call = 0;
    const result = await withRetry(
      async () => {
        const error = errors[call++];
        if (error) throw error;
        return 'ok';
      },
      policy,
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
    ).catch((err: unknown) => err);
    return { delays, result };
  }

  it('waits as long as Google asks', async () => {
    expect(await delaysFor([quota(2500), quota(7000)])).toEqual({ delays: [2500, 7000], result: 'ok' });
  });

  it('falls back to jittered backoff without RetryInfo: 0.5 × 100, then 0.5 × 200', async () => {
    expect(await delaysFor([quota(null), quota(null)])).toEqual({ delays: [50, 100], result: 'ok' });
  });

  it('reports at once when Google asks for more than a minute', async () => {
    const { delays, result } = await delaysFor([quota(120_000)]);
    expect(delays).toEqual([]);
    expect(result).toMatchObject({ kind: 'quota', retryDelayMs: 120_000 });
  });
});

describe('RESOURCE_EXHAUSTED with RetryInfo on the real wire', () => {
  let harness: SimHarness;
  beforeAll(async () => {
    harness = await startHarness(scenario, NOW);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('reads the delay from the error and waits it before the retry that succeeds', async () => {
    await harness.reset();
    await harness.setFaults({
      rules: [{ path: '/endpoints$', code: 429, retryDelaySeconds: 2.5, count: 1 }],
    });
    const slept: number[] = [];
    const gcp = createGcp({
      env: { gcpEndpoint: harness.url },
      config: testConfig({ retry: { attempts: 3, baseDelayMs: 1, timeoutMs: 5000 } }),
      log: silentLog,
      sleep: async (ms) => void slept.push(ms),
      random: () => 0.5,
    });
    try {
      const endpoints = await gcp.vertex.listEndpoints('ml-prod', 'us-central1');
      expect(endpoints.length).toBeGreaterThan(0);
      expect(slept).toEqual([2500]);
      const statuses = (await harness.requests())
        .filter((r) => r.path.endsWith('/endpoints'))
        .map((r) => r.status);
      expect(statuses).toEqual([429, 200]);
    } finally {
      await gcp.close();
    }
  });

  it('exposes the delay on the error when the retries run out', async () => {
    await harness.reset();
    await harness.setFaults({ rules: [{ path: '/customJobs/11$', code: 429, retryDelaySeconds: 90 }] });
    const gcp = createGcp({
      env: { gcpEndpoint: harness.url },
      config: testConfig({ retry: { attempts: 3, baseDelayMs: 1, timeoutMs: 5000 } }),
      log: silentLog,
      sleep: async () => {},
      random: () => 0.5,
    });
    try {
      await expect(
        gcp.vertex.getJob('projects/ml-prod/locations/us-central1/customJobs/11'),
      ).rejects.toMatchObject({
        kind: 'quota',
        grpcStatus: 'RESOURCE_EXHAUSTED',
        retryDelayMs: 90_000,
      });
      // 90 s is more than a pass should wait: one request, no retry.
      expect((await harness.requests()).filter((r) => r.path.endsWith('/customJobs/11'))).toHaveLength(1);
    } finally {
      await gcp.close();
    }
  });
});

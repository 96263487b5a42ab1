// A cheap job sync on the real wire: Google's list filters narrow each list server-side and pipeline jobs are
// read with a read mask. Expected jobs are worked out from the scenario by hand.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gcp } from '../../src/gcp/index.js';
import { NOW, scenario } from './scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

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

const SIX_HOURS_AGO = new Date(NOW.getTime() - 6 * 3_600_000).toISOString();

describe('listJobs with criteria', () => {
  it('lists what changed since a watermark: new or still running jobs, pipeline jobs updated since', async () => {
    await harness.reset();
    const jobs = await gcp.vertex.listJobs('ml-prod', 'us-central1', { changedSince: SIX_HOURS_AGO });
    // "done" finished 38 h ago and was created 40 h ago: neither new nor active. Every other job is running.
    expect(jobs.map((job) => job.displayName).sort()).toEqual(
      ['features', 'scoring', 'spot-sweep', 'tabular', 'train-a100', 'tune'].sort(),
    );
    const features = jobs.find((job) => job.kind === 'pipeline');
    expect(features).toMatchObject({ state: 'RUNNING', updateTime: '2026-11-26T11:00:00.000Z' });

    const lists = (await harness.requests()).filter(
      (r) => r.method === 'GET' && /\/(customJobs|pipelineJobs)$/.test(r.path),
    );
    const custom = new URLSearchParams(lists.find((r) => r.path.endsWith('/customJobs'))?.query);
    expect(custom.get('filter')).toContain(`create_time>"${SIX_HOURS_AGO}"`);
    const pipeline = new URLSearchParams(lists.find((r) => r.path.endsWith('/pipelineJobs'))?.query);
    expect(pipeline.get('filter')).toBe(`update_time>"${SIX_HOURS_AGO}"`);
    expect(pipeline.getAll('readMask').join(',').split(',').sort()).toEqual([
      'createTime',
      'displayName',
      'endTime',
      'labels',
      'name',
      'startTime',
      'state',
      'updateTime',
    ]);
  });

  it('lists jobs in given states only', async () => {
    const jobs = await gcp.vertex.listJobs('ml-prod', 'us-central1', { states: ['SUCCEEDED'] });
    expect(jobs.map((job) => [job.kind, job.displayName])).toEqual([['custom', 'done']]);
  });

  it('gets pipeline jobs without the fields the mask leaves out', async () => {
    await harness.reset();
    await gcp.vertex.listJobs('ml-prod', 'us-central1');
    const sent = (await harness.requests()).find((r) => r.path.endsWith('/pipelineJobs'));
    const answer = (await (await fetch(`${harness.url}${sent?.path}?${sent?.query}`)).json()) as {
      pipelineJobs: Array<Record<string, unknown>>;
    };
    expect(Object.keys(answer.pipelineJobs[0] ?? {}).sort()).toEqual([
      'createTime',
      'displayName',
      'name',
      'startTime',
      'state',
      'updateTime',
    ]);
  });
});

// The simulator answers the requests Google answered in the recordings, and each answer must have the recorded
// shape: the same fields (where the simulator models them) with the same JSON types and encodings. A scenario
// recreates the recorded resources so the answers are comparable.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/sim/scenario.js';
import { type SimHarness, startHarness } from '../gcp/simHarness.js';
import { loadRecording, recordedStatus } from './replayServer.js';
import { shapeDifferences } from './wireShape.js';

const NOW = new Date('2026-07-08T22:30:00Z');
const PROJECT = 'cloud-custodian';
const JOB_ID = '6868698075574042624';
const JOB_PATH = `/v1/projects/${PROJECT}/locations/us-central1/customJobs/${JOB_ID}`;
const jobFile = (suffix: string) =>
  `vertexai_custom_job_cancel_and_delete/${suffix.replace('{job}', `v1-projects-cloud-custodian-locations-us-central1-customJobs-${JOB_ID}`)}`;

const scenario: ScenarioInput = {
  projects: [{ id: PROJECT }],
  endpoints: [
    {
      id: 'c7n-endpoint-default-7509',
      project: PROJECT,
      region: 'us-central1',
      displayName: 'c7n-endpoint-default-7509',
      labels: { 'goog-terraform-provisioned': 'true' },
      deployedModels: [
        {
          id: '5509121152913506304',
          displayName: 'c7n-metrics-deploy-0632360e',
          model: '7686677543444807680',
          deployedHoursAgo: 24,
          machineType: 'n1-standard-2',
          minReplicas: 1,
          maxReplicas: 1,
          traffic: { pattern: 'constant', perHour: 1 },
          noise: 0,
        },
      ],
    },
    {
      id: 'c7n-endpoint-central',
      project: PROJECT,
      region: 'us-central1',
      displayName: 'c7n-endpoint-central',
      labels: { 'goog-terraform-provisioned': 'true' },
    },
    {
      id: 'c7n-endpoint-east',
      project: PROJECT,
      region: 'us-east1',
      displayName: 'c7n-endpoint-east',
      labels: { 'goog-terraform-provisioned': 'true' },
    },
  ],
  jobs: [
    {
      kind: 'custom',
      id: JOB_ID,
      project: PROJECT,
      region: 'us-central1',
      displayName: 'c7n-test-custom-job-default-9b09-lifecycle',
      machineType: 'n1-standard-4',
      startedHoursAgo: 1,
    },
  ],
};

// The recorded job ran `sleep 120` in a stock image; the simulator names an image and no command.
const JOB_NOT_MODELLED = ['command', 'args'].map(
  (field) => `jobSpec.workerPoolSpecs[].containerSpec.${field}`,
);
const ENDPOINT_MAPS = ['labels', 'trafficSplit'];

let harness: SimHarness;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
});
afterAll(async () => {
  await harness.close();
});

async function simulated(method: string, pathAndQuery: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.url}${pathAndQuery}`, { method });
  return { status: response.status, body: await response.json() };
}

function recordedBody(file: string): Record<string, unknown> {
  return loadRecording(file).body as Record<string, unknown>;
}

/** The endpoint named `name` in a list answer. */
function endpointNamed(body: unknown, name: string): unknown {
  return (body as { endpoints?: Array<{ name: string }> }).endpoints?.find((e) => e.name === name);
}

describe('the simulator answers like the recordings', () => {
  it('lists an endpoint with a deployed model like Google', async () => {
    const recorded = recordedBody(
      'vertexai_endpoint_metrics/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_1.json',
    );
    const name = `projects/${PROJECT}/locations/us-central1/endpoints/c7n-endpoint-default-7509`;
    const sim = await simulated('GET', `/v1/projects/${PROJECT}/locations/us-central1/endpoints?alt=json`);
    expect(sim.status).toBe(200);
    const problems = shapeDifferences(endpointNamed(recorded, name), endpointNamed(sim.body, name), {
      maps: ENDPOINT_MAPS,
    });
    expect(problems).toEqual([]);
    expect((endpointNamed(sim.body, name) as { trafficSplit: unknown }).trafficSplit).toEqual({
      '5509121152913506304': 100,
    });
  });

  it('lists endpoints without models like Google, in each region', async () => {
    for (const [region, file, id] of [
      [
        'us-central1',
        'vertexai-endpoint-delete/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_1.json',
        'c7n-endpoint-central',
      ],
      [
        'us-east1',
        'vertexai-endpoint-filtering/get-v1-projects-cloud-custodian-locations-us-east1-endpoints_1.json',
        'c7n-endpoint-east',
      ],
    ] as const) {
      const name = `projects/${PROJECT}/locations/${region}/endpoints/${id}`;
      const sim = await simulated('GET', `/v1/projects/${PROJECT}/locations/${region}/endpoints`);
      const simEndpoint = endpointNamed(sim.body, name) as Record<string, unknown>;
      expect(
        shapeDifferences(endpointNamed(recordedBody(file), name), simEndpoint, { maps: ENDPOINT_MAPS }),
      ).toEqual([]);
      // No models: Google leaves deployedModels and trafficSplit out altogether.
      expect(simEndpoint).not.toHaveProperty('deployedModels');
      expect(simEndpoint).not.toHaveProperty('trafficSplit');
    }
  });

  it('answers an empty list with {}', async () => {
    const recorded = recordedBody(
      'vertexai-endpoint-delete/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_2.json',
    );
    const sim = await simulated('GET', `/v1/projects/${PROJECT}/locations/europe-west4/endpoints`);
    expect(sim.body).toEqual(recorded);
  });

  it('reads, lists, cancels and loses a custom job like Google', async () => {
    const running = await simulated('GET', `${JOB_PATH}?alt=json`);
    expect(
      shapeDifferences(recordedBody(jobFile('get-{job}_1.json')), running.body, {
        notModelled: JOB_NOT_MODELLED,
      }),
    ).toEqual([]);

    const listed = await simulated('GET', `/v1/projects/${PROJECT}/locations/us-central1/customJobs`);
    expect(
      shapeDifferences(
        recordedBody(jobFile('get-v1-projects-cloud-custodian-locations-us-central1-customJobs_1.json')),
        listed.body,
        { notModelled: JOB_NOT_MODELLED.map((path) => `customJobs[].${path}`) },
      ),
    ).toEqual([]);

    const cancel = await simulated('POST', `${JOB_PATH}:cancel`);
    expect(cancel).toEqual({ status: 200, body: recordedBody(jobFile('post-{job}-cancel_1.json')) });

    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelled = await simulated('GET', JOB_PATH);
    const recordedCancelled = recordedBody(jobFile('get-{job}_2.json'));
    expect(shapeDifferences(recordedCancelled, cancelled.body, { notModelled: JOB_NOT_MODELLED })).toEqual(
      [],
    );
    expect(cancelled.body).toMatchObject({ state: 'JOB_STATE_CANCELLED', error: recordedCancelled.error });

    // The simulator has no delete: a job that never existed answers as the deleted one did.
    const gone = loadRecording(jobFile('get-{job}_3.json'));
    const missing = await simulated('GET', `/v1/projects/${PROJECT}/locations/us-central1/customJobs/1`);
    expect(missing).toEqual({ status: recordedStatus(gone), body: gone.body });
  });

  it('answers the recorded Monitoring query like Google', async () => {
    const recording = loadRecording(
      'vertexai_endpoint_metrics/get-v3-projects-cloud-custodian-timeSeries_1.json',
    );
    const url = new URL(recording.headers['content-location'] ?? '');
    const sim = await simulated('GET', `${url.pathname}${url.search}`);
    expect(sim.status).toBe(200);
    expect(shapeDifferences(recording.body, sim.body)).toEqual([]);
    const [series] = (sim.body as { timeSeries: Array<Record<string, { labels: Record<string, string> }>> })
      .timeSeries;
    const [recordedSeries] = (
      recording.body as { timeSeries: Array<Record<string, { labels: Record<string, string> }>> }
    ).timeSeries;
    expect(Object.keys(series?.metric?.labels ?? {}).sort()).toEqual(
      Object.keys(recordedSeries?.metric?.labels ?? {}).sort(),
    );
    expect(Object.keys(series?.resource?.labels ?? {}).sort()).toEqual(
      Object.keys(recordedSeries?.resource?.labels ?? {}).sort(),
    );
  });
});

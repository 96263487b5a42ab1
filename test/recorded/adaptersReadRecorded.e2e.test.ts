// Real recorded Google responses replayed to the real client libraries, read through burnrate's adapters: what
// burnrate makes of Google's own answers (non-numeric endpoint ids, int64 replica counts as strings, int32 as
// numbers, enum names, the traffic split, Monitoring labels and int64 points, the cancel lifecycle).

import { afterEach, describe, expect, it } from 'vitest';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, testConfig } from '../gcp/simHarness.js';
import { type ReplayRoute, type ReplayServer, startReplay } from './replayServer.js';

const PROJECT = 'cloud-custodian';
const V1 = `/v1/projects/${PROJECT}/locations`;
const JOB = `${V1}/us-central1/customJobs/6868698075574042624`;
const CANCEL_DIR = 'vertexai_custom_job_cancel_and_delete';
const CANCEL_FILE = (name: string) =>
  `${CANCEL_DIR}/${name.replace('{job}', 'v1-projects-cloud-custodian-locations-us-central1-customJobs-6868698075574042624')}`;
// An empty list as Google sends it: `{}` (proto3 JSON leaves the empty repeated field out).
const EMPTY_LIST =
  'vertexai-endpoint-delete/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_2.json';

let replay: ReplayServer | null = null;
let gcp: Gcp | null = null;

afterEach(async () => {
  await gcp?.close();
  await replay?.close();
  gcp = null;
  replay = null;
});

async function replaying(routes: ReplayRoute[]): Promise<Gcp> {
  replay = await startReplay(routes);
  gcp = gcpFor(replay.url, testConfig({ retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 5000 } }));
  return gcp;
}

describe('endpoints as Google answers them', () => {
  it('reads a deployed model, its machine, int32 replica counts and the traffic split', async () => {
    const api = await replaying([
      {
        method: 'GET',
        path: `${V1}/us-central1/endpoints`,
        files: [
          'vertexai_endpoint_metrics/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_1.json',
        ],
      },
    ]);
    const [endpoint, ...others] = await api.vertex.listEndpoints(PROJECT, 'us-central1');
    expect(others).toEqual([]);
    expect(endpoint).toEqual({
      // A user-chosen, non-numeric endpoint id.
      name: 'projects/cloud-custodian/locations/us-central1/endpoints/c7n-endpoint-default-7509',
      project: PROJECT,
      region: 'us-central1',
      displayName: 'c7n-endpoint-default-7509',
      labels: { 'goog-terraform-provisioned': 'true' },
      createTime: '2026-07-08T21:36:11.999Z',
      deployedModels: [
        {
          endpointName: 'projects/cloud-custodian/locations/us-central1/endpoints/c7n-endpoint-default-7509',
          deployedModelId: '5509121152913506304',
          model: 'projects/cloud-custodian/locations/us-central1/models/7686677543444807680',
          displayName: 'c7n-metrics-deploy-0632360e',
          dedicated: true,
          machine: { machineType: 'n1-standard-2', acceleratorType: null, acceleratorCount: 0 },
          minReplicas: 1,
          maxReplicas: 1,
          provisioning: 'on-demand',
          createTime: '2026-07-08T21:36:45.225Z',
          sharedResources: null,
        },
      ],
      trafficSplit: { '5509121152913506304': 100 },
      // No network, Private Service Connect or dedicated DNS: a shared public endpoint.
      kind: 'shared-public',
      trafficVisibility: 'prediction_count',
    });
  });

  it('reads endpoints without models, in two regions, and an empty list', async () => {
    const api = await replaying([
      {
        method: 'GET',
        path: `${V1}/us-central1/endpoints`,
        files: [
          'vertexai-endpoint-delete/get-v1-projects-cloud-custodian-locations-us-central1-endpoints_1.json',
          EMPTY_LIST,
        ],
      },
      {
        method: 'GET',
        path: `${V1}/us-east1/endpoints`,
        files: [
          'vertexai-endpoint-multi-location/get-v1-projects-cloud-custodian-locations-us-east1-endpoints_1.json',
        ],
      },
    ]);
    const central = await api.vertex.listEndpoints(PROJECT, 'us-central1');
    expect(central).toEqual([
      {
        name: 'projects/cloud-custodian/locations/us-central1/endpoints/c7n-endpoint-central',
        project: PROJECT,
        region: 'us-central1',
        displayName: 'c7n-endpoint-central',
        labels: { 'goog-terraform-provisioned': 'true' },
        createTime: '2026-02-23T23:20:18.388Z',
        deployedModels: [],
        trafficSplit: {},
        kind: 'shared-public',
        trafficVisibility: 'prediction_count',
      },
    ]);
    const east = await api.vertex.listEndpoints(PROJECT, 'us-east1');
    expect(east.map((e) => [e.name.split('/').pop(), e.region])).toEqual([['c7n-endpoint-east', 'us-east1']]);
    // After the delete, the same list answers {}.
    expect(await api.vertex.listEndpoints(PROJECT, 'us-central1')).toEqual([]);
  });
});

describe('a custom job cancelled, then deleted, as Google answers it', () => {
  it('reads the job, cancels it, sees CANCELLED, and then nothing', async () => {
    const api = await replaying([
      {
        method: 'GET',
        path: JOB,
        files: [1, 2, 3].map((n) => CANCEL_FILE(`get-{job}_${n}.json`)),
      },
      {
        method: 'POST',
        path: `${JOB}:cancel`,
        files: [1, 2].map((n) => CANCEL_FILE(`post-{job}-cancel_${n}.json`)),
      },
    ]);
    const name = JOB.slice(4);
    const queued = await api.vertex.getJob(name);
    expect(queued).toMatchObject({
      name,
      kind: 'custom',
      state: 'QUEUED',
      displayName: 'c7n-test-custom-job-default-9b09-lifecycle',
      machine: { machineType: 'n1-standard-4', acceleratorType: null, acceleratorCount: 0 },
      // replicaCount is int64: "1" on the wire.
      replicaCount: 1,
      workerPools: [{ machine: { machineType: 'n1-standard-4' }, replicaCount: 1 }],
      provisioning: 'on-demand',
      timeoutSeconds: null,
      createTime: '2026-07-08T18:43:36.654Z',
      startTime: '2026-07-08T18:43:36.811Z',
      endTime: null,
    });
    // :cancel answers {} (google.protobuf.Empty).
    expect(await api.vertex.cancelJob(name)).toBe('requested');
    expect(await api.vertex.getJob(name)).toMatchObject({
      state: 'CANCELLED',
      endTime: '2026-07-08T18:43:40.449Z',
    });
    // Deleted: a read answers 404 "The CustomJob does not exist.", and so does a second cancel.
    expect(await api.vertex.getJob(name)).toBeNull();
    expect(await api.vertex.cancelJob(name)).toBe('not-found');
  });

  it('lists the job through the same pages as the sync', async () => {
    const collections = [
      'hyperparameterTuningJobs',
      'batchPredictionJobs',
      'trainingPipelines',
      'pipelineJobs',
    ];
    const api = await replaying([
      {
        method: 'GET',
        path: `${V1}/us-central1/customJobs`,
        files: [CANCEL_FILE('get-v1-projects-cloud-custodian-locations-us-central1-customJobs_2.json')],
      },
      ...collections.map((collection) => ({
        method: 'GET',
        path: `${V1}/us-central1/${collection}`,
        files: [EMPTY_LIST],
      })),
    ]);
    const jobs = await api.vertex.listJobs(PROJECT, 'us-central1');
    expect(jobs.map((job) => [job.kind, job.state, job.replicaCount])).toEqual([['custom', 'CANCELLED', 1]]);
  });
});

describe('Monitoring as Google answers it', () => {
  it('reads endpoint and deployed model from the labels and the int64 point as a number', async () => {
    const api = await replaying([
      {
        method: 'GET',
        path: `/v3/projects/${PROJECT}/timeSeries`,
        files: ['vertexai_endpoint_metrics/get-v3-projects-cloud-custodian-timeSeries_1.json'],
      },
    ]);
    const series = await api.monitoring.hourlyTraffic({
      project: PROJECT,
      metric: 'prediction_count',
      from: new Date('2026-07-07T22:00:00Z'),
      to: new Date('2026-07-08T22:00:00Z'),
    });
    expect(series.points).toEqual([
      {
        endpointId: 'c7n-endpoint-default-7509',
        location: 'us-central1',
        deployedModelId: '5509121152913506304',
        // The point's interval ends at 22:00:25; burnrate names a point by the hour before its end.
        hour: '2026-07-08T21:00:25.000Z',
        value: 2,
      },
    ]);
    const sent = replay?.received.find((r) => r.path.endsWith('/timeSeries'));
    expect(decodeURIComponent(sent?.query ?? '')).toContain(
      'metric.type = "aiplatform.googleapis.com/prediction/online/prediction_count"',
    );
  });
});

// Every file of the recorded set, one row each, replayed on its own to the real client library that makes that
// request: through burnrate's adapters where burnrate makes it, through the generated aiplatform client where it
// does not (creating and deleting jobs and endpoints). Each row's expectation is read from the recording itself
// with plain JSON access, so what is checked is what burnrate (or the client) makes of Google's answer.

import { readdirSync } from 'node:fs';
import { v1 } from '@google-cloud/aiplatform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpTarget, vertexClientOptions } from '../../src/gcp/clientOptions.js';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, testConfig } from '../gcp/simHarness.js';
import {
  loadRecording,
  RECORDED_DIR,
  type ReplayRoute,
  type ReplayServer,
  recordedStatus,
  startReplay,
} from './replayServer.js';

const PROJECT = 'cloud-custodian';
const LOCATIONS = `/v1/projects/${PROJECT}/locations`;
const JOB_ID = '6868698075574042624';
const JOB_NAME = `projects/${PROJECT}/locations/us-central1/customJobs/${JOB_ID}`;
const CENTRAL_ENDPOINTS = 'get-v1-projects-cloud-custodian-locations-us-central1-endpoints';
const EAST_ENDPOINTS = 'get-v1-projects-cloud-custodian-locations-us-east1-endpoints';
const JOB_FILE = `v1-projects-cloud-custodian-locations-us-central1-customJobs-${JOB_ID}`;
const JOBS_DIR = 'vertexai_custom_job_cancel_and_delete';
// Google's answer to an empty list, `{}`: what the other job collections answer while one is replayed.
const EMPTY_LIST = `vertexai-endpoint-delete/${CENTRAL_ENDPOINTS}_2.json`;
const OTHER_JOB_COLLECTIONS = [
  'hyperparameterTuningJobs',
  'batchPredictionJobs',
  'trainingPipelines',
  'pipelineJobs',
];

interface Replayed {
  api: Gcp;
  url: string;
}

interface Row {
  file: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** What the client makes of the answer. */
  read(replayed: Replayed): Promise<unknown>;
  /** The same, from the recorded JSON. */
  expected(body: Body, status: number): unknown;
  /** Other requests the read makes, answered with Google's empty list. */
  alsoEmpty?: string[];
}

// Recorded JSON is read loosely, field by field, as a person would read the file.
// biome-ignore lint/suspicious/noExplicitAny: the recordings are Google's JSON, read without a schema of ours
type Body = Record<string, any>;

const endpointList = (region: string) => ({
  method: 'GET' as const,
  path: `${LOCATIONS}/${region}/endpoints`,
  read: async ({ api }: Replayed) =>
    (await api.vertex.listEndpoints(PROJECT, region)).map((e) => ({
      name: e.name,
      region: e.region,
      deployedModelIds: e.deployedModels.map((m) => m.deployedModelId),
      replicas: e.deployedModels.map((m) => [m.minReplicas, m.maxReplicas]),
      trafficSplit: e.trafficSplit,
    })),
  expected: (body: Body) =>
    (body.endpoints ?? []).map((e: Body) => ({
      name: e.name,
      region,
      deployedModelIds: (e.deployedModels ?? []).map((m: Body) => m.id),
      replicas: (e.deployedModels ?? []).map((m: Body) => [
        m.dedicatedResources.minReplicaCount,
        m.dedicatedResources.maxReplicaCount,
      ]),
      trafficSplit: e.trafficSplit ?? {},
    })),
});

/** A job as burnrate reads it, and the same from a recorded CustomJob. */
const jobSummary = (job: { name: string; state: string; replicaCount: number; endTime: string | null }) => ({
  name: job.name,
  state: job.state,
  replicaCount: job.replicaCount,
  endTime: job.endTime,
});
const recordedJob = (job: Body) => ({
  name: job.name,
  state: String(job.state).replace('JOB_STATE_', ''),
  // int64 on the wire: a JSON string.
  replicaCount: Number(job.jobSpec.workerPoolSpecs[0].replicaCount),
  endTime: job.endTime ? new Date(job.endTime).toISOString() : null,
});

const getJob: Omit<Row, 'file'> = {
  method: 'GET',
  path: `/v1/${JOB_NAME}`,
  read: async ({ api }) => {
    const job = await api.vertex.getJob(JOB_NAME);
    return job && jobSummary(job);
  },
  expected: (body, status) => (status === 404 ? null : recordedJob(body)),
};

const cancelJob: Omit<Row, 'file'> = {
  method: 'POST',
  path: `/v1/${JOB_NAME}:cancel`,
  read: ({ api }) => api.vertex.cancelJob(JOB_NAME),
  // `{}` (google.protobuf.Empty) when accepted; 404 once the job is deleted.
  expected: (_body, status) => (status === 404 ? 'not-found' : 'requested'),
};

const listJobs: Omit<Row, 'file'> = {
  method: 'GET',
  path: `${LOCATIONS}/us-central1/customJobs`,
  alsoEmpty: OTHER_JOB_COLLECTIONS.map((c) => `${LOCATIONS}/us-central1/${c}`),
  read: async ({ api }) => (await api.vertex.listJobs(PROJECT, 'us-central1')).map(jobSummary),
  expected: (body) => (body.customJobs ?? []).map(recordedJob),
};

/** A long-running operation as the generated client hands it back, settled. */
async function settledOperation(
  start: () => Promise<
    [{ name?: string | null; done?: boolean | null; promise(): Promise<unknown> }, ...unknown[]]
  >,
) {
  const [operation] = await start();
  await operation.promise();
  return { name: operation.name, done: operation.done };
}

const ROWS: Row[] = [
  { file: `vertexai-endpoint-delete/${CENTRAL_ENDPOINTS}_1.json`, ...endpointList('us-central1') },
  { file: `vertexai-endpoint-delete/${CENTRAL_ENDPOINTS}_2.json`, ...endpointList('us-central1') },
  {
    file: 'vertexai-endpoint-delete/delete-v1-projects-cloud-custodian-locations-us-central1-endpoints-c7n-endpoint-central_1.json',
    method: 'DELETE',
    path: `${LOCATIONS}/us-central1/endpoints/c7n-endpoint-central`,
    read: async ({ url }) => {
      const client = new v1.EndpointServiceClient(vertexClientOptions(gcpTarget(url), 'us-central1'));
      try {
        const name = `projects/${PROJECT}/locations/us-central1/endpoints/c7n-endpoint-central`;
        return await settledOperation(() => client.deleteEndpoint({ name }));
      } finally {
        await client.close();
      }
    },
    expected: (body) => ({ name: body.name, done: body.done }),
  },
  { file: `vertexai-endpoint-filtering/${CENTRAL_ENDPOINTS}_1.json`, ...endpointList('us-central1') },
  { file: `vertexai-endpoint-filtering/${EAST_ENDPOINTS}_1.json`, ...endpointList('us-east1') },
  { file: `vertexai-endpoint-multi-location/${CENTRAL_ENDPOINTS}_1.json`, ...endpointList('us-central1') },
  { file: `vertexai-endpoint-multi-location/${EAST_ENDPOINTS}_1.json`, ...endpointList('us-east1') },
  {
    file: `${JOBS_DIR}/post-v1-projects-cloud-custodian-locations-us-central1-customJobs_1.json`,
    method: 'POST',
    path: `${LOCATIONS}/us-central1/customJobs`,
    read: async ({ url }) => {
      const client = new v1.JobServiceClient(vertexClientOptions(gcpTarget(url), 'us-central1'));
      try {
        const [job] = await client.createCustomJob({
          parent: `projects/${PROJECT}/locations/us-central1`,
          customJob: {
            displayName: 'c7n-test-custom-job-default-9b09-lifecycle',
            jobSpec: {
              workerPoolSpecs: [
                {
                  machineSpec: { machineType: 'n1-standard-4' },
                  replicaCount: 1,
                  containerSpec: { imageUri: 'gcr.io/google.com/cloudsdktool/cloud-sdk:slim' },
                },
              ],
            },
          },
        });
        const pool = job.jobSpec?.workerPoolSpecs?.[0];
        return {
          name: job.name,
          state: job.state,
          machineType: pool?.machineSpec?.machineType,
          replicaCount: String(pool?.replicaCount),
        };
      } finally {
        await client.close();
      }
    },
    expected: (body) => ({
      name: body.name,
      state: body.state,
      machineType: body.jobSpec.workerPoolSpecs[0].machineSpec.machineType,
      replicaCount: body.jobSpec.workerPoolSpecs[0].replicaCount,
    }),
  },
  ...[1, 2, 3, 4].map((n) => ({ file: `${JOBS_DIR}/get-${JOB_FILE}_${n}.json`, ...getJob })),
  ...[1, 2].map((n) => ({ file: `${JOBS_DIR}/post-${JOB_FILE}-cancel_${n}.json`, ...cancelJob })),
  ...[1, 2].map((n) => ({
    file: `${JOBS_DIR}/get-v1-projects-cloud-custodian-locations-us-central1-customJobs_${n}.json`,
    ...listJobs,
  })),
  {
    file: `${JOBS_DIR}/delete-${JOB_FILE}_1.json`,
    method: 'DELETE',
    path: `/v1/${JOB_NAME}`,
    read: async ({ url }) => {
      const client = new v1.JobServiceClient(vertexClientOptions(gcpTarget(url), 'us-central1'));
      try {
        return await settledOperation(() => client.deleteCustomJob({ name: JOB_NAME }));
      } finally {
        await client.close();
      }
    },
    expected: (body) => ({ name: body.name, done: body.done }),
  },
  {
    file: `vertexai_endpoint_metrics/${CENTRAL_ENDPOINTS}_1.json`,
    ...endpointList('us-central1'),
  },
  {
    file: 'vertexai_endpoint_metrics/get-v3-projects-cloud-custodian-timeSeries_1.json',
    method: 'GET',
    path: `/v3/projects/${PROJECT}/timeSeries`,
    read: async ({ api }) => {
      const series = await api.monitoring.hourlyTraffic({
        project: PROJECT,
        metric: 'prediction_count',
        from: new Date('2026-07-07T22:00:00Z'),
        to: new Date('2026-07-08T22:00:00Z'),
      });
      return series.points.map((p) => [p.endpointId, p.location, p.deployedModelId, p.value]);
    },
    expected: (body) =>
      (body.timeSeries ?? []).flatMap((s: Body) =>
        (s.points ?? []).map((p: Body) => [
          s.resource.labels.endpoint_id,
          s.resource.labels.location,
          s.metric.labels.deployed_model_id,
          // DELTA INT64: a JSON string.
          Number(p.value.int64Value),
        ]),
      ),
  },
];

function recordedFiles(): string[] {
  return readdirSync(RECORDED_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.split('\\').join('/'))
    .sort();
}

// One replay server and one set of clients for every row (building clients is the slow part).
let replay: ReplayServer;
let api: Gcp;
beforeAll(async () => {
  replay = await startReplay([]);
  api = gcpFor(replay.url, testConfig({ retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 5000 } }));
});
afterAll(async () => {
  await api.close();
  await replay.close();
});

describe('every recorded response, through the real clients', () => {
  it('has a row for every file of the recorded set, and one only', () => {
    expect(ROWS.map((row) => row.file).sort()).toEqual(recordedFiles());
  });

  it.each(ROWS.map((row) => [row.file, row] as const))('%s', async (file, row) => {
    const routes: ReplayRoute[] = [
      { method: row.method, path: row.path, files: [file] },
      ...(row.alsoEmpty ?? []).map((path) => ({ method: 'GET', path, files: [EMPTY_LIST] })),
    ];
    replay.replace(routes);
    const recording = loadRecording(file);
    const read = await row.read({ api, url: replay.url });
    expect(read).toEqual(row.expected(recording.body as Body, recordedStatus(recording)));
    // The row's own file was what answered, once.
    expect(replay.served.filter((served) => served === file)).toHaveLength(1);
  });
});

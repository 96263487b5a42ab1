import { v1 } from '@google-cloud/aiplatform';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { gaxOptions, googleErrorOf, startTestSimulator } from './fixtures.js';

const PARENT = 'projects/ml-prod/locations/us-central1';
const EU_PARENT = 'projects/ml-prod/locations/europe-west4';

let sim: RunningSimulator;
let jobs: v1.JobServiceClient;
let pipelines: v1.PipelineServiceClient;
let endpoints: v1.EndpointServiceClient;

beforeAll(async () => {
  sim = await startTestSimulator({ cancelDelayMs: 200 });
  jobs = new v1.JobServiceClient(gaxOptions(sim));
  pipelines = new v1.PipelineServiceClient(gaxOptions(sim));
  endpoints = new v1.EndpointServiceClient(gaxOptions(sim));
});

afterAll(async () => {
  await Promise.all([jobs.close(), pipelines.close(), endpoints.close()]);
  await sim.close();
});

beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

async function requestPaths(): Promise<{ path: string; query: string }[]> {
  return (await (await fetch(`${sim.url}/_sim/requests`)).json()) as { path: string; query: string }[];
}

describe('JobService', () => {
  it('lists custom jobs page by page, newest first', async () => {
    const [firstPage, nextRequest] = await jobs.listCustomJobs(
      { parent: PARENT, pageSize: 3 },
      { autoPaginate: false },
    );
    expect(firstPage).toHaveLength(3);
    expect(nextRequest?.pageToken).toBeTruthy();

    const all = [];
    for await (const job of jobs.listCustomJobsAsync({ parent: PARENT, pageSize: 2 })) all.push(job);
    expect(all).toHaveLength(7);
    const createTimes = all.map((job) => Number(job.createTime?.seconds));
    expect([...createTimes].sort((a, b) => b - a)).toEqual(createTimes);
    const pages = (await requestPaths()).filter((entry) => entry.path.endsWith('/customJobs'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages.at(-1)?.query).toContain('pageToken=');
  });

  it('describes a running on-demand GPU job with labels, machine spec and no timeout', async () => {
    const [job] = await jobs.getCustomJob({ name: `${PARENT}/customJobs/501` });
    expect(job.state).toBe('JOB_STATE_RUNNING');
    expect(job.labels).toEqual({ team: 'recsys', 'expected-hours': '6' });
    const pool = job.jobSpec?.workerPoolSpecs?.[0];
    expect(pool?.machineSpec?.machineType).toBe('a2-highgpu-1g');
    expect(pool?.machineSpec?.acceleratorType).toBe('NVIDIA_TESLA_A100');
    expect(pool?.machineSpec?.acceleratorCount).toBe(1);
    expect(job.jobSpec?.scheduling).toBeNull();
    expect(job.startTime?.seconds).toBeDefined();
    expect(job.endTime).toBeNull();
  });

  it('represents Spot jobs with scheduling.strategy SPOT and distributed replicas across pools', async () => {
    const all = [];
    for await (const job of jobs.listCustomJobsAsync({ parent: PARENT })) all.push(job);
    const nightly = all.filter((job) => job.displayName?.startsWith('nightly-'));
    expect(nightly).toHaveLength(5);
    expect(nightly.every((job) => job.jobSpec?.scheduling?.strategy === 'SPOT')).toBe(true);
    expect(nightly.every((job) => job.state === 'JOB_STATE_SUCCEEDED')).toBe(true);

    const [finished] = await jobs.getCustomJob({ name: `${PARENT}/customJobs/502` });
    expect(finished.jobSpec?.scheduling?.timeout?.seconds).toBe('86400');
    const replicas = finished.jobSpec?.workerPoolSpecs?.map((pool) => Number(pool.replicaCount));
    expect(replicas).toEqual([1, 2]);
    const hours = (Number(finished.endTime?.seconds) - Number(finished.startTime?.seconds)) / 3600;
    expect(hours).toBe(5);
  });

  it('filters by state and label', async () => {
    const [running] = await jobs.listCustomJobs({ parent: PARENT, filter: 'state="JOB_STATE_RUNNING"' });
    expect(running.map((job) => job.displayName)).toEqual(['runaway-a100']);
    const [search] = await jobs.listCustomJobs({
      parent: PARENT,
      filter: 'labels.team="search" AND state!="JOB_STATE_RUNNING"',
    });
    expect(search.map((job) => job.displayName)).toEqual(['finished-cpu']);
  });

  it('cancels a running job: CANCELLING at once, CANCELLED shortly after', async () => {
    const name = `${PARENT}/customJobs/501`;
    const [empty] = await jobs.cancelCustomJob({ name });
    expect(empty).toEqual({});
    expect((await jobs.getCustomJob({ name }))[0].state).toBe('JOB_STATE_CANCELLING');
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [cancelled] = await jobs.getCustomJob({ name });
    expect(cancelled.state).toBe('JOB_STATE_CANCELLED');
    expect(cancelled.endTime?.seconds).toBeDefined();
    expect(cancelled.error?.code).toBe(1);
  });

  it('settles a cancellation on the next advance of the clock', async () => {
    const name = `${PARENT}/hyperparameterTuningJobs/601`;
    await jobs.cancelHyperparameterTuningJob({ name });
    await fetch(`${sim.url}/_sim/advance`, { method: 'POST', body: JSON.stringify({ hours: 1 }) });
    const [job] = await jobs.getHyperparameterTuningJob({ name });
    expect(job.state).toBe('JOB_STATE_CANCELLED');
    expect(job.parallelTrialCount).toBe(3);
  });

  it('refuses to cancel a finished job with FAILED_PRECONDITION', async () => {
    const error = await googleErrorOf(jobs.cancelCustomJob({ name: `${PARENT}/customJobs/502` }));
    expect(error).toMatchObject({ httpStatus: 400, status: 'FAILED_PRECONDITION' });
    expect(error.message).toContain('JOB_STATE_SUCCEEDED');
  });

  it('answers NOT_FOUND for unknown jobs and PERMISSION_DENIED for unknown projects', async () => {
    expect(await googleErrorOf(jobs.getCustomJob({ name: `${PARENT}/customJobs/999` }))).toMatchObject({
      httpStatus: 404,
      status: 'NOT_FOUND',
    });
    const denied = await googleErrorOf(
      jobs.listCustomJobs({ parent: 'projects/nope-project/locations/us-central1' }),
    );
    expect(denied).toMatchObject({ httpStatus: 403, status: 'PERMISSION_DENIED' });
  });

  it('lists tuning and batch prediction jobs with their own shapes', async () => {
    const [tuning] = await jobs.listHyperparameterTuningJobs({ parent: PARENT });
    expect(tuning[0]?.trialJobSpec?.workerPoolSpecs?.[0]?.machineSpec?.machineType).toBe('n1-standard-4');
    const [batch] = await jobs.listBatchPredictionJobs({ parent: PARENT });
    expect(batch[0]?.state).toBe('JOB_STATE_FAILED');
    expect(batch[0]?.dedicatedResources?.startingReplicaCount).toBe(2);
    expect(batch[0]?.error?.message).toBeTruthy();
    // Only startingReplicaCount set, as real jobs often do; what it used is resourcesConsumed.replicaHours
    // ("Provided in real time at best effort basis, as well as a final value once the job completes"): 2
    // replicas for 1 hour at 75 % use.
    expect(batch[0]?.dedicatedResources?.maxReplicaCount ?? 0).toBe(0);
    expect(batch[0]?.resourcesConsumed?.replicaHours).toBeCloseTo(1.5, 9);
  });

  it('names resources with the project number when the caller uses it', async () => {
    const [job] = await jobs.getCustomJob({
      name: 'projects/111122223333/locations/us-central1/customJobs/502',
    });
    expect(job.name).toBe('projects/111122223333/locations/us-central1/customJobs/502');
  });
});

describe('PipelineService', () => {
  it('lists, gets and cancels training pipelines and pipeline jobs', async () => {
    const [training] = await pipelines.listTrainingPipelines({ parent: PARENT });
    expect(training.map((pipeline) => pipeline.state)).toEqual(['PIPELINE_STATE_RUNNING']);
    const inputs = training[0]?.trainingTaskInputs?.structValue?.fields?.workerPoolSpecs;
    expect(inputs?.listValue?.values?.length).toBe(1);

    const [pipelineJobs] = await pipelines.listPipelineJobs({ parent: PARENT, pageSize: 1 });
    expect(pipelineJobs).toHaveLength(1);
    expect(pipelineJobs[0]?.state).toBe('PIPELINE_STATE_SUCCEEDED');

    await pipelines.cancelTrainingPipeline({ name: `${PARENT}/trainingPipelines/801` });
    const [cancelling] = await pipelines.getTrainingPipeline({ name: `${PARENT}/trainingPipelines/801` });
    expect(cancelling.state).toBe('PIPELINE_STATE_CANCELLING');
    const error = await googleErrorOf(pipelines.cancelPipelineJob({ name: `${PARENT}/pipelineJobs/901` }));
    expect(error.status).toBe('FAILED_PRECONDITION');
  });
});

describe('EndpointService', () => {
  it('lists endpoints with dedicated and automatic deployed models', async () => {
    const [page, next] = await endpoints.listEndpoints(
      { parent: PARENT, pageSize: 1 },
      { autoPaginate: false },
    );
    expect(page).toHaveLength(1);
    expect(next?.pageToken).toBeTruthy();

    const [eu] = await endpoints.listEndpoints({ parent: EU_PARENT });
    expect(eu).toHaveLength(1);
    const [gpu, automatic] = eu[0]?.deployedModels ?? [];
    expect(gpu?.dedicatedResources?.machineSpec).toMatchObject({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    });
    expect(gpu?.dedicatedResources?.minReplicaCount).toBe(1);
    expect(automatic?.automaticResources).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 3 });
    expect(eu[0]?.trafficSplit).toEqual({ '2001': 50, '2002': 50 });
  });

  it('undeploys a model through a long-running operation polled to completion', async () => {
    const endpoint = `${EU_PARENT}/endpoints/200`;
    // 2001 has half the traffic: Google undeploys it only with a split that gives its share away.
    const [operation] = await endpoints.undeployModel({
      endpoint,
      deployedModelId: '2001',
      trafficSplit: { '2002': 100 },
    });
    expect(operation.done).toBe(false);
    const [response, metadata] = await operation.promise();
    expect(response).toEqual({});
    expect(metadata?.genericMetadata?.createTime).toBeTruthy();

    const [after] = await endpoints.getEndpoint({ name: endpoint });
    expect(after.deployedModels?.map((model) => model.id)).toEqual(['2002']);
    expect(after.trafficSplit).toEqual({ '2002': 100 });
    const polls = (await requestPaths()).filter((entry) => entry.path.startsWith('/ui/'));
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls[0]?.path).toContain(`${endpoint}/operations/`);

    const again = await googleErrorOf(endpoints.undeployModel({ endpoint, deployedModelId: '2001' }));
    expect(again.status).toBe('NOT_FOUND');
  });

  it('changes the replica minimum with mutateDeployedModel', async () => {
    const endpoint = `${PARENT}/endpoints/100`;
    const [operation] = await endpoints.mutateDeployedModel({
      endpoint,
      deployedModel: { id: '1001', dedicatedResources: { minReplicaCount: 1, maxReplicaCount: 4 } },
      updateMask: { paths: ['dedicated_resources.min_replica_count'] },
    });
    const [response] = await operation.promise();
    expect(response.deployedModel?.dedicatedResources?.minReplicaCount).toBe(1);
    const [after] = await endpoints.getEndpoint({ name: endpoint });
    expect(after.deployedModels?.[0]?.dedicatedResources).toMatchObject({
      minReplicaCount: 1,
      maxReplicaCount: 4,
    });
  });

  it('rejects a replica maximum below the minimum', async () => {
    const error = await googleErrorOf(
      endpoints.mutateDeployedModel({
        endpoint: `${PARENT}/endpoints/100`,
        deployedModel: { id: '1001', dedicatedResources: { minReplicaCount: 5 } },
        updateMask: { paths: ['dedicated_resources.min_replica_count'] },
      }),
    );
    expect(error).toMatchObject({ httpStatus: 400, status: 'INVALID_ARGUMENT' });
  });
});

// Vertex AI JobService and PipelineService: list, get and cancel for custom jobs, hyperparameter tuning jobs,
// batch prediction jobs, training pipelines and pipeline jobs, in their v1 REST shapes.

import { rfc3339 } from './clock.js';
import { GoogleApiError, type SimResponse } from './http.js';
import { matchesFilter, parseListFilter } from './listFilter.js';
import { paginate, queryInt } from './pagination.js';
import { applyReadMask, readMaskPaths } from './readMask.js';
import { type Route, type RouteParams, route } from './router.js';
import type { JobKind } from './scenario.js';
import type { JobStatus, LiveJobState, SimJob, SimState } from './state.js';
import { machineSpecJson, parentName, resolveScope, type VertexScope, withLabels } from './vertexCommon.js';

interface JobCollection {
  kind: JobKind;
  /** Path segment and list response field, e.g. customJobs. */
  collection: string;
  /** Pipelines report PIPELINE_STATE_*, jobs JOB_STATE_*. */
  statePrefix: 'JOB_STATE_' | 'PIPELINE_STATE_';
  permissionNoun: string;
  /** The message type, as Google names it in "The CustomJob does not exist." */
  typeName: string;
}

const COLLECTIONS: JobCollection[] = [
  {
    kind: 'custom',
    collection: 'customJobs',
    statePrefix: 'JOB_STATE_',
    permissionNoun: 'customJobs',
    typeName: 'CustomJob',
  },
  {
    kind: 'hptuning',
    collection: 'hyperparameterTuningJobs',
    statePrefix: 'JOB_STATE_',
    permissionNoun: 'hyperparameterTuningJobs',
    typeName: 'HyperparameterTuningJob',
  },
  {
    kind: 'batch_prediction',
    collection: 'batchPredictionJobs',
    statePrefix: 'JOB_STATE_',
    permissionNoun: 'batchPredictionJobs',
    typeName: 'BatchPredictionJob',
  },
  {
    kind: 'training_pipeline',
    collection: 'trainingPipelines',
    statePrefix: 'PIPELINE_STATE_',
    permissionNoun: 'trainingPipelines',
    typeName: 'TrainingPipeline',
  },
  {
    kind: 'pipeline',
    collection: 'pipelineJobs',
    statePrefix: 'PIPELINE_STATE_',
    permissionNoun: 'pipelineJobs',
    typeName: 'PipelineJob',
  },
];

// The fields each list method filters on (job_service.proto, pipeline_service.proto): only pipeline jobs
// support update_time and end_time; labels.<key> everywhere.
const FILTER_FIELDS = ['state', 'display_name', 'create_time'];
const PIPELINE_JOB_FILTER_FIELDS = [...FILTER_FIELDS, 'update_time', 'end_time'];

/** google.rpc.Code values Vertex puts in job.error. */
const RPC_CODE = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4 };

const FINISHED: readonly LiveJobState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function vertexJobRoutes(state: SimState): Route[] {
  return COLLECTIONS.flatMap((collection) => [
    route('GET', `/v1/projects/{project}/locations/{location}/${collection.collection}`, (request, params) =>
      listJobs(state, collection, params, request.query),
    ),
    route(
      'GET',
      `/v1/projects/{project}/locations/{location}/${collection.collection}/{id}`,
      (_request, params) => {
        const { scope, job } = findJobOrThrow(state, collection, params, 'get');
        return { body: renderJob(state, collection, scope, job) };
      },
    ),
    route(
      'POST',
      `/v1/projects/{project}/locations/{location}/${collection.collection}/{id}:cancel`,
      (_r, params) => cancelJob(state, collection, params),
    ),
  ]);
}

function listJobs(
  state: SimState,
  collection: JobCollection,
  params: RouteParams,
  query: URLSearchParams,
): SimResponse {
  const parent = `projects/${params.project}/locations/${params.location}`;
  const scope = resolveScope(state, params, `aiplatform.${collection.permissionNoun}.list`, parent);
  const clauses = parseListFilter(
    query.get('filter'),
    collection.kind === 'pipeline' ? PIPELINE_JOB_FILTER_FIELDS : FILTER_FIELDS,
  );
  const mask = readMaskPaths(query);
  const rendered = state.jobs
    .filter(
      (job) =>
        job.kind === collection.kind && job.project === scope.project.id && job.region === scope.region,
    )
    .filter((job) => job.createMs <= state.clock.nowMs())
    .sort((a, b) => b.createMs - a.createMs || a.id.localeCompare(b.id))
    .map((job) => renderJob(state, collection, scope, job))
    .filter((job) =>
      matchesFilter(clauses, (field) => {
        if (field.startsWith('labels.'))
          return (job.labels as Record<string, string> | undefined)?.[field.slice(7)];
        const camel = field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
        const value = job[camel];
        return typeof value === 'string' ? value : undefined;
      }),
    );
  const page = paginate(rendered, {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: `${collection.collection}:${parent}:${query.get('filter') ?? ''}`,
    defaultSize: 100,
    maxSize: 1000,
  });
  // Proto3 JSON leaves out empty repeated fields: Google answers an empty list with {} (recorded).
  const body: Record<string, unknown> = {};
  if (page.items.length > 0) body[collection.collection] = page.items.map((job) => applyReadMask(job, mask));
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return { body };
}

function findJobOrThrow(
  state: SimState,
  collection: JobCollection,
  params: RouteParams,
  verb: string,
): { scope: VertexScope; job: SimJob } {
  const name = `projects/${params.project}/locations/${params.location}/${collection.collection}/${params.id}`;
  const scope = resolveScope(state, params, `aiplatform.${collection.permissionNoun}.${verb}`, name);
  const job = state.findJob(scope.project, scope.region, collection.kind, params.id ?? '');
  // Google's own wording (recorded: a GET and a :cancel of a deleted custom job).
  if (!job || job.createMs > state.clock.nowMs())
    throw new GoogleApiError(404, `The ${collection.typeName} does not exist.`);
  return { scope, job };
}

function cancelJob(state: SimState, collection: JobCollection, params: RouteParams): SimResponse {
  const { job } = findJobOrThrow(state, collection, params, 'cancel');
  const status = state.jobStatus(job);
  if (FINISHED.includes(status.state)) {
    throw new GoogleApiError(
      400,
      `Cannot cancel ${collection.collection.slice(0, -1)} "${params.id}" because it is in state ${collection.statePrefix}${status.state}.`,
      { status: 'FAILED_PRECONDITION' },
    );
  }
  if (!job.cancel) {
    job.cancel = { requestedMs: state.clock.nowMs(), requestedWallMs: Date.now() };
    state.version++;
  }
  // Cancel returns google.protobuf.Empty; the job itself reports CANCELLING, then CANCELLED.
  return { body: {} };
}

function renderJob(
  state: SimState,
  collection: JobCollection,
  scope: VertexScope,
  job: SimJob,
): Record<string, unknown> {
  const status = state.jobStatus(job);
  const name = `${parentName(scope)}/${collection.collection}/${job.id}`;
  const resource: Record<string, unknown> = {
    name,
    displayName: job.displayName,
    ...kindSpecificFields(collection.kind, job, scope),
    state: `${collection.statePrefix}${wireState(status)}`,
    createTime: rfc3339(job.createMs),
  };
  if (status.state !== 'QUEUED') resource.startTime = rfc3339(job.startMs);
  if (collection.kind === 'batch_prediction' && status.state !== 'QUEUED') {
    // "Provided in real time at best effort basis, as well as a final value once the job completes."
    resource.resourcesConsumed = { replicaHours: state.replicaHoursUsed(job) };
  }
  if (status.endMs !== null) resource.endTime = rfc3339(status.endMs);
  resource.updateTime = rfc3339(lastChangeMs(job, status));
  const error = errorOf(status);
  if (error) resource.error = error;
  return withLabels(resource, job.labels);
}

/** PipelineState has no "QUEUED" distinct from JobState, and both spell the rest the same way. */
function wireState(status: JobStatus): string {
  return status.state === 'QUEUED' ? 'PENDING' : status.state;
}

function lastChangeMs(job: SimJob, status: JobStatus): number {
  return Math.max(
    job.createMs,
    status.state === 'QUEUED' ? 0 : job.startMs,
    status.endMs ?? 0,
    job.cancel?.requestedMs ?? 0,
  );
}

function errorOf(status: JobStatus): Record<string, unknown> | undefined {
  if (!status.errorMessage) return undefined;
  if (status.state === 'CANCELLED') return { code: RPC_CODE.CANCELLED, message: status.errorMessage };
  if (status.state !== 'FAILED') return undefined;
  const timedOut = status.errorMessage.includes('timeout');
  return {
    code: timedOut ? RPC_CODE.DEADLINE_EXCEEDED : RPC_CODE.INVALID_ARGUMENT,
    message: status.errorMessage,
  };
}

/** CustomJobSpec: the first pool is the chief (one replica), further replicas go to a worker pool. */
function customJobSpec(job: SimJob): Record<string, unknown> {
  const machineSpec = machineSpecJson(job.machine);
  const pool = (replicas: number) => ({
    machineSpec,
    replicaCount: String(replicas),
    diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
    containerSpec: { imageUri: `us-docker.pkg.dev/${job.project}/training/${slug(job.displayName)}:latest` },
  });
  const workerPoolSpecs = [pool(1)];
  if (job.replicaCount > 1) workerPoolSpecs.push(pool(job.replicaCount - 1));
  const spec: Record<string, unknown> = { workerPoolSpecs };
  const scheduling: Record<string, unknown> = {};
  if (job.timeoutSeconds !== null) scheduling.timeout = `${job.timeoutSeconds}s`;
  // Vertex AI marks Spot training as scheduling.strategy = SPOT, Dynamic Workload Scheduler's as FLEX_START.
  if (job.provisioning === 'spot') scheduling.strategy = 'SPOT';
  if (job.provisioning === 'flex-start') scheduling.strategy = 'FLEX_START';
  if (Object.keys(scheduling).length > 0) spec.scheduling = scheduling;
  return spec;
}

function kindSpecificFields(kind: JobKind, job: SimJob, scope: VertexScope): Record<string, unknown> {
  switch (kind) {
    case 'custom':
      return { jobSpec: customJobSpec(job) };
    case 'hptuning':
      return {
        studySpec: { metrics: [{ metricId: 'auc', goal: 'MAXIMIZE' }], algorithm: 'ALGORITHM_UNSPECIFIED' },
        maxTrialCount: job.parallelTrials * 4,
        parallelTrialCount: job.parallelTrials,
        trialJobSpec: customJobSpec(job),
      };
    case 'batch_prediction':
      return {
        model: `${parentName(scope)}/models/${slug(job.displayName)}`,
        inputConfig: {
          instancesFormat: 'jsonl',
          gcsSource: { uris: [`gs://${job.project}-batch/${slug(job.displayName)}/input.jsonl`] },
        },
        outputConfig: {
          predictionsFormat: 'jsonl',
          gcsDestination: { outputUriPrefix: `gs://${job.project}-batch/${slug(job.displayName)}/output` },
        },
        dedicatedResources: {
          machineSpec: machineSpecJson(job.machine),
          startingReplicaCount: job.replicaCount,
          ...(job.maxReplicaCount === null ? {} : { maxReplicaCount: job.maxReplicaCount }),
        },
      };
    case 'training_pipeline':
      return {
        trainingTaskDefinition:
          'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
        // trainingTaskInputs is a free-form Value; custom training puts a CustomJobSpec there.
        trainingTaskInputs: customJobSpec(job),
      };
    case 'pipeline':
      return {
        templateUri: `https://us-kfp.pkg.dev/${job.project}/pipelines/${slug(job.displayName)}/latest`,
        runtimeConfig: { gcsOutputDirectory: `gs://${job.project}-pipelines/${slug(job.displayName)}` },
        serviceAccount: `pipelines@${job.project}.iam.gserviceaccount.com`,
      };
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

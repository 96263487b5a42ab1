// Vertex AI protobuf objects (as the client libraries decode them: enums as names, int64 as strings) →
// burnrate's domain shapes. Pure functions: nothing here talks to Google.

import type { protos } from '@google-cloud/aiplatform';
import { KNOWN_JOB_STATES } from '../domain/jobs.js';
import type { ProvisioningModel } from '../domain/provisioning.js';
import { durationSeconds, timestampFrom, valueToJson } from './protoValues.js';
import type { TrafficSplit } from './trafficSplit.js';
import type {
  DeployedModel,
  EndpointKind,
  JobKind,
  JobState,
  MachineSpec,
  TrafficVisibility,
  VertexEndpoint,
  VertexJob,
  WorkerPool,
} from './types.js';

type ICustomJob = protos.google.cloud.aiplatform.v1.ICustomJob;
type IHyperparameterTuningJob = protos.google.cloud.aiplatform.v1.IHyperparameterTuningJob;
type IBatchPredictionJob = protos.google.cloud.aiplatform.v1.IBatchPredictionJob;
type ITrainingPipeline = protos.google.cloud.aiplatform.v1.ITrainingPipeline;
type IPipelineJob = protos.google.cloud.aiplatform.v1.IPipelineJob;
type IEndpoint = protos.google.cloud.aiplatform.v1.IEndpoint;
type IDeployedModel = protos.google.cloud.aiplatform.v1.IDeployedModel;
type IMachineSpec = protos.google.cloud.aiplatform.v1.IMachineSpec;
type ICustomJobSpec = protos.google.cloud.aiplatform.v1.ICustomJobSpec;

/** Where a job lives: the configured project id (Vertex AI names may carry the project number instead). */
export interface JobScope {
  project: string;
  region: string;
}

/** JOB_STATE_RUNNING and PIPELINE_STATE_RUNNING both become RUNNING. */
export function jobStateFrom(value: unknown): JobState {
  const text = String(value ?? '');
  const bare = text.replace(/^(JOB|PIPELINE)_STATE_/, '') as JobState;
  return KNOWN_JOB_STATES.has(bare) ? bare : 'UNSPECIFIED';
}

function count(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function labelsFrom(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function machineFrom(spec: IMachineSpec | null | undefined): MachineSpec {
  const accelerator = spec?.acceleratorType ?? null;
  const hasAccelerator = accelerator !== null && accelerator !== 'ACCELERATOR_TYPE_UNSPECIFIED';
  return {
    machineType: spec?.machineType || null,
    acceleratorType: hasAccelerator ? String(accelerator) : null,
    acceleratorCount: hasAccelerator ? count(spec?.acceleratorCount, 1) : 0,
  };
}

/** The pool with the most accelerators, then the most replicas: the one that dominates the job's cost. */
export function dominantPool(pools: WorkerPool[]): WorkerPool | null {
  let best: WorkerPool | null = null;
  for (const pool of pools) {
    const weight = pool.machine.acceleratorCount * pool.replicaCount;
    const bestWeight = best ? best.machine.acceleratorCount * best.replicaCount : -1;
    if (!best || weight > bestWeight || (weight === bestWeight && pool.replicaCount > best.replicaCount))
      best = pool;
  }
  return best;
}

function poolMachineSpecs(spec: ICustomJobSpec | null | undefined): Array<IMachineSpec | null | undefined> {
  return (spec?.workerPoolSpecs ?? []).map((pool) => pool?.machineSpec);
}

function poolsFromSpec(spec: ICustomJobSpec | null | undefined, multiplier: number): WorkerPool[] {
  return (spec?.workerPoolSpecs ?? [])
    .filter((pool) => pool?.machineSpec?.machineType)
    .map((pool) => ({
      machine: machineFrom(pool.machineSpec),
      replicaCount: count(pool.replicaCount, 1) * multiplier,
    }));
}

// ReservationAffinity: SPECIFIC_RESERVATION consumes the named reservation; ANY_RESERVATION falls back to on
// demand, so whether it ran on reserved capacity is not known (and both are billed at on-demand rates).
function onReservation(
  spec: { reservationAffinity?: { reservationAffinityType?: unknown } | null } | null | undefined,
): boolean {
  return spec?.reservationAffinity?.reservationAffinityType === 'SPECIFIC_RESERVATION';
}

/** A job's provisioning model from its scheduling strategy and its worker pools' machine specs. */
function jobProvisioning(
  strategy: unknown,
  machineSpecs: ReadonlyArray<Parameters<typeof onReservation>[0]>,
): ProvisioningModel {
  if (strategy === 'SPOT') return 'spot';
  if (strategy === 'FLEX_START') return 'flex-start';
  return machineSpecs.some(onReservation) ? 'reservation' : 'on-demand';
}

interface JobBase {
  name: string;
  displayName: string;
  state: JobState;
  labels: Record<string, string>;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  updateTime: string | null;
}

function jobFrom(
  kind: JobKind,
  scope: JobScope,
  base: JobBase,
  pools: WorkerPool[],
  extra: { provisioning: ProvisioningModel; timeoutSeconds: number | null; backingJobName?: string | null },
): VertexJob {
  const main = dominantPool(pools);
  return {
    ...base,
    project: scope.project,
    region: scope.region,
    kind,
    machine: main?.machine ?? { machineType: null, acceleratorType: null, acceleratorCount: 0 },
    replicaCount: pools.reduce((sum, pool) => sum + pool.replicaCount, 0) || 1,
    provisioning: extra.provisioning,
    timeoutSeconds: extra.timeoutSeconds,
    workerPools: pools,
    backingJobName: extra.backingJobName ?? null,
  };
}

function baseFrom(job: {
  name?: string | null;
  displayName?: string | null;
  state?: unknown;
  labels?: unknown;
  createTime?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  updateTime?: unknown;
}): JobBase {
  return {
    name: job.name ?? '',
    displayName: job.displayName ?? '',
    state: jobStateFrom(job.state),
    labels: labelsFrom(job.labels),
    createTime: timestampFrom(job.createTime),
    startTime: timestampFrom(job.startTime),
    endTime: timestampFrom(job.endTime),
    updateTime: timestampFrom(job.updateTime),
  };
}

export function customJobFrom(job: ICustomJob, scope: JobScope): VertexJob {
  const spec = job.jobSpec;
  return jobFrom('custom', scope, baseFrom(job), poolsFromSpec(spec, 1), {
    provisioning: jobProvisioning(spec?.scheduling?.strategy, poolMachineSpecs(spec)),
    timeoutSeconds: durationSeconds(spec?.scheduling?.timeout),
  });
}

export function tuningJobFrom(job: IHyperparameterTuningJob, scope: JobScope): VertexJob {
  const spec = job.trialJobSpec;
  // Trials run `parallelTrialCount` at a time, each with the full set of worker pools.
  const parallel = count(job.parallelTrialCount, 1);
  return jobFrom('hptuning', scope, baseFrom(job), poolsFromSpec(spec, parallel), {
    provisioning: jobProvisioning(spec?.scheduling?.strategy, poolMachineSpecs(spec)),
    timeoutSeconds: durationSeconds(spec?.scheduling?.timeout),
  });
}

// BatchDedicatedResources.maxReplicaCount: "The default value is 10."
const BATCH_DEFAULT_MAX_REPLICAS = 10;

export function batchPredictionJobFrom(job: IBatchPredictionJob, scope: JobScope): VertexJob {
  const resources = job.dedicatedResources;
  const pools: WorkerPool[] = resources?.machineSpec?.machineType
    ? [
        {
          machine: machineFrom(resources.machineSpec),
          // The replicas it starts with (real jobs often set only these; the maximum is a cap, 10 by default).
          // What it used is resourcesConsumed.replicaHours, below.
          replicaCount: count(
            resources.startingReplicaCount,
            count(resources.maxReplicaCount, BATCH_DEFAULT_MAX_REPLICAS),
          ),
        },
      ]
    : [];
  const replicaHours = Number(job.resourcesConsumed?.replicaHours);
  return {
    ...jobFrom('batch_prediction', scope, baseFrom(job), pools, {
      provisioning: jobProvisioning(null, [resources?.machineSpec]),
      timeoutSeconds: null,
    }),
    replicaHours: Number.isFinite(replicaHours) && replicaHours > 0 ? replicaHours : null,
  };
}

export function trainingPipelineFrom(pipeline: ITrainingPipeline, scope: JobScope): VertexJob {
  const inputs = valueToJson(pipeline.trainingTaskInputs) as {
    workerPoolSpecs?: Array<{ machineSpec?: IMachineSpec; replicaCount?: unknown }>;
    scheduling?: { timeout?: unknown; strategy?: unknown };
  } | null;
  const metadata = valueToJson(pipeline.trainingTaskMetadata) as { backingCustomJob?: unknown } | null;
  const pools = (inputs?.workerPoolSpecs ?? [])
    .filter((pool) => pool?.machineSpec?.machineType)
    .map((pool) => ({ machine: machineFrom(pool.machineSpec), replicaCount: count(pool.replicaCount, 1) }));
  const backing = typeof metadata?.backingCustomJob === 'string' ? metadata.backingCustomJob : null;
  return jobFrom('training_pipeline', scope, baseFrom(pipeline), pools, {
    provisioning: jobProvisioning(
      inputs?.scheduling?.strategy,
      (inputs?.workerPoolSpecs ?? []).map((pool) => pool?.machineSpec),
    ),
    timeoutSeconds: durationSeconds(inputs?.scheduling?.timeout),
    backingJobName: backing,
  });
}

export function pipelineJobFrom(job: IPipelineJob, scope: JobScope): VertexJob {
  return jobFrom('pipeline', scope, baseFrom(job), [], { provisioning: 'on-demand', timeoutSeconds: null });
}

export function deployedModelFrom(endpointName: string, model: IDeployedModel): DeployedModel {
  const dedicated = model.dedicatedResources;
  const automatic = model.automaticResources;
  const minReplicas = count(dedicated?.minReplicaCount ?? automatic?.minReplicaCount, dedicated ? 1 : 0);
  return {
    endpointName,
    deployedModelId: model.id ?? '',
    model: model.model ?? '',
    displayName: model.displayName ?? '',
    dedicated: Boolean(dedicated),
    machine: machineFrom(dedicated?.machineSpec),
    minReplicas,
    maxReplicas: Math.max(
      minReplicas,
      count(dedicated?.maxReplicaCount ?? automatic?.maxReplicaCount, minReplicas),
    ),
    provisioning:
      dedicated?.spot === true ? 'spot' : onReservation(dedicated?.machineSpec) ? 'reservation' : 'on-demand',
    createTime: timestampFrom(model.createTime),
    sharedResources: model.sharedResources || null,
  };
}

export function endpointFrom(endpoint: IEndpoint, scope: JobScope): VertexEndpoint {
  const name = endpoint.name ?? '';
  return {
    name,
    project: scope.project,
    region: scope.region,
    displayName: endpoint.displayName ?? '',
    labels: labelsFrom(endpoint.labels),
    createTime: timestampFrom(endpoint.createTime),
    deployedModels: (endpoint.deployedModels ?? []).map((model) => deployedModelFrom(name, model)),
    trafficSplit: trafficSplitFrom(endpoint.trafficSplit),
    ...endpointKindFrom(endpoint),
  };
}

/** The endpoint's kind from the fields that set it, and the metric that sees its traffic. */
export function endpointKindFrom(endpoint: IEndpoint): {
  kind: EndpointKind;
  trafficVisibility: TrafficVisibility;
} {
  // "network and private_service_connect_config are mutually exclusive" (endpoint.proto).
  if (
    endpoint.privateServiceConnectConfig?.enablePrivateServiceConnect ||
    endpoint.enablePrivateServiceConnect
  )
    return { kind: 'private-service-connect', trafficVisibility: 'unknown' };
  if (endpoint.network)
    return { kind: 'private-service-access', trafficVisibility: 'private_response_count' };
  if (endpoint.dedicatedEndpointEnabled) return { kind: 'dedicated-public', trafficVisibility: 'unknown' };
  return { kind: 'shared-public', trafficVisibility: 'prediction_count' };
}

/** map<string, int32>: the REST client hands over a plain object of numbers. */
export function trafficSplitFrom(value: unknown): TrafficSplit {
  if (!value || typeof value !== 'object') return {};
  const split: TrafficSplit = {};
  for (const [id, percent] of Object.entries(value as Record<string, unknown>)) {
    const number = Number(percent);
    if (Number.isFinite(number)) split[id] = number;
  }
  return split;
}

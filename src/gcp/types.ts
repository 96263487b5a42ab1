import type { JobKind, JobState } from '../domain/jobs.js';
import type { ProvisioningModel } from '../domain/provisioning.js';
import type { TrafficSplit } from './trafficSplit.js';

// Domain shapes the Google adapters return. Everything outside src/gcp/ sees only these, never the
// client libraries' protobuf types, so collect/, audit/ and remediate/ stay independent of @google-cloud/*.

export type { JobKind, JobState } from '../domain/jobs.js';
export type { ProvisioningModel } from '../domain/provisioning.js';

export interface MachineSpec {
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
}

/** One worker pool of a job: every replica in it runs on the same machine. */
export interface WorkerPool {
  machine: MachineSpec;
  replicaCount: number;
}

export interface VertexJob {
  /** Full resource name, e.g. projects/p/locations/us-central1/customJobs/123. */
  name: string;
  project: string;
  region: string;
  kind: JobKind;
  displayName: string;
  state: JobState;
  labels: Record<string, string>;
  /** The largest worker pool's machine (the one that dominates cost). */
  machine: MachineSpec;
  /** Total replicas across worker pools. */
  replicaCount: number;
  /**
   * scheduling.strategy SPOT → spot, FLEX_START → flex-start; a worker pool's machineSpec.reservationAffinity
   * naming a SPECIFIC_RESERVATION → reservation; else on-demand.
   */
  provisioning: ProvisioningModel;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  /** When Google last changed the job (a watermark for the next sync); absent where not read. */
  updateTime?: string | null;
  /** scheduling.timeout in seconds; null when the job uses the service default (7 days). */
  timeoutSeconds: number | null;
  /**
   * Batch prediction: replica-hours used so far, as Google reports them (resourcesConsumed.replicaHours, "in real
   * time at best effort basis, as well as a final value once the job completes"); null when not reported.
   */
  replicaHours?: number | null;
  /**
   * Every worker pool (for tuning jobs, already multiplied by the trials running side by side), so a price can
   * add them up; empty when the job does not say what it runs on (pipeline jobs, AutoML training).
   */
  workerPools: WorkerPool[];
  /**
   * Training pipelines that run custom training create a custom job which is listed (and billed) on its own;
   * its name is here so the pipeline's cost is not counted twice.
   */
  backingJobName: string | null;
}

export interface DeployedModel {
  endpointName: string;
  deployedModelId: string;
  model: string;
  displayName: string;
  /** false for automatic resources / shared pools: those cannot be undeployed for savings the same way. */
  dedicated: boolean;
  machine: MachineSpec;
  minReplicas: number;
  maxReplicas: number;
  /** dedicatedResources.spot → spot; machineSpec.reservationAffinity naming a SPECIFIC_RESERVATION → reservation. */
  provisioning: ProvisioningModel;
  createTime: string | null;
  /**
   * The deployment resource pool the model shares (DeployedModel.shared_resources), null otherwise. Its machines
   * and replicas are the pool's: see listDeploymentResourcePools.
   */
  sharedResources?: string | null;
}

/**
 * How an endpoint is reached (endpoint.proto): on the shared regional host; on its own dedicated DNS name
 * (`dedicatedEndpointEnabled`); privately through VPC peering, private services access (`network`); or through
 * Private Service Connect (`privateServiceConnectConfig`, or the deprecated `enablePrivateServiceConnect`).
 */
export type EndpointKind =
  | 'shared-public'
  | 'dedicated-public'
  | 'private-service-access'
  | 'private-service-connect';

/**
 * Which Monitoring metric sees an endpoint's requests: `prediction_count` for shared public endpoints;
 * `private_response_count` (prediction/online/private/response_count) for private services access endpoints,
 * whose requests bypass the public front end; `unknown` where Google documents no metric (dedicated public and
 * Private Service Connect endpoints): missing series there are no proof of idleness.
 */
export type TrafficVisibility = 'prediction_count' | 'private_response_count' | 'unknown';

export interface VertexEndpoint {
  name: string;
  project: string;
  region: string;
  displayName: string;
  labels: Record<string, string>;
  createTime: string | null;
  deployedModels: DeployedModel[];
  /**
   * Deployed model id → percent of the endpoint's requests it receives (values add up to 100; empty when no
   * model is deployed). Undeploying a model that has a share needs a new split: see trafficSplitWithout.
   */
  trafficSplit: TrafficSplit;
  kind: EndpointKind;
  trafficVisibility: TrafficVisibility;
}

export interface CatalogPrice {
  /** Price per usage unit in the SKU's currency, from the first tier with a non-zero price. */
  unitPrice: number;
  currency: string;
  usageUnit: string;
  effectiveTime: string;
}

export interface CatalogSku {
  skuId: string;
  description: string;
  serviceRegions: string[];
  resourceFamily: string;
  resourceGroup: string;
  usageType: string;
  price: CatalogPrice | null;
}

/** One hourly point of a Monitoring series, grouped by endpoint and deployed model. */
export interface TrafficPoint {
  endpointId: string;
  /** The endpoint's region when Monitoring names it (resource label `location`), else null. */
  location: string | null;
  deployedModelId: string;
  /** Start of the hour, RFC 3339. */
  hour: string;
  value: number;
}

export type TrafficMetric = 'prediction_count' | 'replicas';

/**
 * Resource use of a deployed model's replicas (GAUGE metrics on aiplatform.googleapis.com/Endpoint), each read
 * hourly and combined over the model's replicas: accelerator duty cycle (fraction of time the accelerators were
 * busy, mean over replicas), accelerator memory in use (bytes, busiest replica), CPU utilization (fraction, mean
 * over replicas) and host memory in use (bytes, busiest replica).
 */
export type UtilizationMetric =
  | 'accelerator_duty_cycle'
  | 'accelerator_memory_bytes'
  | 'cpu_utilization'
  | 'memory_bytes';

/** A daily aggregate returned by the billing export query. */
export interface BillingAggregateRow {
  day: string; // YYYY-MM-DD
  project: string;
  service: string;
  skuId: string;
  skuDescription: string;
  location: string;
  /** The configured label keys the rows carry. */
  labels: Record<string, string>;
  /** Value of `goog-vertex-ai-product`: Compute Engine usage Vertex AI ran on Spot, reserved or Flex-start VMs. */
  vertexProduct: string | null;
  /** The rows carry `vertex-ai-pipelines-run-billing-id`: resources a pipeline run launched. */
  pipelineRun: boolean;
  cost: number;
  credits: number;
  currency: string;
  /** Usage summed in the catalog's pricing unit (usage.amount_in_pricing_units), else in the export's base unit. */
  usageAmount: number;
  /** usage.pricing_unit ("count" for one token), else usage.unit; null when the export gives neither. */
  usageUnit: string | null;
}

export type GcpErrorKind = 'retryable' | 'not-found' | 'permission' | 'quota' | 'invalid' | 'other';

/**
 * How a long-running change (undeploy, scale) ended from the caller's point of view:
 * - `succeeded`: the operation finished without error;
 * - `failed`: the operation finished with an error (`error` says what Google reported);
 * - `timeout`: still running when the caller's time ran out; it may still complete later (re-check the resource);
 * - `not-found`: the endpoint or deployed model does not exist (already undeployed or deleted).
 */
export type OperationStatus = 'succeeded' | 'failed' | 'timeout' | 'not-found';

export interface OperationOutcome {
  done: boolean;
  error: string | null;
  status: OperationStatus;
  /** The operation's resource name, when one was started. */
  operationName: string | null;
}

/**
 * What a cancel request achieved:
 * - `requested`: Google accepted the cancel; the job moves to CANCELLING, then CANCELLED;
 * - `already-finished`: the job is already in a final state (Google refuses with FAILED_PRECONDITION);
 * - `not-found`: no such job (deleted, or the name is wrong).
 */
export type CancelOutcome = 'requested' | 'already-finished' | 'not-found';

/** The answer to one billing export query. */
export interface BillingQueryResult {
  rows: BillingAggregateRow[];
  /**
   * The newest export_time among the rows the query scanned (any service), RFC 3339 to the microsecond; null
   * when nothing was appended after the query's `exportedAfter`.
   */
  exportedThrough: string | null;
  bytesProcessed: number;
  bytesBilled: number;
  jobId: string | null;
}

/** One metric's hourly points for one project, and the span of time they cover. */
export interface TrafficSeries {
  metric: TrafficMetric;
  points: TrafficPoint[];
  /** Start of the first hour asked for, RFC 3339. */
  from: string;
  /** End (exclusive) of the last complete hour asked for, RFC 3339. */
  to: string;
}

/** How current the billing export is: the newest export_time in its partitions from `sinceDay` on. */
export interface LatestExportTime {
  /** RFC 3339; null when no row was exported since `sinceDay`. */
  latestExportTime: string | null;
  sinceDay: string;
  bytesProcessed: number;
  jobId: string | null;
}

/** One utilization metric's hourly points for one project (every deployed model, all regions). */
export interface UtilizationSeries {
  metric: UtilizationMetric;
  points: TrafficPoint[];
  from: string;
  to: string;
}

/** Hourly responses of private services access endpoints (prediction/online/private/response_count). */
export interface PrivateTrafficSeries {
  metric: 'private_response_count';
  points: TrafficPoint[];
  from: string;
  to: string;
}

/** PersistentResource.State by name. */
export type PersistentResourceState =
  | 'PROVISIONING'
  | 'RUNNING'
  | 'STOPPING'
  | 'ERROR'
  | 'REBOOTING'
  | 'UPDATING'
  | 'UNSPECIFIED';

/** One pool of identical machines in a persistent resource. */
export interface PersistentResourcePool {
  id: string;
  machine: MachineSpec;
  /** Machines held (the autoscaling minimum when autoscaling is on and no count is given). */
  replicaCount: number;
  /** Machines in use by training jobs now. */
  usedReplicaCount: number;
  autoscaling: { minReplicas: number; maxReplicas: number } | null;
}

/** A training cluster kept running between jobs (persistentResources.list): it costs while it exists. */
export interface PersistentResource {
  name: string;
  project: string;
  region: string;
  displayName: string;
  state: PersistentResourceState;
  labels: Record<string, string>;
  createTime: string | null;
  /** First time it entered RUNNING. */
  startTime: string | null;
  updateTime: string | null;
  pools: PersistentResourcePool[];
}

/** Machines shared by several deployed models (deploymentResourcePools.list). */
export interface DeploymentResourcePool {
  name: string;
  project: string;
  region: string;
  machine: MachineSpec;
  minReplicas: number;
  maxReplicas: number;
  spot: boolean;
  createTime: string | null;
}

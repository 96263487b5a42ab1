// Domain shapes the Google adapters return. Everything outside src/gcp/ sees only these, never the
// client libraries' protobuf types, so collect/, audit/ and remediate/ stay independent of @google-cloud/*.

export type JobKind = 'custom' | 'hptuning' | 'training_pipeline' | 'pipeline' | 'batch_prediction';

/** Vertex AI job states by name (JOB_STATE_*, PIPELINE_STATE_* are mapped to these). */
export type JobState =
  | 'QUEUED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELLED'
  | 'PAUSED'
  | 'EXPIRED'
  | 'UPDATING'
  | 'PARTIALLY_SUCCEEDED'
  | 'UNSPECIFIED';

export interface MachineSpec {
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
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
  spot: boolean;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  /** scheduling.timeout in seconds; null when the job uses the service default (7 days). */
  timeoutSeconds: number | null;
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
  spot: boolean;
  createTime: string | null;
}

export interface VertexEndpoint {
  name: string;
  project: string;
  region: string;
  displayName: string;
  labels: Record<string, string>;
  createTime: string | null;
  deployedModels: DeployedModel[];
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
  deployedModelId: string;
  /** Start of the hour, RFC 3339. */
  hour: string;
  value: number;
}

export type TrafficMetric = 'prediction_count' | 'replicas';

/** A daily aggregate returned by the billing export query. */
export interface BillingAggregateRow {
  day: string; // YYYY-MM-DD
  project: string;
  service: string;
  skuId: string;
  skuDescription: string;
  location: string;
  labels: Record<string, string>;
  cost: number;
  credits: number;
  currency: string;
}

export type GcpErrorKind = 'retryable' | 'not-found' | 'permission' | 'quota' | 'invalid' | 'other';

export interface OperationOutcome {
  done: boolean;
  error: string | null;
}

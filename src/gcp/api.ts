// The small surface the rest of burnrate uses to reach Google. Implementations live next to this file and are
// the only code importing @google-cloud/*; every method throws GcpError (src/gcp/errors.ts) on failure.

import type { JobListCriteria } from './jobFilter.js';
import type { TrafficSplit } from './trafficSplit.js';
import type {
  BillingQueryResult,
  CancelOutcome,
  CatalogSku,
  DeploymentResourcePool,
  JobKind,
  LatestExportTime,
  OperationOutcome,
  PersistentResource,
  PrivateTrafficSeries,
  TrafficMetric,
  TrafficSeries,
  UtilizationMetric,
  UtilizationSeries,
  VertexEndpoint,
  VertexJob,
} from './types.js';

export interface VertexApi {
  /**
   * Every custom, hyperparameter tuning and batch prediction job, training pipeline and pipeline job in one
   * project and region, all pages. `project` is the configured project id; it is what `VertexJob.project` says.
   * `criteria` narrows each list server-side with Google's list filter (see jobFilter.ts for what each kind
   * supports); pipeline jobs are always read with a read mask of the fields burnrate uses.
   */
  listJobs(project: string, region: string, criteria?: JobListCriteria): Promise<VertexJob[]>;

  /** Every endpoint in one project and region with its deployed models, all pages. */
  listEndpoints(project: string, region: string): Promise<VertexEndpoint[]>;

  /**
   * One endpoint by full name, as Google sees it now; null when it no longer exists (HTTP 404). Use it to re-check
   * a finding before acting. Other failures (permission, unavailable) throw GcpError.
   */
  getEndpoint(name: string, project?: string): Promise<VertexEndpoint | null>;

  /**
   * One job by full name (any kind; the kind is read from the name's collection); null when it no longer exists.
   * `project` defaults to the project segment of the name.
   */
  getJob(name: string, project?: string): Promise<VertexJob | null>;

  /**
   * Asks Vertex AI to cancel a job. Resolves `requested` when accepted (the job goes CANCELLING → CANCELLED on its
   * own), `already-finished` when it has ended (FAILED_PRECONDITION), `not-found` when it does not exist. Retried on
   * transient errors (cancelling twice is harmless). `kind` defaults to the one in the name.
   */
  cancelJob(name: string, kind?: JobKind): Promise<CancelOutcome>;

  /**
   * Undeploys one model from an endpoint and waits up to `timeoutMs` for the operation. Outcome `not-found` means
   * the endpoint or deployed model is already gone — the goal is met. `timeout` means the operation was started
   * but had not finished: re-check with getEndpoint later. Never retried (the request is not idempotent).
   *
   * `trafficSplit` becomes the endpoint's split (Google overwrites it with the request's); it must give the
   * removed model 0 and add up to 100 — `trafficSplitWithout(endpoint.trafficSplit, id)` computes it. Google
   * refuses (GcpError, grpcStatus FAILED_PRECONDITION) to undeploy a model that still has traffic when other
   * models remain and no split unassigns it; the last model on an endpoint needs none.
   */
  undeployModel(
    endpoint: string,
    deployedModelId: string,
    timeoutMs: number,
    trafficSplit?: TrafficSplit,
  ): Promise<OperationOutcome>;

  /**
   * Sets a dedicated deployed model's minimum replica count (raising the maximum when it would be lower) via
   * mutateDeployedModel, waiting up to `timeoutMs`. Outcome `not-found` when the endpoint or model is gone.
   * Throws GcpError kind `invalid` for models on automatic or shared resources, which have no replica settings.
   */
  setMinReplicas(
    endpoint: string,
    deployedModelId: string,
    minReplicas: number,
    timeoutMs: number,
  ): Promise<OperationOutcome>;
}

/** Capacity held outside jobs and endpoints, which costs while it exists. */
export interface CapacityApi {
  /**
   * Every persistent resource (training cluster kept between jobs) in one project and region, all pages. They
   * cost while they exist, whatever runs on them. Google's list has no filter.
   */
  listPersistentResources(project: string, region: string): Promise<PersistentResource[]>;

  /**
   * Every deployment resource pool in one project and region, all pages: machines shared by the deployed models
   * whose `sharedResources` names the pool, billed once for the pool.
   */
  listDeploymentResourcePools(project: string, region: string): Promise<DeploymentResourcePool[]>;
}

export interface CatalogApi {
  /**
   * Every SKU of the service whose display name is `serviceDisplayName` (e.g. "Vertex AI"), priced in
   * `currencyCode` (ISO 4217, default USD; Google converts its USD list prices).
   */
  listSkus(serviceDisplayName: string, currencyCode?: string): Promise<CatalogSku[]>;
}

export interface TrafficQuery {
  project: string;
  metric: TrafficMetric;
  /** Start of the first hour (inclusive). */
  from: Date;
  /** End of the last hour (exclusive). */
  to: Date;
}

export interface MonitoringApi {
  /**
   * Hourly points of one metric for every endpoint and deployed model in a project, all regions: a single
   * aligned, server-side grouped query (plus its pages), never one per endpoint.
   */
  hourlyTraffic(query: TrafficQuery): Promise<TrafficSeries>;
  /**
   * Hourly responses of private services access endpoints (all response codes), which prediction_count does not
   * count: the traffic signal for endpoints whose `trafficVisibility` is `private_response_count`. One query per
   * project, like hourlyTraffic.
   */
  hourlyPrivateResponses(query: Omit<TrafficQuery, 'metric'>): Promise<PrivateTrafficSeries>;
  /**
   * Hourly resource use of every deployed model in a project (accelerator duty cycle and memory, CPU utilization,
   * host memory), one metric per call: one query per project, like hourlyTraffic.
   */
  hourlyUtilization(query: UtilizationQuery): Promise<UtilizationSeries>;
}

export interface UtilizationQuery extends Omit<TrafficQuery, 'metric'> {
  metric: UtilizationMetric;
}

export interface BillingQuery {
  /** First usage day (inclusive), YYYY-MM-DD in `timezone`. */
  startDay: string;
  /** Day after the last (exclusive). */
  endDay: string;
  timezone: string;
  /** Only rows appended after this export_time (RFC 3339, to the microsecond): the last one already read. */
  exportedAfter: string;
  /** First partition (UTC day of export) to scan: rows exported after `exportedAfter` lie in it or later. */
  sinceDay: string;
}

export interface BillingExportApi {
  /**
   * Daily aggregates of the rows appended to the configured export table after `exportedAfter`, and how far the
   * export has got (the newest export_time in the partitions read); the aggregation runs in BigQuery.
   */
  dailyCosts(query: BillingQuery): Promise<BillingQueryResult>;
  /**
   * The newest export_time in the export's partitions from `sinceDay` (YYYY-MM-DD, UTC) on — one column of a
   * few partitions, so cheap enough to ask before deciding whether a full billing query is worth running.
   */
  latestExportTime(sinceDay: string): Promise<LatestExportTime>;
}

export interface Gcp {
  vertex: VertexApi;
  capacity: CapacityApi;
  catalog: CatalogApi;
  monitoring: MonitoringApi;
  /** Null when no billing export table is configured. */
  billing: BillingExportApi | null;
  /**
   * Resolves when calls can be authenticated (always, against BURNRATE_GCP_ENDPOINT); rejects with a message
   * saying how to provide credentials. Checked before any client is built: a client whose credentials fail
   * leaves rejected promises behind for every method it never called.
   */
  checkCredentials(): Promise<void>;
  /** Releases the clients' connections. */
  close(): Promise<void>;
}

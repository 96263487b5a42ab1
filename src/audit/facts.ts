// The rows rules look at, read once per audit and parsed into plain objects (labels as maps, times as
// strings). Rules never touch the database; tests build these objects directly.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { liveCapacity } from '../db/queries/capacity.js';
import { liveDeployedModels, minReplicaHistory } from '../db/queries/deployedModels.js';
import { allJobRows } from '../db/queries/jobs.js';
import { coverageRows, deployedModelTraffic } from '../db/queries/traffic.js';
import { deployedModelUtilization } from '../db/queries/utilization.js';
import { FINISHED_JOB_STATES } from '../domain/jobs.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { loadPriceBook } from '../pricing/storedPriceBook.js';
import { rfc3339 } from '../time/instants.js';
import type { TrafficShare } from './model.js';

export interface TrafficHour {
  /** Start of the hour, RFC 3339 UTC. */
  hour: string;
  predictions: number | null;
  /** Mean replica count in the hour. */
  replicas: number | null;
  /** Responses of a private services access endpoint (private/response_count), which prediction_count misses. */
  privateResponses: number | null;
}

/** What a deployed model's replicas used in an hour; null where Monitoring had no point (no data, not zero). */
export interface UtilizationHour {
  /** Start of the hour, RFC 3339 UTC. */
  hour: string;
  /** Fraction of the time the accelerators were busy, mean over the hour and the replicas. */
  acceleratorDutyCycle: number | null;
  /** Accelerator memory in use on the fullest replica, bytes (the hour's peak). */
  acceleratorMemoryBytes: number | null;
  /** Fraction of the vCPUs busy, mean over the hour and the replicas. */
  cpuUtilization: number | null;
  /** Host memory in use on the fullest replica, bytes (the hour's peak). */
  memoryBytes: number | null;
}

export interface DeployedModelFacts {
  endpointName: string;
  endpointDisplayName: string;
  deployedModelId: string;
  displayName: string;
  model: string;
  project: string;
  region: string;
  /** The endpoint's labels (owner, team…). */
  labels: Record<string, string>;
  dedicated: boolean;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  minReplicas: number;
  maxReplicas: number;
  spot: boolean;
  /** When the model was deployed (createTime, else when sync first saw it). */
  deployedSince: string;
  /** Per replica; null when unpriced. */
  hourlyPrice: number | null;
  unpricedReason: string | null;
  /** When sync last saw the deployment. */
  lastSeen: string;
  /** How the endpoint is reached (EndpointKind); null until a sync has read it. */
  endpointKind: string | null;
  /** Which Monitoring metric sees the endpoint's requests (TrafficVisibility); 'unknown' when none does. */
  trafficVisibility: string;
  /** The model's share of its endpoint's requests, whole percent. */
  trafficPercent: number;
  /** Every live model on the endpoint with its share: the endpoint's traffic split. */
  endpointSplit: TrafficShare[];
  /** The deployment resource pool whose machines the model shares, or null. */
  sharedResources: string | null;
  /** Hourly Monitoring points, oldest first. */
  traffic: TrafficHour[];
  /** Hourly resource use, oldest first (read for projects with accelerator deployments). */
  utilization: UtilizationHour[];
  /** Observed min-replica settings over time, oldest first. */
  minReplicaHistory: Array<{ observedAt: string; minReplicas: number }>;
}

export interface JobFacts {
  name: string;
  project: string;
  region: string;
  kind: string;
  displayName: string;
  state: string;
  labels: Record<string, string>;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  replicaCount: number;
  spot: boolean;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  timeoutSeconds: number | null;
  /** For the whole job; null when unpriced. */
  hourlyPrice: number | null;
  unpricedReason: string | null;
  /** When sync last saw the job. */
  lastSeen: string;
}

/** What span of Monitoring data the last fetch for a project covered, and whether that fetch failed. */
export interface CoverageFacts {
  project: string;
  metric: string;
  coveredFrom: string | null;
  coveredTo: string | null;
  lastAttemptAt: string;
  lastError: string | null;
}

/** A deployment resource pool that exists now: machines shared by the deployed models that name it. */
export interface ResourcePoolFacts {
  name: string;
  project: string;
  region: string;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  minReplicas: number;
  /** When it was created (else first seen). */
  since: string;
  /** Per replica; null when unpriced. */
  hourlyPrice: number | null;
  unpricedReason: string | null;
  /** When sync last saw it. */
  lastSeen: string;
}

export interface AuditFacts {
  /** Models deployed now, dedicated or not (models on a pool name it in `sharedResources`). */
  deployedModels: DeployedModelFacts[];
  jobs: JobFacts[];
  coverage: CoverageFacts[];
  resourcePools: ResourcePoolFacts[];
  /** Catalog prices in effect now, to price the machines a rule suggests instead. */
  prices: PriceBook;
}

/**
 * Reads what the rules need: models still deployed (with their traffic and resource use since `trafficSince`),
 * every job (history matters for expected runtimes), Monitoring coverage, the deployment resource pools that exist,
 * and the catalog prices in effect at `now`.
 */
/** Audit facts; prices are read in `currency`, the billing account's. */
export function loadAuditFacts(store: Store, trafficSince: Date, now: Date, currency: string): AuditFacts {
  const since = rfc3339(trafficSince);
  const live = liveDeployedModels(store);
  const splits = new Map<string, TrafficShare[]>();
  for (const row of live) {
    const shares = splits.get(row.endpoint_name) ?? [];
    shares.push({
      deployedModelId: row.deployed_model_id,
      displayName: row.display_name,
      percent: row.traffic_percent,
    });
    splits.set(row.endpoint_name, shares);
  }
  const deployedModels = live.map(
    (row): DeployedModelFacts => ({
      endpointName: row.endpoint_name,
      endpointDisplayName: row.endpoint_display_name,
      deployedModelId: row.deployed_model_id,
      displayName: row.display_name,
      model: row.model,
      project: row.project,
      region: row.region,
      labels: parseLabels(row.endpoint_labels),
      dedicated: row.dedicated === 1,
      machineType: row.machine_type,
      acceleratorType: row.accelerator_type,
      acceleratorCount: row.accelerator_count,
      minReplicas: row.min_replicas,
      maxReplicas: row.max_replicas,
      spot: row.spot === 1,
      deployedSince: row.create_time ?? row.first_seen,
      hourlyPrice: row.hourly_price,
      unpricedReason: row.unpriced_reason,
      lastSeen: row.last_seen,
      endpointKind: row.endpoint_kind,
      trafficVisibility: row.traffic_visibility,
      trafficPercent: row.traffic_percent,
      endpointSplit: splits.get(row.endpoint_name) ?? [],
      sharedResources: row.shared_resources,
      traffic: deployedModelTraffic(store, row.endpoint_name, row.deployed_model_id, since),
      utilization: deployedModelUtilization(store, row.endpoint_name, row.deployed_model_id, since),
      minReplicaHistory: minReplicaHistory(store, row.endpoint_name, row.deployed_model_id),
    }),
  );
  // A job deleted while it looked active is not running (its history, once finished, still counts).
  const jobs = allJobRows(store)
    .filter((row) => row.gone_at === null || FINISHED_JOB_STATES.has(row.state))
    .map(
      (row): JobFacts => ({
        name: row.name,
        project: row.project,
        region: row.region,
        kind: row.kind,
        displayName: row.display_name,
        state: row.state,
        labels: parseLabels(row.labels),
        machineType: row.machine_type,
        acceleratorType: row.accelerator_type,
        acceleratorCount: row.accelerator_count,
        replicaCount: row.replica_count,
        spot: row.spot === 1,
        createTime: row.create_time,
        startTime: row.start_time,
        endTime: row.end_time,
        timeoutSeconds: row.timeout_seconds,
        hourlyPrice: row.hourly_price,
        unpricedReason: row.unpriced_reason,
        lastSeen: row.last_seen,
      }),
    );
  const resourcePools = liveCapacity(store).pools.map(
    (row): ResourcePoolFacts => ({
      name: row.name,
      project: row.project,
      region: row.region,
      machineType: row.machine_type,
      acceleratorType: row.accelerator_type,
      acceleratorCount: row.accelerator_count,
      minReplicas: row.min_replicas,
      since: row.since,
      hourlyPrice: row.hourly_price,
      unpricedReason: row.unpriced_reason,
      lastSeen: row.last_seen,
    }),
  );
  return {
    deployedModels,
    jobs,
    coverage: coverageRows(store),
    resourcePools,
    prices: loadPriceBook(store, now, currency),
  };
}

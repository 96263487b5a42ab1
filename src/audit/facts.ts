// The rows rules look at, read once per audit and parsed into plain objects (labels as maps, times as
// strings). Rules never touch the database; tests build these objects directly.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';

export interface TrafficHour {
  /** Start of the hour, RFC 3339 UTC. */
  hour: string;
  predictions: number | null;
  /** Mean replica count in the hour. */
  replicas: number | null;
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
  /** Hourly Monitoring points, oldest first. */
  traffic: TrafficHour[];
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

export interface AuditFacts {
  deployedModels: DeployedModelFacts[];
  jobs: JobFacts[];
  coverage: CoverageFacts[];
}

interface DeployedModelRow {
  endpoint_name: string;
  deployed_model_id: string;
  model: string;
  display_name: string;
  dedicated: number;
  machine_type: string | null;
  accelerator_type: string | null;
  accelerator_count: number;
  min_replicas: number;
  max_replicas: number;
  spot: number;
  create_time: string | null;
  first_seen: string;
  last_seen: string;
  hourly_price: number | null;
  unpriced_reason: string | null;
  project: string;
  region: string;
  endpoint_display_name: string;
  endpoint_labels: string;
}

interface JobRow {
  name: string;
  project: string;
  region: string;
  kind: string;
  display_name: string;
  state: string;
  labels: string;
  machine_type: string | null;
  accelerator_type: string | null;
  accelerator_count: number;
  replica_count: number;
  spot: number;
  create_time: string | null;
  start_time: string | null;
  end_time: string | null;
  timeout_seconds: number | null;
  hourly_price: number | null;
  unpriced_reason: string | null;
  last_seen: string;
}

/**
 * Reads what the rules need: models still deployed (with their traffic since `trafficSince`), every job
 * (history matters for expected runtimes), and Monitoring coverage.
 */
export function loadAuditFacts(store: Store, trafficSince: Date): AuditFacts {
  const { sqlite } = store;
  const modelRows = sqlite
    .prepare(
      `SELECT dm.*, e.project, e.region, e.display_name AS endpoint_display_name, e.labels AS endpoint_labels
         FROM deployed_models dm JOIN endpoints e ON e.name = dm.endpoint_name
        WHERE dm.undeployed_at IS NULL AND e.gone_at IS NULL
        ORDER BY dm.endpoint_name, dm.deployed_model_id`,
    )
    .all() as DeployedModelRow[];
  const trafficStmt = sqlite.prepare(
    `SELECT hour, predictions, replicas FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? ORDER BY hour`,
  );
  const historyStmt = sqlite.prepare(
    `SELECT observed_at AS observedAt, min_replicas AS minReplicas FROM deployed_model_snapshots
      WHERE endpoint_name = ? AND deployed_model_id = ? ORDER BY observed_at`,
  );
  const since = trafficSince.toISOString();
  const deployedModels = modelRows.map(
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
      traffic: trafficStmt.all(row.endpoint_name, row.deployed_model_id, since) as TrafficHour[],
      minReplicaHistory: historyStmt.all(row.endpoint_name, row.deployed_model_id) as Array<{
        observedAt: string;
        minReplicas: number;
      }>,
    }),
  );
  const jobs = (sqlite.prepare('SELECT * FROM jobs ORDER BY name').all() as JobRow[]).map(
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
  const coverage = sqlite
    .prepare(
      `SELECT project, metric, covered_from AS coveredFrom, covered_to AS coveredTo,
              last_attempt_at AS lastAttemptAt, last_error AS lastError FROM telemetry_coverage`,
    )
    .all() as CoverageFacts[];
  return { deployedModels, jobs, coverage };
}

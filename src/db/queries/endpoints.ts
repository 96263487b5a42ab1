// Endpoints and their deployed models as sync stores them (endpoints, deployed_models, and
// deployed_model_snapshots: one row per observed change of a model's replica settings or deployed state).

import { allRows, type Conn, eachRow, execute, type RowOf } from '../rows.js';

export interface StoredEndpoint {
  name: string;
  displayName: string;
  labels: string;
  createTime: string | null;
  goneAt: string | null;
}

export interface StoredModel {
  endpointName: string;
  deployedModelId: string;
  model: string;
  displayName: string;
  dedicated: number;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  minReplicas: number;
  maxReplicas: number;
  spot: number;
  createTime: string | null;
  undeployedAt: string | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

export function storedEndpointsOf(conn: Conn, project: string, region: string): StoredEndpoint[] {
  return allRows(
    conn,
    'stored endpoints of a scope',
    { name: 'text', displayName: 'text', labels: 'text', createTime: 'text?', goneAt: 'text?' },
    `SELECT name, display_name AS displayName, labels, create_time AS createTime, gone_at AS goneAt
       FROM endpoints WHERE project = ? AND region = ?`,
    project,
    region,
  );
}

export function storedModelsOf(conn: Conn, project: string, region: string): StoredModel[] {
  return allRows(
    conn,
    'stored deployed models of a scope',
    {
      endpointName: 'text',
      deployedModelId: 'text',
      model: 'text',
      displayName: 'text',
      dedicated: 'number',
      machineType: 'text?',
      acceleratorType: 'text?',
      acceleratorCount: 'number',
      minReplicas: 'number',
      maxReplicas: 'number',
      spot: 'number',
      createTime: 'text?',
      undeployedAt: 'text?',
      hourlyPrice: 'number?',
      unpricedReason: 'text?',
      priceSource: 'text?',
    },
    `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, d.model, d.display_name AS displayName,
            d.dedicated, d.machine_type AS machineType, d.accelerator_type AS acceleratorType,
            d.accelerator_count AS acceleratorCount, d.min_replicas AS minReplicas, d.max_replicas AS maxReplicas,
            d.spot, d.create_time AS createTime, d.undeployed_at AS undeployedAt, d.hourly_price AS hourlyPrice,
            d.unpriced_reason AS unpricedReason, d.price_source AS priceSource
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
      WHERE e.project = ? AND e.region = ?`,
    project,
    region,
  );
}

export function upsertEndpoint(
  conn: Conn,
  e: {
    name: string;
    project: string;
    region: string;
    displayName: string;
    labels: string;
    createTime: string | null;
  },
  now: string,
): number {
  return execute(
    conn,
    `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, first_seen, last_seen, gone_at)
     VALUES (@name, @project, @region, @displayName, @labels, @createTime, @now, @now, NULL)
     ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, labels = excluded.labels,
       create_time = excluded.create_time, last_seen = excluded.last_seen, gone_at = NULL`,
    { ...e, now },
  );
}

export function touchEndpoint(conn: Conn, name: string, now: string): void {
  execute(conn, 'UPDATE endpoints SET last_seen = ? WHERE name = ? AND last_seen IS NOT ?', now, name, now);
}

export function markEndpointGone(conn: Conn, name: string, now: string): number {
  return execute(conn, 'UPDATE endpoints SET gone_at = ? WHERE name = ? AND gone_at IS NULL', now, name);
}

export function upsertDeployedModel(conn: Conn, model: StoredModel, now: string): number {
  return execute(
    conn,
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, machine_type,
                                  accelerator_type, accelerator_count, min_replicas, max_replicas, spot, create_time,
                                  first_seen, last_seen, undeployed_at, hourly_price, unpriced_reason, price_source)
     VALUES (@endpointName, @deployedModelId, @model, @displayName, @dedicated, @machineType, @acceleratorType,
             @acceleratorCount, @minReplicas, @maxReplicas, @spot, @createTime, @now, @now, @undeployedAt,
             @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (endpoint_name, deployed_model_id) DO UPDATE SET
       model = excluded.model, display_name = excluded.display_name, dedicated = excluded.dedicated,
       machine_type = excluded.machine_type, accelerator_type = excluded.accelerator_type,
       accelerator_count = excluded.accelerator_count, min_replicas = excluded.min_replicas,
       max_replicas = excluded.max_replicas, spot = excluded.spot, create_time = excluded.create_time,
       last_seen = excluded.last_seen, undeployed_at = excluded.undeployed_at, hourly_price = excluded.hourly_price,
       unpriced_reason = excluded.unpriced_reason, price_source = excluded.price_source`,
    { ...model, now },
  );
}

export function touchDeployedModel(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  now: string,
): void {
  execute(
    conn,
    'UPDATE deployed_models SET last_seen = ? WHERE endpoint_name = ? AND deployed_model_id = ? AND last_seen IS NOT ?',
    now,
    endpointName,
    deployedModelId,
    now,
  );
}

export function markModelUndeployed(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  now: string,
): number {
  return execute(
    conn,
    `UPDATE deployed_models SET undeployed_at = ?
      WHERE endpoint_name = ? AND deployed_model_id = ? AND undeployed_at IS NULL`,
    now,
    endpointName,
    deployedModelId,
  );
}

export function snapshotDeployedModel(
  conn: Conn,
  s: {
    endpointName: string;
    deployedModelId: string;
    observedAt: string;
    minReplicas: number;
    maxReplicas: number;
    deployed: boolean;
  },
): number {
  return execute(
    conn,
    `INSERT OR IGNORE INTO deployed_model_snapshots
       (endpoint_name, deployed_model_id, observed_at, min_replicas, max_replicas, deployed)
     VALUES (?, ?, ?, ?, ?, ?)`,
    s.endpointName,
    s.deployedModelId,
    s.observedAt,
    s.minReplicas,
    s.maxReplicas,
    s.deployed ? 1 : 0,
  );
}

const DEPLOYED_MODEL_FACTS_ROW = {
  endpoint_name: 'text',
  deployed_model_id: 'text',
  model: 'text',
  display_name: 'text',
  dedicated: 'number',
  machine_type: 'text?',
  accelerator_type: 'text?',
  accelerator_count: 'number',
  min_replicas: 'number',
  max_replicas: 'number',
  spot: 'number',
  create_time: 'text?',
  first_seen: 'text',
  last_seen: 'text',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
  project: 'text',
  region: 'text',
  endpoint_display_name: 'text',
  endpoint_labels: 'text',
} as const;
export type DeployedModelFactsRow = RowOf<typeof DEPLOYED_MODEL_FACTS_ROW>;

/** Models still deployed on endpoints still listed, with their endpoint's project, region, name and labels. */
export function liveDeployedModels(conn: Conn): DeployedModelFactsRow[] {
  return allRows(
    conn,
    'live deployed models',
    DEPLOYED_MODEL_FACTS_ROW,
    `SELECT dm.endpoint_name, dm.deployed_model_id, dm.model, dm.display_name, dm.dedicated, dm.machine_type,
            dm.accelerator_type, dm.accelerator_count, dm.min_replicas, dm.max_replicas, dm.spot, dm.create_time,
            dm.first_seen, dm.last_seen, dm.hourly_price, dm.unpriced_reason,
            e.project, e.region, e.display_name AS endpoint_display_name, e.labels AS endpoint_labels
       FROM deployed_models dm JOIN endpoints e ON e.name = dm.endpoint_name
      WHERE dm.undeployed_at IS NULL AND e.gone_at IS NULL
      ORDER BY dm.endpoint_name, dm.deployed_model_id`,
  );
}

/** Observed min-replica settings of a deployed model over time, oldest first. */
export function minReplicaHistory(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
): Array<{ observedAt: string; minReplicas: number }> {
  return allRows(
    conn,
    'min replica history',
    { observedAt: 'text', minReplicas: 'number' },
    `SELECT observed_at AS observedAt, min_replicas AS minReplicas FROM deployed_model_snapshots
      WHERE endpoint_name = ? AND deployed_model_id = ? ORDER BY observed_at`,
    endpointName,
    deployedModelId,
  );
}

export const DEPLOYMENT_ROW = {
  endpoint_name: 'text',
  deployed_model_id: 'text',
  display_name: 'text',
  endpoint_display_name: 'text',
  project: 'text',
  region: 'text',
  labels: 'text',
  machine_type: 'text?',
  accelerator_type: 'text?',
  min_replicas: 'number',
  since: 'text',
  undeployed_at: 'text?',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
} as const;
export type DeploymentRow = RowOf<typeof DEPLOYMENT_ROW>;

/** Deployments that began before `toIso` and were not undeployed by `fromIso`. */
export function deploymentsOverlapping(conn: Conn, fromIso: string, toIso: string): DeploymentRow[] {
  return allRows(
    conn,
    'deployments overlapping a window',
    DEPLOYMENT_ROW,
    `SELECT d.endpoint_name, d.deployed_model_id, d.display_name, e.display_name AS endpoint_display_name,
            e.project, e.region, e.labels, d.machine_type, d.accelerator_type, d.min_replicas,
            COALESCE(d.create_time, d.first_seen) AS since, d.undeployed_at, d.hourly_price, d.unpriced_reason
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
      WHERE COALESCE(d.create_time, d.first_seen) < ? AND (d.undeployed_at IS NULL OR d.undeployed_at > ?)`,
    toIso,
    fromIso,
  );
}

const SNAPSHOT_ROW = {
  endpoint_name: 'text',
  deployed_model_id: 'text',
  observed_at: 'text',
  min_replicas: 'number',
  deployed: 'number',
} as const;
export type DeploymentSnapshotRow = RowOf<typeof SNAPSHOT_ROW>;

/** Every deployed-model snapshot, oldest first, one at a time. */
export function eachDeploymentSnapshot(conn: Conn): Generator<DeploymentSnapshotRow> {
  return eachRow(
    conn,
    'deployment snapshots',
    SNAPSHOT_ROW,
    `SELECT endpoint_name, deployed_model_id, observed_at, min_replicas, deployed
       FROM deployed_model_snapshots ORDER BY observed_at`,
  );
}

/** Endpoint names of a project with their regions (Monitoring names endpoints by id). */
export function endpointNamesOf(conn: Conn, project: string): Array<{ name: string; region: string }> {
  return allRows(
    conn,
    'endpoint names of a project',
    { name: 'text', region: 'text' },
    'SELECT name, region FROM endpoints WHERE project = ?',
    project,
  );
}

const DEDICATED_DEPLOYMENT_ROW = {
  endpoint: 'text',
  model: 'text',
  project: 'text',
  region: 'text',
  labels: 'text',
  minReplicas: 'number',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  since: 'text?',
} as const;
/** A deployed model with its endpoint's names, place and labels (JSON text); prices are per replica. */
export type DedicatedDeploymentRow = RowOf<typeof DEDICATED_DEPLOYMENT_ROW>;

/** Models deployed now on dedicated replicas of live endpoints, by endpoint and model name. */
export function dedicatedDeployments(conn: Conn): DedicatedDeploymentRow[] {
  return allRows(
    conn,
    'dedicated deployments',
    DEDICATED_DEPLOYMENT_ROW,
    `SELECT e.display_name AS endpoint, d.display_name AS model, e.project, e.region, e.labels,
            d.min_replicas AS minReplicas, d.hourly_price AS hourlyPrice, d.unpriced_reason AS unpricedReason,
            COALESCE(d.create_time, d.first_seen) AS since
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
      WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1
      ORDER BY e.display_name, d.display_name`,
  );
}

const DEPLOYED_MODEL_ROW = {
  endpointName: 'text',
  deployedModelId: 'text',
  model: 'text',
  endpoint: 'text',
  project: 'text',
  region: 'text',
  labels: 'text',
} as const;
export type DeployedModelRow = RowOf<typeof DEPLOYED_MODEL_ROW>;

/** Every deployed model ever seen, current or not, with its endpoint's names, place and labels (JSON text). */
export function deployedModelsWithEndpoints(conn: Conn): DeployedModelRow[] {
  return allRows(
    conn,
    'deployed models with endpoints',
    DEPLOYED_MODEL_ROW,
    `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, d.display_name AS model,
            e.display_name AS endpoint, e.project, e.region, e.labels
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name`,
  );
}

/** Display names of every endpoint and deployed model seen, lowercase, without repeats. */
export function knownResourceNames(conn: Conn): string[] {
  return allRows(
    conn,
    'known resource names',
    { name: 'text' },
    `SELECT lower(display_name) AS name FROM endpoints
     UNION SELECT lower(display_name) FROM deployed_models`,
  ).map((r) => r.name);
}

// Deployed models as the readers see them: what is deployed now (with its endpoint's place and labels), what ran
// in a window, replica settings over time, and the names a question may use.

import { allRows, type Conn, eachRow, type RowOf } from '../rows.js';

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
  endpoint_kind: 'text?',
  traffic_visibility: 'text',
  traffic_percent: 'number',
  shared_resources: 'text?',
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
            e.project, e.region, e.display_name AS endpoint_display_name, e.labels AS endpoint_labels,
            e.kind AS endpoint_kind, e.traffic_visibility, dm.traffic_percent, dm.shared_resources
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

/** Every deployment, whenever it ran (from `since` until `undeployed_at`). */
export function allDeployments(conn: Conn): DeploymentRow[] {
  return allRows(
    conn,
    'deployments',
    DEPLOYMENT_ROW,
    `SELECT d.endpoint_name, d.deployed_model_id, d.display_name, e.display_name AS endpoint_display_name,
            e.project, e.region, e.labels, d.machine_type, d.accelerator_type, d.min_replicas,
            COALESCE(d.create_time, d.first_seen) AS since, d.undeployed_at, d.hourly_price, d.unpriced_reason
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name`,
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

const RUNNING_DEPLOYMENT_ROW = {
  endpoint: 'text',
  model: 'text',
  project: 'text',
  region: 'text',
  labels: 'text',
  minReplicas: 'number',
  dedicated: 'number',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  since: 'text?',
} as const;
/** A deployed model with its endpoint's names, place and labels (JSON text); prices are per replica. */
export type RunningDeploymentRow = RowOf<typeof RUNNING_DEPLOYMENT_ROW>;

/**
 * Models deployed now, with replicas, on live endpoints — on dedicated machines or on automatic resources (which
 * run and bill too, though burnrate cannot price them) — by endpoint and model name. Models on a deployment
 * resource pool are left out: the pool's machines are what costs (see capacity.ts).
 */
export function runningDeployments(conn: Conn, opts: { labels: boolean }): RunningDeploymentRow[] {
  // Without labels asked for, none are read (labels are then "{}"): thousands of JSON texts cost more than the
  // rest of the row.
  return allRows(
    conn,
    'running deployments',
    RUNNING_DEPLOYMENT_ROW,
    `SELECT e.display_name AS endpoint, d.display_name AS model, e.project, e.region,
            ${opts.labels ? 'e.labels' : "'{}'"} AS labels,
            d.min_replicas AS minReplicas, d.dedicated, d.hourly_price AS hourlyPrice,
            d.unpriced_reason AS unpricedReason, COALESCE(d.create_time, d.first_seen) AS since
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
      WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.min_replicas > 0 AND d.shared_resources IS NULL
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

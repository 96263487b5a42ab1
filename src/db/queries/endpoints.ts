// Endpoints and their deployed models as sync stores them (endpoints, deployed_models, and
// deployed_model_snapshots: one row per observed change of a model's replica settings or deployed state).

import { allRows, type Conn, execute } from '../rows.js';

export interface StoredEndpoint {
  name: string;
  displayName: string;
  labels: string;
  createTime: string | null;
  /** EndpointKind; null for rows stored before kinds were read. */
  kind: string | null;
  /** TrafficVisibility: the Monitoring metric that sees the endpoint's requests. */
  trafficVisibility: string;
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
  /** Whole percent of the endpoint's requests (its traffic split). */
  trafficPercent: number;
  /** The deployment resource pool the model shares, or null. */
  sharedResources: string | null;
  undeployedAt: string | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

export function storedEndpointsOf(conn: Conn, project: string, region: string): StoredEndpoint[] {
  return allRows(
    conn,
    'stored endpoints of a scope',
    {
      name: 'text',
      displayName: 'text',
      labels: 'text',
      createTime: 'text?',
      kind: 'text?',
      trafficVisibility: 'text',
      goneAt: 'text?',
    },
    `SELECT name, display_name AS displayName, labels, create_time AS createTime, kind,
            traffic_visibility AS trafficVisibility, gone_at AS goneAt
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
      trafficPercent: 'number',
      sharedResources: 'text?',
      undeployedAt: 'text?',
      hourlyPrice: 'number?',
      unpricedReason: 'text?',
      priceSource: 'text?',
    },
    `SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, d.model, d.display_name AS displayName,
            d.dedicated, d.machine_type AS machineType, d.accelerator_type AS acceleratorType,
            d.accelerator_count AS acceleratorCount, d.min_replicas AS minReplicas, d.max_replicas AS maxReplicas,
            d.spot, d.create_time AS createTime, d.traffic_percent AS trafficPercent,
            d.shared_resources AS sharedResources, d.undeployed_at AS undeployedAt, d.hourly_price AS hourlyPrice,
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
    kind: string;
    trafficVisibility: string;
  },
  now: string,
): number {
  return execute(
    conn,
    `INSERT INTO endpoints (name, project, region, display_name, labels, create_time, kind, traffic_visibility,
                           first_seen, last_seen, gone_at)
     VALUES (@name, @project, @region, @displayName, @labels, @createTime, @kind, @trafficVisibility, @now, @now,
             NULL)
     ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, labels = excluded.labels,
       create_time = excluded.create_time, kind = excluded.kind, traffic_visibility = excluded.traffic_visibility,
       last_seen = excluded.last_seen, gone_at = NULL`,
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
                                  traffic_percent, shared_resources, first_seen, last_seen, undeployed_at,
                                  hourly_price, unpriced_reason, price_source)
     VALUES (@endpointName, @deployedModelId, @model, @displayName, @dedicated, @machineType, @acceleratorType,
             @acceleratorCount, @minReplicas, @maxReplicas, @spot, @createTime, @trafficPercent, @sharedResources,
             @now, @now, @undeployedAt, @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (endpoint_name, deployed_model_id) DO UPDATE SET
       model = excluded.model, display_name = excluded.display_name, dedicated = excluded.dedicated,
       machine_type = excluded.machine_type, accelerator_type = excluded.accelerator_type,
       accelerator_count = excluded.accelerator_count, min_replicas = excluded.min_replicas,
       max_replicas = excluded.max_replicas, spot = excluded.spot, create_time = excluded.create_time,
       traffic_percent = excluded.traffic_percent, shared_resources = excluded.shared_resources,
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

/**
 * Whether a project has a live endpoint whose requests only private/response_count counts (private services
 * access): only then is that metric worth a Monitoring query.
 */
export function hasPrivateEndpoints(conn: Conn, project: string): boolean {
  const found = allRows(
    conn,
    'private endpoints of a project',
    { n: 'number' },
    `SELECT count(*) AS n FROM endpoints
      WHERE project = ? AND gone_at IS NULL AND traffic_visibility = 'private_response_count'`,
    project,
  );
  return (found[0]?.n ?? 0) > 0;
}

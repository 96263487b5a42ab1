// Persistent resources and deployment resource pools as sync stores them, and as spend, "what's running" and the
// auditor read them: capacity that costs while it exists.

import { allRows, type Conn, execute, type RowOf } from '../rows.js';

/** A persistent resource's stored columns, as collect compares and writes them. */
export interface StoredPersistentResource {
  name: string;
  project: string;
  region: string;
  displayName: string;
  state: string;
  labels: string;
  createTime: string | null;
  startTime: string | null;
  updateTime: string | null;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  replicaCount: number;
  pools: string;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

/** A deployment resource pool's stored columns, as collect compares and writes them. */
export interface StoredResourcePool {
  name: string;
  project: string;
  region: string;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  minReplicas: number;
  maxReplicas: number;
  spot: number;
  createTime: string | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
}

const STORED_PERSISTENT = {
  name: 'text',
  project: 'text',
  region: 'text',
  displayName: 'text',
  state: 'text',
  labels: 'text',
  createTime: 'text?',
  startTime: 'text?',
  updateTime: 'text?',
  machineType: 'text?',
  acceleratorType: 'text?',
  acceleratorCount: 'number',
  replicaCount: 'number',
  pools: 'text',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  priceSource: 'text?',
  goneAt: 'text?',
} as const;

const STORED_POOL = {
  name: 'text',
  project: 'text',
  region: 'text',
  machineType: 'text?',
  acceleratorType: 'text?',
  acceleratorCount: 'number',
  minReplicas: 'number',
  maxReplicas: 'number',
  spot: 'number',
  createTime: 'text?',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  priceSource: 'text?',
  goneAt: 'text?',
} as const;

export function storedPersistentResourcesOf(
  conn: Conn,
  project: string,
  region: string,
): Array<RowOf<typeof STORED_PERSISTENT>> {
  return allRows(
    conn,
    'stored persistent resources of a scope',
    STORED_PERSISTENT,
    `SELECT name, project, region, display_name AS displayName, state, labels, create_time AS createTime,
            start_time AS startTime, update_time AS updateTime, machine_type AS machineType,
            accelerator_type AS acceleratorType, accelerator_count AS acceleratorCount,
            replica_count AS replicaCount, pools, hourly_price AS hourlyPrice, unpriced_reason AS unpricedReason,
            price_source AS priceSource, gone_at AS goneAt
       FROM persistent_resources WHERE project = ? AND region = ?`,
    project,
    region,
  );
}

export function storedResourcePoolsOf(
  conn: Conn,
  project: string,
  region: string,
): Array<RowOf<typeof STORED_POOL>> {
  return allRows(
    conn,
    'stored resource pools of a scope',
    STORED_POOL,
    `SELECT name, project, region, machine_type AS machineType, accelerator_type AS acceleratorType,
            accelerator_count AS acceleratorCount, min_replicas AS minReplicas, max_replicas AS maxReplicas, spot,
            create_time AS createTime, hourly_price AS hourlyPrice, unpriced_reason AS unpricedReason,
            price_source AS priceSource, gone_at AS goneAt
       FROM deployment_resource_pools WHERE project = ? AND region = ?`,
    project,
    region,
  );
}

export function upsertPersistentResource(conn: Conn, r: StoredPersistentResource, now: string): number {
  return execute(
    conn,
    `INSERT INTO persistent_resources (name, project, region, display_name, state, labels, create_time, start_time,
                                       update_time, machine_type, accelerator_type, accelerator_count, replica_count,
                                       pools, first_seen, last_seen, gone_at, hourly_price, unpriced_reason,
                                       price_source)
     VALUES (@name, @project, @region, @displayName, @state, @labels, @createTime, @startTime, @updateTime,
             @machineType, @acceleratorType, @acceleratorCount, @replicaCount, @pools, @now, @now, NULL,
             @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, state = excluded.state,
       labels = excluded.labels, create_time = excluded.create_time, start_time = excluded.start_time,
       update_time = excluded.update_time, machine_type = excluded.machine_type,
       accelerator_type = excluded.accelerator_type, accelerator_count = excluded.accelerator_count,
       replica_count = excluded.replica_count, pools = excluded.pools, last_seen = excluded.last_seen, gone_at = NULL,
       hourly_price = excluded.hourly_price, unpriced_reason = excluded.unpriced_reason,
       price_source = excluded.price_source`,
    { ...r, now },
  );
}

export function upsertResourcePool(conn: Conn, p: StoredResourcePool, now: string): number {
  return execute(
    conn,
    `INSERT INTO deployment_resource_pools (name, project, region, machine_type, accelerator_type,
                                            accelerator_count, min_replicas, max_replicas, spot, create_time,
                                            first_seen, last_seen, gone_at, hourly_price, unpriced_reason,
                                            price_source)
     VALUES (@name, @project, @region, @machineType, @acceleratorType, @acceleratorCount, @minReplicas,
             @maxReplicas, @spot, @createTime, @now, @now, NULL, @hourlyPrice, @unpricedReason, @priceSource)
     ON CONFLICT (name) DO UPDATE SET machine_type = excluded.machine_type,
       accelerator_type = excluded.accelerator_type, accelerator_count = excluded.accelerator_count,
       min_replicas = excluded.min_replicas, max_replicas = excluded.max_replicas, spot = excluded.spot,
       create_time = excluded.create_time, last_seen = excluded.last_seen, gone_at = NULL,
       hourly_price = excluded.hourly_price, unpriced_reason = excluded.unpriced_reason,
       price_source = excluded.price_source`,
    { ...p, now },
  );
}

/** Moves last_seen only (unchanged capacity). */
export function touchCapacity(
  conn: Conn,
  table: 'persistent_resources' | 'deployment_resource_pools',
  name: string,
  now: string,
): void {
  execute(conn, `UPDATE ${table} SET last_seen = ? WHERE name = ? AND last_seen IS NOT ?`, now, name, now);
}

/** Marks capacity no longer listed (deleted); returns rows changed. */
export function markCapacityGone(
  conn: Conn,
  table: 'persistent_resources' | 'deployment_resource_pools',
  name: string,
  now: string,
): number {
  return execute(conn, `UPDATE ${table} SET gone_at = ? WHERE name = ? AND gone_at IS NULL`, now, name);
}

const PERSISTENT_RUN_ROW = {
  name: 'text',
  display_name: 'text',
  project: 'text',
  region: 'text',
  state: 'text',
  labels: 'text',
  start_time: 'text',
  gone_at: 'text?',
  machine_type: 'text?',
  accelerator_type: 'text?',
  replica_count: 'number',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
} as const;
export type PersistentRunRow = RowOf<typeof PERSISTENT_RUN_ROW>;

/** Persistent resources that had started running before `toIso` and were not gone by `fromIso`. */
export function persistentResourcesOverlapping(
  conn: Conn,
  fromIso: string,
  toIso: string,
): PersistentRunRow[] {
  return allRows(
    conn,
    'persistent resources overlapping a window',
    PERSISTENT_RUN_ROW,
    `SELECT name, display_name, project, region, state, labels, start_time, gone_at, machine_type,
            accelerator_type, replica_count, hourly_price, unpriced_reason
       FROM persistent_resources
      WHERE start_time IS NOT NULL AND start_time < ? AND (gone_at IS NULL OR gone_at > ?)`,
    toIso,
    fromIso,
  );
}

const POOL_RUN_ROW = {
  name: 'text',
  project: 'text',
  region: 'text',
  since: 'text',
  gone_at: 'text?',
  machine_type: 'text?',
  accelerator_type: 'text?',
  accelerator_count: 'number',
  min_replicas: 'number',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
  last_seen: 'text',
} as const;
export type PoolRunRow = RowOf<typeof POOL_RUN_ROW>;

/** Deployment resource pools created before `toIso` and not gone by `fromIso`. */
export function resourcePoolsOverlapping(conn: Conn, fromIso: string, toIso: string): PoolRunRow[] {
  return allRows(
    conn,
    'resource pools overlapping a window',
    POOL_RUN_ROW,
    `SELECT name, project, region, COALESCE(create_time, first_seen) AS since, gone_at, machine_type,
            accelerator_type, accelerator_count, min_replicas, hourly_price, unpriced_reason, last_seen
       FROM deployment_resource_pools
      WHERE COALESCE(create_time, first_seen) < ? AND (gone_at IS NULL OR gone_at > ?)`,
    toIso,
    fromIso,
  );
}

/** Persistent resources and pools that exist now (as of the last sync); persistent ones once they run. */
export function liveCapacity(conn: Conn): { persistent: PersistentRunRow[]; pools: PoolRunRow[] } {
  const far = '9999-12-31T23:59:59Z';
  return {
    persistent: persistentResourcesOverlapping(conn, far, far),
    pools: resourcePoolsOverlapping(conn, far, far),
  };
}

// Persistent resources and deployment resource pools of one project and region → their tables, priced as they
// are written (persistent resources at training prices for every machine held, pools per replica at prediction
// prices). What is no longer listed is marked gone; unchanged rows only move last_seen.

import type Database from 'better-sqlite3';
import {
  markCapacityGone,
  type StoredPersistentResource,
  type StoredResourcePool,
  storedPersistentResourcesOf,
  storedResourcePoolsOf,
  touchCapacity,
  upsertPersistentResource,
  upsertResourcePool,
} from '../db/queries/capacity.js';
import { inTransaction } from '../db/rows.js';
import type { DeploymentResourcePool, PersistentResource } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { pricePersistentResource, priceResourcePool } from '../pricing/resourcePrices.js';
import { sortedLabels } from './writeJobs.js';

export function writePersistentResources(
  sqlite: Database.Database,
  scope: { project: string; region: string },
  listed: readonly PersistentResource[],
  prices: PriceBook,
  now: string,
): number {
  const stored = new Map(
    storedPersistentResourcesOf(sqlite, scope.project, scope.region).map((r) => [r.name, r]),
  );
  return inTransaction(sqlite, () => {
    let written = 0;
    for (const resource of listed) {
      const columns = persistentColumns(resource, prices);
      const before = stored.get(resource.name);
      stored.delete(resource.name);
      if (before && before.goneAt === null && same(before, columns)) {
        touchCapacity(sqlite, 'persistent_resources', resource.name, now);
        continue;
      }
      written += upsertPersistentResource(sqlite, columns, now);
    }
    for (const gone of stored.values())
      written += markCapacityGone(sqlite, 'persistent_resources', gone.name, now);
    return written;
  });
}

export function writeResourcePools(
  sqlite: Database.Database,
  scope: { project: string; region: string },
  listed: readonly DeploymentResourcePool[],
  prices: PriceBook,
  now: string,
): number {
  const stored = new Map(storedResourcePoolsOf(sqlite, scope.project, scope.region).map((p) => [p.name, p]));
  return inTransaction(sqlite, () => {
    let written = 0;
    for (const pool of listed) {
      const columns = poolColumns(pool, prices);
      const before = stored.get(pool.name);
      stored.delete(pool.name);
      if (before && before.goneAt === null && same(before, columns)) {
        touchCapacity(sqlite, 'deployment_resource_pools', pool.name, now);
        continue;
      }
      written += upsertResourcePool(sqlite, columns, now);
    }
    for (const gone of stored.values())
      written += markCapacityGone(sqlite, 'deployment_resource_pools', gone.name, now);
    return written;
  });
}

function persistentColumns(resource: PersistentResource, prices: PriceBook): StoredPersistentResource {
  const estimate = pricePersistentResource(prices, resource);
  // The pool holding the most accelerators, else the most machines: the one that dominates cost.
  const largest = [...resource.pools].sort(
    (a, b) =>
      b.machine.acceleratorCount * b.replicaCount - a.machine.acceleratorCount * a.replicaCount ||
      b.replicaCount - a.replicaCount,
  )[0];
  return {
    name: resource.name,
    project: resource.project,
    region: resource.region,
    displayName: resource.displayName,
    state: resource.state,
    labels: JSON.stringify(sortedLabels(resource.labels)),
    createTime: resource.createTime,
    startTime: resource.startTime,
    updateTime: resource.updateTime,
    machineType: largest?.machine.machineType ?? null,
    acceleratorType: largest?.machine.acceleratorType ?? null,
    acceleratorCount: largest?.machine.acceleratorCount ?? 0,
    replicaCount: resource.pools.reduce((n, p) => n + p.replicaCount, 0),
    pools: JSON.stringify(
      resource.pools.map((p) => ({
        id: p.id,
        machineType: p.machine.machineType,
        acceleratorType: p.machine.acceleratorType,
        acceleratorCount: p.machine.acceleratorCount,
        replicaCount: p.replicaCount,
        usedReplicaCount: p.usedReplicaCount,
      })),
    ),
    ...estimate,
  };
}

function poolColumns(pool: DeploymentResourcePool, prices: PriceBook): StoredResourcePool {
  return {
    name: pool.name,
    project: pool.project,
    region: pool.region,
    machineType: pool.machine.machineType,
    acceleratorType: pool.machine.acceleratorType,
    acceleratorCount: pool.machine.acceleratorCount,
    minReplicas: pool.minReplicas,
    maxReplicas: pool.maxReplicas,
    spot: pool.spot ? 1 : 0,
    createTime: pool.createTime,
    ...priceResourcePool(prices, pool),
  };
}

function same<T extends object>(before: T & { goneAt: string | null }, after: T): boolean {
  return (Object.keys(after) as Array<keyof T>).every((key) => before[key] === after[key]);
}

import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Capacity held outside jobs and endpoints, which costs while it exists: persistent resources (training clusters
// kept between jobs) and deployment resource pools (machines shared by deployed models). Times are RFC 3339 UTC.

export const persistentResources = sqliteTable('persistent_resources', {
  name: text('name').primaryKey(),
  project: text('project').notNull(),
  region: text('region').notNull(),
  displayName: text('display_name').notNull(),
  state: text('state').notNull(),
  labels: text('labels').notNull().default('{}'),
  createTime: text('create_time'),
  // First time it was RUNNING: billing starts there.
  startTime: text('start_time'),
  updateTime: text('update_time'),
  // The largest pool's machine (the one that dominates cost) and the machines held across pools.
  machineType: text('machine_type'),
  acceleratorType: text('accelerator_type'),
  acceleratorCount: integer('accelerator_count').notNull().default(0),
  replicaCount: integer('replica_count').notNull().default(0),
  // Every pool as read: [{ id, machineType, acceleratorType, acceleratorCount, replicaCount, usedReplicaCount }].
  pools: text('pools').notNull().default('[]'),
  firstSeen: text('first_seen').notNull(),
  lastSeen: text('last_seen').notNull(),
  // Set when it is no longer listed (deleted).
  goneAt: text('gone_at'),
  // Estimate for every machine of every pool, from training SKUs; null means unpriced, and the reason says why.
  hourlyPrice: real('hourly_price'),
  unpricedReason: text('unpriced_reason'),
  priceSource: text('price_source'),
});

export const deploymentResourcePools = sqliteTable('deployment_resource_pools', {
  name: text('name').primaryKey(),
  project: text('project').notNull(),
  region: text('region').notNull(),
  machineType: text('machine_type'),
  acceleratorType: text('accelerator_type'),
  acceleratorCount: integer('accelerator_count').notNull().default(0),
  minReplicas: integer('min_replicas').notNull(),
  maxReplicas: integer('max_replicas').notNull(),
  spot: integer('spot', { mode: 'boolean' }).notNull().default(false),
  createTime: text('create_time'),
  firstSeen: text('first_seen').notNull(),
  lastSeen: text('last_seen').notNull(),
  // Set when it is no longer listed (deleted).
  goneAt: text('gone_at'),
  // Per replica, from prediction SKUs (burn = price × min replicas); null means unpriced.
  hourlyPrice: real('hourly_price'),
  unpricedReason: text('unpriced_reason'),
  priceSource: text('price_source'),
});

import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Rollups of billing_daily, kept exact by triggers on it (migration 0003_billing_rollups): whatever writes
// billing_daily (the sync upsert, the re-ingest delete of stale rows, test seeds) updates them in the same
// statement. Each holds gross cost, credits (negative), net cost (cost + credits) and the number of billing rows
// in the group, so a group is deleted when its last row goes. The ask engine reads the narrowest one that
// covers a question's filters and group, and billing_daily itself only for combinations none covers.
//
// Migration 0002 creates these tables WITHOUT ROWID (drizzle has no option for it), so each is stored in its
// primary key's order and a day range is one sequential read; a generated change to them must keep that.

const amounts = {
  cost: real('cost').notNull(),
  credits: real('credits').notNull(),
  net: real('net').notNull(),
  rows: integer('rows').notNull(),
};

// Every column but the labels: for questions about one project (or a channel's projects).
export const billingRollupDaily = sqliteTable(
  'billing_rollup_daily',
  {
    day: text('day').notNull(),
    project: text('project').notNull(),
    location: text('location').notNull(),
    kind: text('kind').notNull(),
    skuDescription: text('sku_description').notNull(),
    ...amounts,
  },
  (t) => [
    primaryKey({ columns: [t.day, t.project, t.location, t.kind, t.skuDescription] }),
    index('billing_rollup_project_idx').on(t.project, t.day),
  ],
);

// Without the project: a few dozen rows a day however many projects, for org-wide totals, series and groups by
// SKU, region or kind.
export const billingSkuDaily = sqliteTable(
  'billing_sku_daily',
  {
    day: text('day').notNull(),
    location: text('location').notNull(),
    kind: text('kind').notNull(),
    skuDescription: text('sku_description').notNull(),
    ...amounts,
  },
  (t) => [primaryKey({ columns: [t.day, t.location, t.kind, t.skuDescription] })],
);

// One row per project and day, for grouping by project.
export const billingProjectDaily = sqliteTable(
  'billing_project_daily',
  {
    day: text('day').notNull(),
    project: text('project').notNull(),
    ...amounts,
  },
  (t) => [primaryKey({ columns: [t.day, t.project] })],
);

// One row per label pair of a billing row (exploded from its labels JSON), without the project. Rows lacking a
// label have no row for that key here; their spend is the SKU rollup's minus this one's.
export const billingLabelDaily = sqliteTable(
  'billing_label_daily',
  {
    labelKey: text('label_key').notNull(),
    day: text('day').notNull(),
    labelValue: text('label_value').notNull(),
    location: text('location').notNull(),
    kind: text('kind').notNull(),
    skuDescription: text('sku_description').notNull(),
    ...amounts,
  },
  (t) => [
    primaryKey({ columns: [t.labelKey, t.day, t.labelValue, t.location, t.kind, t.skuDescription] }),
    index('billing_label_value_idx').on(t.labelKey, t.labelValue, t.day),
  ],
);

// traffic_hourly per deployed model and UTC day: the hours recorded, predictions summed, measured replicas summed
// with the number of hours measured, and the first and last hour recorded. Kept equal to a GROUP BY over
// traffic_hourly by triggers that recompute a day whenever one of its hours is inserted, changed or deleted
// (migration 0014_traffic_daily), so the sync's upserts and test seeds maintain it. Estimates and idle checks
// read a day of a deployment as one row instead of 24 — also a day cut short (at "now"), when its first and last
// hours lie inside the cut. Keyed by day first and stored WITHOUT ROWID (drizzle has no option for it), like the
// billing rollups: the days of an estimate are one sequential read, one deployment's day one seek.
export const trafficDaily = sqliteTable(
  'traffic_daily',
  {
    day: text('day').notNull(),
    endpointName: text('endpoint_name').notNull(),
    deployedModelId: text('deployed_model_id').notNull(),
    hours: integer('hours').notNull(),
    predictions: real('predictions').notNull(),
    replicas: real('replicas').notNull(),
    replicaHours: integer('replica_hours').notNull(),
    firstHour: text('first_hour').notNull(),
    lastHour: text('last_hour').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.endpointName, t.deployedModelId] })],
);

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

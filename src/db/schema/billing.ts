import { index, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Daily aggregates from the billing export. labelKey is the canonical "k=v;k=v" of the configured label keys
// (sorted), so one row exists per (day, project, service, sku, location, labels) and re-ingest is an upsert.
export const billingDaily = sqliteTable(
  'billing_daily',
  {
    day: text('day').notNull(), // YYYY-MM-DD in the export's usage day
    project: text('project').notNull(),
    service: text('service').notNull(),
    skuId: text('sku_id').notNull(),
    skuDescription: text('sku_description').notNull(),
    location: text('location').notNull(),
    labelKey: text('label_key').notNull(),
    labels: text('labels').notNull().default('{}'), // JSON object of configured label keys
    kind: text('kind').notNull(), // training | prediction | pipelines | other
    cost: real('cost').notNull(),
    credits: real('credits').notNull().default(0), // negative
    currency: text('currency').notNull(),
    ingestedAt: text('ingested_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.project, t.service, t.skuId, t.location, t.labelKey] }),
    index('billing_day_idx').on(t.day),
  ],
);

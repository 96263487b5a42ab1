import { index, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Daily aggregates from the billing export. labelKey is the canonical "k=v;k=v" of the configured label keys
// (sorted), so one row exists per (day, project, service, sku, location, labels, kind) and re-ingest is an
// upsert. The kind is part of the key: one SKU bills custom training and pipeline steps alike, told apart only by
// the pipeline run's label, which is not a configured label.
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
    kind: text('kind').notNull(), // training | prediction | genai | pipelines | other
    cost: real('cost').notNull(),
    credits: real('credits').notNull().default(0), // negative
    currency: text('currency').notNull(),
    ingestedAt: text('ingested_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.project, t.service, t.skuId, t.location, t.labelKey, t.kind] }),
    index('billing_day_idx').on(t.day),
  ],
);

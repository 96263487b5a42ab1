import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    // Generative AI only (kind genai): the model family and token type the SKU bills, from its description.
    modelFamily: text('model_family'),
    tokenType: text('token_type'), // input | output | cached | other
    // Usage in the catalog's pricing unit (usage.amount_in_pricing_units; "count" is one token), summed.
    usageAmount: real('usage_amount').notNull().default(0),
    usageUnit: text('usage_unit'),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.project, t.service, t.skuId, t.location, t.labelKey, t.kind] }),
    index('billing_day_idx').on(t.day),
  ],
);

// The catalog estimate of each day, per kind, as burnrate showed it while the day was not billed yet: rewritten
// after every sync pass until the billing export is actual for the day, then kept, so it can be set beside the
// billed figure and the estimates' error measured (src/spend/estimateAccuracy.ts).
export const estimateDays = sqliteTable(
  'estimate_days',
  {
    day: text('day').notNull(),
    kind: text('kind').notNull(),
    estimated: real('estimated').notNull(),
    // Resources that ran that day without a price: the estimate leaves them out.
    unpriced: integer('unpriced').notNull().default(0),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind] })],
);

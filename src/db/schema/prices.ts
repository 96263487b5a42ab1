import { index, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Catalog prices by SKU and effective time: a price change adds a row, history is kept.
export const catalogPrices = sqliteTable(
  'catalog_prices',
  {
    skuId: text('sku_id').notNull(),
    effectiveTime: text('effective_time').notNull(),
    description: text('description').notNull(),
    service: text('service').notNull(),
    regions: text('regions').notNull().default('[]'), // JSON array
    resourceFamily: text('resource_family').notNull(),
    resourceGroup: text('resource_group').notNull(),
    usageType: text('usage_type').notNull(),
    usageUnit: text('usage_unit').notNull(),
    unitPrice: real('unit_price').notNull(),
    currency: text('currency').notNull(),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.skuId, t.effectiveTime] }), index('catalog_desc_idx').on(t.description)],
);

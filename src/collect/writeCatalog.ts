// Catalog prices by SKU and effective time: a new price adds a row, an unchanged one writes nothing.

import type Database from 'better-sqlite3';
import type { CatalogSku } from '../gcp/types.js';

export function writeCatalogPrices(
  sqlite: Database.Database,
  service: string,
  skus: readonly CatalogSku[],
  fetchedAt: string,
): number {
  const upsert = sqlite.prepare(
    `INSERT INTO catalog_prices (sku_id, effective_time, description, service, regions, resource_family, resource_group,
                                 usage_type, usage_unit, unit_price, currency, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sku_id, effective_time) DO UPDATE SET
       description = excluded.description, service = excluded.service, regions = excluded.regions,
       resource_family = excluded.resource_family, resource_group = excluded.resource_group,
       usage_type = excluded.usage_type, usage_unit = excluded.usage_unit, unit_price = excluded.unit_price,
       currency = excluded.currency, fetched_at = excluded.fetched_at
     WHERE catalog_prices.unit_price IS NOT excluded.unit_price OR catalog_prices.description IS NOT excluded.description
        OR catalog_prices.regions IS NOT excluded.regions OR catalog_prices.usage_unit IS NOT excluded.usage_unit
        OR catalog_prices.usage_type IS NOT excluded.usage_type OR catalog_prices.currency IS NOT excluded.currency
        OR catalog_prices.resource_group IS NOT excluded.resource_group`,
  );
  const write = sqlite.transaction(() => {
    let written = 0;
    for (const sku of skus) {
      if (!sku.price) continue;
      written += upsert.run(
        sku.skuId,
        sku.price.effectiveTime,
        sku.description,
        service,
        JSON.stringify(sku.serviceRegions),
        sku.resourceFamily,
        sku.resourceGroup,
        sku.usageType,
        sku.price.usageUnit,
        sku.price.unitPrice,
        sku.price.currency,
        fetchedAt,
      ).changes;
    }
    return written;
  });
  return write();
}

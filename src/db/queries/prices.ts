// Catalog prices by SKU and effective time (catalog_prices).

import { allRows, type Conn, execute, inTransaction } from '../rows.js';

const CATALOG_PRICE_ROW = {
  skuId: 'text',
  effectiveTime: 'text',
  description: 'text',
  regions: 'text',
  resourceFamily: 'text',
  resourceGroup: 'text',
  usageType: 'text',
  usageUnit: 'text',
  unitPrice: 'number',
  currency: 'text',
  fetchedAt: 'text',
} as const;

export type CatalogPriceRow = {
  skuId: string;
  effectiveTime: string;
  description: string;
  regions: string;
  resourceFamily: string;
  resourceGroup: string;
  usageType: string;
  usageUnit: string;
  unitPrice: number;
  currency: string;
  fetchedAt: string;
};

/** Every stored price, by SKU then effective time. */
export function catalogPriceRows(conn: Conn): CatalogPriceRow[] {
  return allRows(
    conn,
    'catalog prices',
    CATALOG_PRICE_ROW,
    `SELECT sku_id AS skuId, effective_time AS effectiveTime, description, regions, resource_family AS resourceFamily,
            resource_group AS resourceGroup, usage_type AS usageType, usage_unit AS usageUnit,
            unit_price AS unitPrice, currency, fetched_at AS fetchedAt
       FROM catalog_prices ORDER BY sku_id, effective_time`,
  );
}

/** One SKU's price as the catalog lists it. */
export interface CatalogPriceInput {
  skuId: string;
  description: string;
  serviceRegions: readonly string[];
  resourceFamily: string;
  resourceGroup: string;
  usageType: string;
  price: { unitPrice: number; currency: string; usageUnit: string; effectiveTime: string } | null;
}

/** Stores each SKU's price at its effective time; an unchanged price writes nothing. Returns rows changed. */
export function upsertCatalogPrices(
  conn: Conn,
  service: string,
  skus: readonly CatalogPriceInput[],
  fetchedAt: string,
): number {
  const sql = `INSERT INTO catalog_prices (sku_id, effective_time, description, service, regions, resource_family,
                                   resource_group, usage_type, usage_unit, unit_price, currency, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sku_id, effective_time) DO UPDATE SET
       description = excluded.description, service = excluded.service, regions = excluded.regions,
       resource_family = excluded.resource_family, resource_group = excluded.resource_group,
       usage_type = excluded.usage_type, usage_unit = excluded.usage_unit, unit_price = excluded.unit_price,
       currency = excluded.currency, fetched_at = excluded.fetched_at
     WHERE catalog_prices.unit_price IS NOT excluded.unit_price OR catalog_prices.description IS NOT excluded.description
        OR catalog_prices.regions IS NOT excluded.regions OR catalog_prices.usage_unit IS NOT excluded.usage_unit
        OR catalog_prices.usage_type IS NOT excluded.usage_type OR catalog_prices.currency IS NOT excluded.currency
        OR catalog_prices.resource_group IS NOT excluded.resource_group`;
  return inTransaction(conn, () => {
    let written = 0;
    for (const sku of skus) {
      if (!sku.price) continue;
      written += execute(
        conn,
        sql,
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
      );
    }
    return written;
  });
}

// Catalog prices by SKU and effective time (catalog_prices).

import { allRows, type Conn, execute, inTransaction, oneRow } from '../rows.js';

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

const LATEST_PRICE_ROW = {
  unitPrice: 'number',
  currency: 'text',
  usageUnit: 'text',
  description: 'text',
  regions: 'text',
  usageType: 'text',
  resourceGroup: 'text',
} as const;

/**
 * Stores each SKU's price when it differs from the latest one stored for the SKU (price, currency, unit,
 * description, regions, usage type or group), under the effective time the catalog gave it. Google gives the
 * same price a later effective time on every listing, so a time alone is never a change. Returns rows added.
 */
export function upsertCatalogPrices(
  conn: Conn,
  service: string,
  skus: readonly CatalogPriceInput[],
  fetchedAt: string,
): number {
  const insert = `INSERT INTO catalog_prices (sku_id, effective_time, description, service, regions, resource_family,
                                   resource_group, usage_type, usage_unit, unit_price, currency, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sku_id, effective_time) DO NOTHING`;
  return inTransaction(conn, () => {
    let written = 0;
    for (const sku of skus) {
      if (!sku.price) continue;
      const regions = JSON.stringify(sku.serviceRegions);
      const latest = oneRow(
        conn,
        'latest catalog price',
        LATEST_PRICE_ROW,
        `SELECT unit_price AS unitPrice, currency, usage_unit AS usageUnit, description, regions,
                usage_type AS usageType, resource_group AS resourceGroup
           FROM catalog_prices WHERE sku_id = ? ORDER BY effective_time DESC LIMIT 1`,
        sku.skuId,
      );
      if (
        latest &&
        latest.unitPrice === sku.price.unitPrice &&
        latest.currency === sku.price.currency &&
        latest.usageUnit === sku.price.usageUnit &&
        latest.description === sku.description &&
        latest.regions === regions &&
        latest.usageType === sku.usageType &&
        latest.resourceGroup === sku.resourceGroup
      )
        continue;
      written += execute(
        conn,
        insert,
        sku.skuId,
        sku.price.effectiveTime,
        sku.description,
        service,
        regions,
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

// The price book sync prices resources with: each SKU's price in effect at a given time, from catalog_prices.

import type Database from 'better-sqlite3';
import type { CatalogSku } from '../gcp/types.js';
import { PriceBook } from '../pricing/priceBook.js';
import { KV_KEYS, readKv } from './syncState.js';

interface CatalogPriceRow {
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
}

/** Prices in effect at `at` (a SKU whose every price is newer uses its earliest one). */
export function loadPriceBook(sqlite: Database.Database, at: Date): PriceBook {
  const rows = sqlite
    .prepare<[], CatalogPriceRow>(
      `SELECT sku_id AS skuId, effective_time AS effectiveTime, description, regions, resource_family AS resourceFamily,
              resource_group AS resourceGroup, usage_type AS usageType, usage_unit AS usageUnit,
              unit_price AS unitPrice, currency, fetched_at AS fetchedAt
         FROM catalog_prices ORDER BY sku_id, effective_time`,
    )
    .all();
  const atIso = at.toISOString();
  const current = new Map<string, CatalogPriceRow>();
  for (const row of rows) {
    const chosen = current.get(row.skuId);
    if (!chosen || row.effectiveTime <= atIso) current.set(row.skuId, row);
  }
  const skus: CatalogSku[] = [...current.values()].map((row) => ({
    skuId: row.skuId,
    description: row.description,
    serviceRegions: JSON.parse(row.regions) as string[],
    resourceFamily: row.resourceFamily,
    resourceGroup: row.resourceGroup,
    usageType: row.usageType,
    price: {
      unitPrice: row.unitPrice,
      currency: row.currency,
      usageUnit: row.usageUnit,
      effectiveTime: row.effectiveTime,
    },
  }));
  const refreshedAt = readKv(sqlite, KV_KEYS.catalogRefreshedAt);
  const lastFetch =
    refreshedAt ??
    rows.reduce((latest, row) => (row.fetchedAt.localeCompare(latest) > 0 ? row.fetchedAt : latest), '');
  return new PriceBook(skus, lastFetch ? `catalog ${lastFetch.slice(0, 10)}` : 'catalog');
}

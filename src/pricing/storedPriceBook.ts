// The price book sync prices resources with: each SKU's price in effect at a given time, from catalog_prices.

import { catalogPriceRows } from '../db/queries/prices.js';
import { KV_KEYS, readKv } from '../db/queries/syncState.js';
import type { Conn } from '../db/rows.js';
import type { CatalogSku } from '../gcp/types.js';
import { PriceBook } from './priceBook.js';

/**
 * Prices in `currency` in effect at `at` (a SKU whose every price is newer uses its earliest one). Prices stored in
 * another currency (before the configured one changed) are left out rather than mixed in.
 */
export function loadPriceBook(conn: Conn, at: Date, currency: string): PriceBook {
  const rows = catalogPriceRows(conn).filter((row) => row.currency === currency);
  const atIso = at.toISOString();
  const current = new Map<string, (typeof rows)[number]>();
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
  const refreshedAt = readKv(conn, KV_KEYS.catalogRefreshedAt);
  const lastFetch =
    refreshedAt ??
    rows.reduce((latest, row) => (row.fetchedAt.localeCompare(latest) > 0 ? row.fetchedAt : latest), '');
  return new PriceBook(skus, lastFetch ? `catalog ${lastFetch.slice(0, 10)}` : 'catalog');
}

// Catalog prices: Vertex AI's SKUs, and the Compute Engine machine SKUs Google bills Vertex AI's Spot, reserved
// and Flex-start capacity with (docs/pipeline.md, "Spot, reservations, Flex-start"), asked for in the billing
// account's currency. Stored only when a price changes: Google stamps every listing with a later effective time.

import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { upsertCatalogPrices } from '../db/queries/prices.js';
import { KV_KEYS, readKv, writeKv } from '../db/queries/syncState.js';
import { inTransaction } from '../db/rows.js';
import type { Gcp } from '../gcp/api.js';
import { GcpError } from '../gcp/errors.js';
import type { CatalogSku } from '../gcp/types.js';
import { skuMeter } from '../pricing/skuMeter.js';

const HOUR_MS = 3_600_000;

export interface CatalogRefreshDeps {
  store: Store;
  gcp: Pick<Gcp, 'catalog'>;
  config: Config;
}

/** Fetches the catalog when the last fetch is older than catalog.refreshHours. */
export async function refreshCatalog(
  deps: CatalogRefreshDeps,
  now: Date,
): Promise<{ resourcesSeen?: number; rowsWritten?: number; note?: string }> {
  const { store, gcp, config } = deps;
  const { serviceDisplayName, computeServiceDisplayName, refreshHours } = config.google.catalog;
  const last = readKv(store.sqlite, KV_KEYS.catalogRefreshedAt);
  if (last && now.getTime() - Date.parse(last) < refreshHours * HOUR_MS) {
    return { note: `prices from ${last.slice(0, 10)} are fresh` };
  }
  const skus = await gcp.catalog.listSkus(serviceDisplayName, config.currency);
  const vms = computeServiceDisplayName ? await computeVmSkus(deps, computeServiceDisplayName) : [];
  const nowIso = now.toISOString();
  const written = inTransaction(store, () => {
    let rows = upsertCatalogPrices(store, serviceDisplayName, skus, nowIso);
    if (vms.length > 0) rows += upsertCatalogPrices(store, computeServiceDisplayName, vms, nowIso);
    writeKv(store, KV_KEYS.catalogRefreshedAt, nowIso, nowIso);
    return rows;
  });
  return { resourcesSeen: skus.length + vms.length, rowsWritten: written };
}

/**
 * Compute Engine's machine SKUs (cores, RAM, GPUs; on demand, Spot and Dynamic Workload Scheduler): a few hundred
 * of its thousands. A catalog without the service (a simulator scenario, say) leaves that capacity unpriced
 * rather than failing the scope.
 */
async function computeVmSkus(deps: CatalogRefreshDeps, service: string): Promise<CatalogSku[]> {
  try {
    const skus = await deps.gcp.catalog.listSkus(service, deps.config.currency);
    return skus.filter((sku) => skuMeter(sku)?.compute === true);
  } catch (err) {
    if (err instanceof GcpError && err.kind === 'not-found') return [];
    throw err;
  }
}

// catalog_prices keeps a row per price, not per listing: the same price under a later effective time is no
// change; a new price, unit or currency is.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/open.js';
import { type CatalogPriceInput, upsertCatalogPrices } from '../../src/db/queries/prices.js';
import { loadPriceBook } from '../../src/pricing/storedPriceBook.js';

function core(unitPrice: number, effectiveTime: string, currency = 'USD'): CatalogPriceInput {
  return {
    skuId: '2E1B-81D2-6B0A',
    description: 'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
    serviceRegions: ['us-central1'],
    resourceFamily: 'Compute',
    resourceGroup: 'N1Standard',
    usageType: 'OnDemand',
    price: { unitPrice, currency, usageUnit: 'h', effectiveTime },
  };
}

describe('catalog prices', () => {
  it('adds a row only when the price changes', () => {
    const store = openStore(':memory:');
    try {
      const write = (sku: CatalogPriceInput, at: string) =>
        upsertCatalogPrices(store, 'Vertex AI', [sku], at);
      expect(write(core(0.0364, '2026-11-01T00:00:00Z'), '2026-11-01T00:00:00Z')).toBe(1);
      expect(write(core(0.0364, '2026-11-02T00:00:00Z'), '2026-11-02T00:00:00Z')).toBe(0);
      expect(write(core(0.0364, '2026-11-03T00:00:00Z'), '2026-11-03T00:00:00Z')).toBe(0);
      expect(write(core(0.038, '2026-11-04T00:00:00Z'), '2026-11-04T00:00:00Z')).toBe(1);
      expect(write(core(0.038 * 0.92, '2026-11-05T00:00:00Z', 'EUR'), '2026-11-05T00:00:00Z')).toBe(1);
      const rows = store.sqlite
        .prepare('SELECT effective_time AS at, unit_price AS price, currency FROM catalog_prices ORDER BY at')
        .all();
      expect(rows).toEqual([
        { at: '2026-11-01T00:00:00Z', price: 0.0364, currency: 'USD' },
        { at: '2026-11-04T00:00:00Z', price: 0.038, currency: 'USD' },
        { at: '2026-11-05T00:00:00Z', price: 0.038 * 0.92, currency: 'EUR' },
      ]);
      // Each price in effect at its time, and only in the currency asked for.
      const hourly = (at: string, currency: string) => {
        const price = loadPriceBook(store.sqlite, new Date(at), currency).machineHourly({
          machine: { machineType: 'n1-standard-4', acceleratorType: null, acceleratorCount: 0 },
          region: 'us-central1',
          use: 'training',
          provisioning: 'on-demand',
        });
        return price.priced ? price.hourly : price.reason;
      };
      expect(hourly('2026-11-02T00:00:00Z', 'USD')).toMatch(/no catalog SKU for N1 RAM/);
      expect(loadPriceBook(store.sqlite, new Date('2026-11-06T00:00:00Z'), 'EUR').size).toBe(1);
      expect(loadPriceBook(store.sqlite, new Date('2026-11-06T00:00:00Z'), 'GBP').size).toBe(0);
    } finally {
      store.close();
    }
  });
});

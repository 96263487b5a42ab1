import { CloudCatalogClient } from '@google-cloud/billing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { gaxOptions, googleErrorOf, SKU, startTestSimulator, VERTEX_SERVICE_ID } from './fixtures.js';

let sim: RunningSimulator;
let catalog: CloudCatalogClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  catalog = new CloudCatalogClient(gaxOptions(sim));
});

afterAll(async () => {
  await catalog.close();
  await sim.close();
});

describe('Cloud Billing Catalog', () => {
  it('lists services across pages', async () => {
    const [firstPage, next] = await catalog.listServices({ pageSize: 2 }, { autoPaginate: false });
    expect(firstPage.map((service) => service.displayName)).toEqual(['Vertex AI', 'Cloud Storage']);
    expect(next?.pageToken).toBeTruthy();
    const all = [];
    for await (const service of catalog.listServicesAsync({ pageSize: 1 })) all.push(service);
    expect(all.map((service) => service.serviceId)).toEqual([
      VERTEX_SERVICE_ID,
      '95FF-2EF5-5EA1',
      '6F81-5844-456A',
    ]);
    expect(all[0]?.name).toBe(`services/${VERTEX_SERVICE_ID}`);
  });

  it('lists a service’s SKUs with prices, categories and regions, page by page', async () => {
    const skus = [];
    for await (const sku of catalog.listSkusAsync({
      parent: `services/${VERTEX_SERVICE_ID}`,
      pageSize: 3,
      currencyCode: 'USD',
    })) {
      skus.push(sku);
    }
    expect(skus).toHaveLength(7);
    const core = skus.find((sku) => sku.skuId === SKU.trainingCore);
    expect(core?.description).toBe(
      'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
    );
    expect(core?.category).toMatchObject({
      serviceDisplayName: 'Vertex AI',
      resourceFamily: 'Compute',
      usageType: 'OnDemand',
    });
    expect(core?.serviceRegions).toContain('us-central1');
    const pricing = core?.pricingInfo?.[0];
    expect(pricing?.effectiveTime?.seconds).toBeDefined();
    expect(pricing?.pricingExpression?.usageUnit).toBe('h');
    const price = pricing?.pricingExpression?.tieredRates?.[0]?.unitPrice;
    expect(price).toMatchObject({ currencyCode: 'USD', units: '0', nanos: 31_611_000 });
    const ram = skus.find((sku) => sku.skuId === SKU.trainingRam);
    expect(ram?.pricingInfo?.[0]?.pricingExpression?.usageUnit).toBe('GiBy.h');
  });

  // Cloud Billing Catalog API, services.skus.list: "currencyCode: The ISO 4217 currency code for the pricing info
  // in the response proto. Will use the conversion rate as of startTime. Optional. If not specified USD will be
  // used." PricingInfo.currencyConversionRate: "Conversion rate used for currency conversion, from USD to the
  // currency specified in the request."
  it('converts list prices into the requested currency and says at which rate', async () => {
    const [skus] = await catalog.listSkus({ parent: `services/${VERTEX_SERVICE_ID}`, currencyCode: 'EUR' });
    const core = skus.find((sku) => sku.skuId === SKU.trainingCore);
    const pricing = core?.pricingInfo?.[0];
    expect(pricing?.currencyConversionRate).toBe(0.92);
    expect(pricing?.pricingExpression?.tieredRates?.[0]?.unitPrice).toMatchObject({
      currencyCode: 'EUR',
      units: '0',
      nanos: Math.round(0.031611 * 0.92 * 1e9),
    });
    const error = await googleErrorOf(
      catalog.listSkus({ parent: `services/${VERTEX_SERVICE_ID}`, currencyCode: 'XYZ' }),
    );
    expect(error).toMatchObject({ httpStatus: 400, status: 'INVALID_ARGUMENT' });
  });

  it('gives each price an effectiveTime that moves forward with every listing', async () => {
    const effective = async () => {
      const [skus] = await catalog.listSkus({ parent: `services/${VERTEX_SERVICE_ID}` });
      const seconds = skus.find((sku) => sku.skuId === SKU.trainingCore)?.pricingInfo?.[0]?.effectiveTime
        ?.seconds;
      return Number(seconds);
    };
    const first = await effective();
    await fetch(`${sim.url}/_sim/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 1 }),
    });
    const second = await effective();
    expect(second).toBeGreaterThan(first);
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
  });

  it('answers NOT_FOUND for an unknown service', async () => {
    const error = await googleErrorOf(catalog.listSkus({ parent: 'services/0000-0000-0000' }));
    expect(error).toMatchObject({ httpStatus: 404, status: 'NOT_FOUND' });
  });
});

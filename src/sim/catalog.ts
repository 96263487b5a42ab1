// Cloud Billing Catalog API (cloudbilling.googleapis.com v1): the public list of services and their SKUs with
// list prices, which burnrate turns into hourly rates per machine, accelerator and Spot variant.

import { rfc3339 } from './clock.js';
import { invalidArgument, notFound, type SimResponse } from './http.js';
import { paginate, queryInt } from './pagination.js';
import { type Route, route } from './router.js';
import type { ScenarioSku } from './scenario.js';
import type { SimState } from './state.js';

/** How Google describes usage units, and the base unit each one converts to. */
const UNIT_DETAILS: Record<
  string,
  { description: string; baseUnit: string; baseDescription: string; factor: number }
> = {
  h: { description: 'hour', baseUnit: 's', baseDescription: 'second', factor: 3600 },
  'GiBy.h': {
    description: 'gibibyte hour',
    baseUnit: 'By.s',
    baseDescription: 'byte second',
    factor: 3600 * 2 ** 30,
  },
  'GiBy.mo': {
    description: 'gibibyte month',
    baseUnit: 'By.s',
    baseDescription: 'byte second',
    factor: 2 ** 30 * 2_592_000,
  },
  count: { description: 'count', baseUnit: 'count', baseDescription: 'count', factor: 1 },
};

export function catalogRoutes(state: SimState): Route[] {
  return [
    route('GET', '/v1/services', (request) => listServices(state, request.query)),
    route('GET', '/v1/services/{serviceId}/skus', (request, params) =>
      listSkus(state, params.serviceId ?? '', request.query),
    ),
  ];
}

function listServices(state: SimState, query: URLSearchParams): SimResponse {
  const services = state.scenario.catalog.services.map((service) => ({
    name: `services/${service.serviceId}`,
    serviceId: service.serviceId,
    displayName: service.displayName,
    businessEntityName: service.businessEntityName,
  }));
  const page = paginate(services, {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: 'services',
    defaultSize: 5000,
    maxSize: 5000,
  });
  const body: Record<string, unknown> = { services: page.items };
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return { body };
}

function listSkus(state: SimState, serviceId: string, query: URLSearchParams): SimResponse {
  const service = state.scenario.catalog.services.find((candidate) => candidate.serviceId === serviceId);
  if (!service) throw notFound(`Service services/${serviceId}`);
  // "If not specified USD will be used"; other currencies are USD list prices at the conversion rate.
  const currency = query.get('currencyCode') || 'USD';
  const rate = conversionRate(state, currency);
  const skus = state.scenario.catalog.skus.filter((sku) => sku.serviceId === serviceId);
  const page = paginate(skus, {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: `skus:${serviceId}`,
    defaultSize: 5000,
    maxSize: 5000,
  });
  const body: Record<string, unknown> = {
    skus: page.items.map((sku) => renderSku(state, service.displayName, sku, currency, rate)),
  };
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return { body };
}

/** USD → `currency`: 1 for USD, else the scenario's rate; a currency it has no rate for is refused, as Google does. */
export function conversionRate(state: SimState, currency: string): number {
  if (currency === 'USD') return 1;
  const rate = state.scenario.catalog.conversionRates[currency];
  if (rate === undefined) {
    throw invalidArgument(`Invalid currency code: ${currency}.`);
  }
  return rate;
}

function renderSku(
  state: SimState,
  serviceDisplayName: string,
  sku: ScenarioSku,
  currency: string,
  rate: number,
): Record<string, unknown> {
  const unit = UNIT_DETAILS[sku.usageUnit];
  const pricingExpression: Record<string, unknown> = {
    usageUnit: sku.usageUnit,
    usageUnitDescription: sku.usageUnitDescription ?? unit?.description ?? sku.usageUnit,
    displayQuantity: 1,
    tieredRates: [{ startUsageAmount: 0, unitPrice: money(currency, sku.unitPrice * rate) }],
  };
  if (unit) {
    pricingExpression.baseUnit = unit.baseUnit;
    pricingExpression.baseUnitDescription = unit.baseDescription;
    pricingExpression.baseUnitConversionFactor = unit.factor;
  }
  return {
    name: `services/${sku.serviceId}/skus/${sku.skuId}`,
    skuId: sku.skuId,
    description: sku.description,
    category: {
      serviceDisplayName,
      resourceFamily: sku.resourceFamily,
      resourceGroup: sku.resourceGroup,
      usageType: sku.usageType,
    },
    serviceRegions: [...sku.regions],
    pricingInfo: [
      {
        summary: '',
        pricingExpression,
        aggregationInfo: { aggregationLevel: 'ACCOUNT', aggregationInterval: 'DAILY', aggregationCount: 1 },
        currencyConversionRate: rate,
        // Google stamps each listing with the time it was made, so the same price comes back with a later
        // effectiveTime on every call.
        effectiveTime: rfc3339(state.clock.nowMs()),
      },
    ],
    serviceProviderName: 'Google',
    geoTaxonomy: { type: sku.regions.length > 1 ? 'MULTI_REGIONAL' : 'REGIONAL', regions: [...sku.regions] },
  };
}

/** google.type.Money: whole units as an int64 string plus nanos (billionths). */
export function money(currencyCode: string, amount: number): Record<string, unknown> {
  const units = Math.floor(amount);
  let nanos = Math.round((amount - units) * 1e9);
  let wholeUnits = units;
  if (nanos >= 1e9) {
    wholeUnits += 1;
    nanos -= 1e9;
  }
  return { currencyCode, units: String(wholeUnits), nanos };
}

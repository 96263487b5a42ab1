import { CloudCatalogClient, type protos } from '@google-cloud/billing';
import type { CatalogApi } from './api.js';
import type { Caller } from './call.js';
import { type GcpTarget, globalClientOptions } from './clientOptions.js';
import { GcpError } from './errors.js';
import { timestampFrom } from './protoValues.js';
import type { CatalogPrice, CatalogSku } from './types.js';

type ISku = protos.google.cloud.billing.v1.ISku;
type IMoney = protos.google.type.IMoney;

// The catalog lists a few thousand services; large pages keep the lookup to a handful of requests.
const SERVICES_PAGE_SIZE = 5000;

/** Cloud Billing Catalog: the public list price of every SKU of a service. */
export class CatalogAdapter implements CatalogApi {
  private client: CloudCatalogClient | null = null;

  constructor(
    private readonly target: GcpTarget,
    private readonly caller: Caller,
  ) {}

  private catalog(): CloudCatalogClient {
    this.client ??= new CloudCatalogClient(globalClientOptions(this.target));
    return this.client;
  }

  async listSkus(serviceDisplayName: string, currencyCode = 'USD'): Promise<CatalogSku[]> {
    const client = this.catalog();
    const opts = this.caller.requestOptions;
    const services = await this.caller.listAll('CloudCatalog.ListServices', 'services', (pageToken) =>
      client.listServices({ pageSize: this.caller.pageSize ?? SERVICES_PAGE_SIZE, pageToken }, opts),
    );
    const service = services.find((s) => s.displayName === serviceDisplayName);
    if (!service?.name) {
      throw new GcpError({
        kind: 'not-found',
        method: 'CloudCatalog.ListServices',
        resource: 'services',
        httpStatus: null,
        grpcCode: null,
        permission: null,
        detail: `no billing catalog service is named ${JSON.stringify(serviceDisplayName)}`,
      });
    }
    const parent = service.name;
    const skus = await this.caller.listAll('CloudCatalog.ListSkus', parent, (pageToken) =>
      client.listSkus({ parent, pageToken, pageSize: this.caller.pageSize, currencyCode }, opts),
    );
    return skus.map(skuFrom);
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => undefined);
    this.client = null;
  }
}

export function skuFrom(sku: ISku): CatalogSku {
  return {
    skuId: sku.skuId ?? '',
    description: sku.description ?? '',
    serviceRegions: [...(sku.serviceRegions ?? [])],
    resourceFamily: sku.category?.resourceFamily ?? '',
    resourceGroup: sku.category?.resourceGroup ?? '',
    usageType: sku.category?.usageType ?? '',
    price: priceFrom(sku),
  };
}

/** The current price: the latest pricing info, first tier with a non-zero price (tier 0 is often a free tier). */
function priceFrom(sku: ISku): CatalogPrice | null {
  const infos = [...(sku.pricingInfo ?? [])].sort(
    (a, b) =>
      Date.parse(timestampFrom(b.effectiveTime) ?? '') - Date.parse(timestampFrom(a.effectiveTime) ?? ''),
  );
  const info = infos[0];
  const expression = info?.pricingExpression;
  if (!info || !expression) return null;
  const tiers = [...(expression.tieredRates ?? [])].sort(
    (a, b) => Number(a.startUsageAmount ?? 0) - Number(b.startUsageAmount ?? 0),
  );
  const tier = tiers.find((t) => moneyValue(t.unitPrice) > 0) ?? tiers[0];
  if (!tier) return null;
  return {
    unitPrice: moneyValue(tier.unitPrice),
    currency: tier.unitPrice?.currencyCode || 'USD',
    usageUnit: expression.usageUnit ?? '',
    effectiveTime: timestampFrom(info.effectiveTime) ?? new Date(0).toISOString(),
  };
}

function moneyValue(money: IMoney | null | undefined): number {
  if (!money) return 0;
  return Number(money.units ?? 0) + Number(money.nanos ?? 0) / 1e9;
}

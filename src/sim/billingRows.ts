// Export rows from usage: sums usage per 6-hour block and key, then writes it out the way Google appends it to
// the export (src/sim/billingExport.ts), in the billing account's currency.

import { BLOCK_HOURS, blockExportMs, blockStart, LATE_SHARE, lateExportMs } from './billingExport.js';
import { DAY_MS, HOUR_MS, startOfUtcDay, utcDay } from './clock.js';
import type { ScenarioSku } from './scenario.js';
import type { SimState } from './state.js';

const BLOCK_MS = BLOCK_HOURS * HOUR_MS;

/** One append to the export: a usage day's cost for a key, as exported at `exportMs`. */
export interface BillingRow {
  day: string;
  projectId: string;
  service: string;
  skuId: string;
  skuDescription: string;
  location: string;
  labels: Record<string, string>;
  cost: number;
  credits: number;
  currency: string;
  /** usage.amount_in_pricing_units, in usage.pricing_unit (the catalog's usage unit of the SKU). */
  pricingAmount: number;
  pricingUnit: string;
  /** usage.amount, in usage.unit (the SKU's base unit: seconds for hourly SKUs). */
  baseAmount: number;
  baseUnit: string;
  /** export_time. */
  exportMs: number;
}

interface Usage {
  blockStartMs: number;
  projectId: string;
  sku: ScenarioSku;
  location: string;
  labels: Record<string, string>;
  /** USD list cost. */
  cost: number;
  creditFraction: number;
  currency: string;
}

/**
 * Sums usage per (usage block, project, SKU, location, labels, currency), then writes it to the export the way
 * Google appends it: most of a block's cost some hours after the block, a late share of each day a day on.
 */
export class RowAccumulator {
  private readonly usage = new Map<string, Usage>();
  private readonly credits: BillingRow[] = [];

  constructor(
    private readonly state: SimState,
    private readonly defaultCreditFraction: number,
    private readonly currency: string,
  ) {}

  /** Usage at `atMs` (its block is what counts). */
  add(
    atMs: number,
    projectId: string,
    sku: ScenarioSku,
    location: string,
    labels: Record<string, string>,
    cost: number,
    opts: { creditFraction?: number | undefined; currency?: string | undefined } = {},
  ): void {
    if (cost <= 0) return;
    const start = blockStart(atMs);
    const currency = opts.currency ?? this.currency;
    const key = [start, projectId, sku.skuId, location, labelKey(labels), currency].join('|');
    const existing = this.usage.get(key);
    if (existing) {
      existing.cost += cost;
      return;
    }
    this.usage.set(key, {
      blockStartMs: start,
      projectId,
      sku,
      location,
      labels: { ...labels },
      cost,
      creditFraction: opts.creditFraction ?? this.defaultCreditFraction,
      currency,
    });
  }

  /** A whole day's cost, spread evenly over the blocks of the day that have begun by `nowMs`. */
  addDay(
    dayMs: number,
    nowMs: number,
    projectId: string,
    sku: ScenarioSku,
    location: string,
    labels: Record<string, string>,
    cost: number,
    opts: { creditFraction?: number | undefined; currency?: string | undefined } = {},
  ): void {
    const blocks = DAY_MS / BLOCK_MS;
    for (let i = 0; i < blocks; i++) {
      const start = dayMs + i * BLOCK_MS;
      if (start < nowMs) this.add(start, projectId, sku, location, labels, cost / blocks, opts);
    }
  }

  /** A credit of `amount` USD on a past usage day, exported at `exportMs`. */
  addCredit(
    day: string,
    projectId: string,
    sku: ScenarioSku,
    location: string,
    labels: Record<string, string>,
    amount: number,
    exportMs: number,
  ): void {
    this.credits.push({
      ...this.rowBase(day, projectId, sku, location, labels, this.currency),
      ...usageOf(sku, 0),
      cost: 0,
      credits: roundMicros(-amount * this.rate(this.currency)),
      exportMs,
    });
  }

  rows(): BillingRow[] {
    const rows: BillingRow[] = [];
    const late = new Map<string, BillingRow>();
    for (const u of this.usage.values()) {
      const day = utcDay(u.blockStartMs);
      const cost = u.cost * this.rate(u.currency);
      const base = this.rowBase(day, u.projectId, u.sku, u.location, u.labels, u.currency);
      const onTime = cost * (1 - LATE_SHARE);
      rows.push({
        ...base,
        ...usageOf(u.sku, u.cost * (1 - LATE_SHARE)),
        cost: onTime,
        credits: -onTime * u.creditFraction,
        exportMs: blockExportMs(u.blockStartMs),
      });
      const lateKey = [day, u.projectId, u.sku.skuId, u.location, labelKey(u.labels), u.currency].join('|');
      const lateRow = late.get(lateKey) ?? {
        ...base,
        ...usageOf(u.sku, 0),
        cost: 0,
        credits: 0,
        exportMs: lateExportMs(startOfUtcDay(u.blockStartMs)),
      };
      lateRow.cost += cost * LATE_SHARE;
      const lateUsage = usageOf(u.sku, u.cost * LATE_SHARE);
      lateRow.pricingAmount += lateUsage.pricingAmount;
      lateRow.baseAmount += lateUsage.baseAmount;
      lateRow.credits -= cost * LATE_SHARE * u.creditFraction;
      late.set(lateKey, lateRow);
    }
    return [...rows, ...late.values()]
      .map((row) => ({ ...row, cost: roundMicros(row.cost), credits: roundMicros(row.credits) }))
      .concat(this.credits);
  }

  private rowBase(
    day: string,
    projectId: string,
    sku: ScenarioSku,
    location: string,
    labels: Record<string, string>,
    currency: string,
  ): Omit<BillingRow, 'cost' | 'credits' | 'exportMs' | UsageField> {
    return {
      day,
      projectId,
      service: this.serviceName(sku.serviceId),
      skuId: sku.skuId,
      skuDescription: sku.description,
      location,
      labels: { ...labels },
      currency,
    };
  }

  /** USD → `currency`: list prices are USD, the export is in the account's currency. */
  private rate(currency: string): number {
    return currency === 'USD' ? 1 : (this.state.scenario.catalog.conversionRates[currency] ?? 1);
  }

  private serviceName(serviceId: string): string {
    const service = this.state.scenario.catalog.services.find(
      (candidate) => candidate.serviceId === serviceId,
    );
    return service?.displayName ?? serviceId;
  }
}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function roundMicros(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

type UsageField = 'pricingAmount' | 'pricingUnit' | 'baseAmount' | 'baseUnit';

// The export's usage.unit is the SKU's base unit ("The base unit for the SKU which is the unit used in usage
// exports", PricingExpression.base_unit); for hourly SKUs that is seconds.
const BASE_UNITS: Readonly<Record<string, { unit: string; factor: number }>> = {
  h: { unit: 'seconds', factor: 3600 },
};

/** The usage a USD list cost stands for on a SKU: cost ÷ list price in the SKU's units. */
function usageOf(sku: ScenarioSku, usdCost: number): Pick<BillingRow, UsageField> {
  const pricingAmount = sku.unitPrice > 0 ? usdCost / sku.unitPrice : 0;
  const base = BASE_UNITS[sku.usageUnit] ?? { unit: sku.usageUnit, factor: 1 };
  return {
    pricingAmount,
    pricingUnit: sku.usageUnit,
    baseAmount: pricingAmount * base.factor,
    baseUnit: base.unit,
  };
}

import type { CatalogSku, MachineSpec, ProvisioningModel } from '../gcp/types.js';
import { machineShape } from './machineTypes.js';
import { regionMatch } from './regions.js';
import { acceleratorLabel, type MeterComponent, type PriceUse, type SkuMeter, skuMeter } from './skuMeter.js';

/** One machine replica running for an hour somewhere, for some workload. */
export interface MachineUsage {
  machine: MachineSpec;
  region: string;
  use: PriceUse;
  provisioning: ProvisioningModel;
}

/** One line of a price: e.g. 4 vCPU × $0.0364 from SKU 1234-…. */
export interface PricePart {
  component: MeterComponent;
  fee: boolean;
  quantity: number;
  hourlyRate: number;
  skuId: string;
}

export type HourlyPrice =
  | { priced: true; hourly: number; parts: PricePart[] }
  | { priced: false; reason: string };

interface PricedSku {
  sku: CatalogSku;
  meter: SkuMeter;
}

const USE_WORDS: Record<PriceUse, string> = {
  training: 'training',
  prediction: 'prediction',
  batch_prediction: 'batch prediction',
};

/**
 * Hourly machine prices from catalog SKUs: a machine costs vCPUs × its family's core SKU + GiB × the RAM SKU +
 * accelerators × the GPU SKU. On demand those are Vertex AI's SKUs for the use, which carry the whole price. On
 * other capacity Google bills the VM as Compute Engine SKUs — Spot, on-demand for a reservation, Dynamic Workload
 * Scheduler for Flex-start — and adds Vertex AI's management fee SKU for the use on each part (docs/pipeline.md);
 * a fee the catalog lacks is left out rather than guessed. When any part of the machine itself has no SKU the
 * whole price is unknown (with the reason), never a partial or $0 price.
 */
export class PriceBook {
  private readonly meters: PricedSku[];

  /** `source` says where prices came from, e.g. "catalog 2026-11-28"; it is stored with every estimate. */
  constructor(
    skus: readonly CatalogSku[],
    readonly source: string,
  ) {
    this.meters = skus.flatMap((sku) => {
      const meter = skuMeter(sku);
      return meter ? [{ sku, meter }] : [];
    });
  }

  get size(): number {
    return this.meters.length;
  }

  /** The price of one replica of `usage.machine` for one hour. */
  machineHourly(usage: MachineUsage): HourlyPrice {
    const { machine, region, use, provisioning } = usage;
    if (!machine.machineType)
      return { priced: false, reason: 'no machine type (resources are chosen by Vertex AI)' };
    const shape = machineShape(machine.machineType);
    if (!shape) return { priced: false, reason: `unknown machine type ${machine.machineType}` };
    const accelerator =
      machine.acceleratorType && machine.acceleratorCount > 0
        ? { type: machine.acceleratorType, count: machine.acceleratorCount }
        : shape.builtIn;

    const wanted: Want[] = [
      { component: 'cpu', quantity: shape.vcpus, family: shape.family, accelerator: null },
      { component: 'ram', quantity: shape.memoryGib, family: shape.family, accelerator: null },
    ];
    if (accelerator)
      wanted.push({
        component: 'gpu',
        quantity: accelerator.count,
        family: null,
        accelerator: accelerator.type,
      });

    const parts: PricePart[] = [];
    for (const want of wanted) {
      const machinePart = this.machinePart(want, use, region, provisioning);
      if (!machinePart) return { priced: false, reason: missingReason(want, region, use, provisioning) };
      parts.push(part(want, machinePart.sku, false));
      if (!machinePart.withFee) continue;
      const fee = this.find({ ...want, use, region, spot: false, dws: false, fee: true, compute: false });
      if (fee) parts.push(part(want, fee, true));
    }
    const hourly = parts.reduce((sum, p) => sum + p.quantity * p.hourlyRate, 0);
    return { priced: true, hourly, parts };
  }

  /** The SKU of one part of the machine on `provisioning`, and whether the management fee goes on top of it. */
  private machinePart(
    want: Want,
    use: PriceUse,
    region: string,
    provisioning: ProvisioningModel,
  ): { sku: PricedSku; withFee: boolean } | null {
    const at = { ...want, use, region, fee: false };
    const vertexOnDemand = () => this.find({ ...at, spot: false, dws: false, compute: false });
    const withFee = (sku: PricedSku | null) => (sku ? { sku, withFee: true } : null);
    switch (provisioning) {
      case 'on-demand': {
        const sku = vertexOnDemand();
        return sku ? { sku, withFee: false } : null;
      }
      // Compute Engine's Spot SKU, or a Vertex AI Spot SKU where a catalog has one.
      case 'spot':
        return withFee(
          this.find({ ...at, spot: true, dws: false, compute: true }) ??
            this.find({ ...at, spot: true, dws: false, compute: false }),
        );
      // Compute Engine's on-demand rate. Without it, Vertex AI's on-demand price, which is that rate plus the
      // fee already.
      case 'reservation': {
        const compute = this.find({ ...at, spot: false, dws: false, compute: true });
        if (compute) return { sku: compute, withFee: true };
        const sku = vertexOnDemand();
        return sku ? { sku, withFee: false } : null;
      }
      case 'flex-start':
        return withFee(this.find({ ...at, spot: false, dws: true, compute: true }));
    }
  }

  private find(want: {
    component: MeterComponent;
    family: string | null;
    accelerator: string | null;
    use: PriceUse;
    region: string;
    spot: boolean;
    dws: boolean;
    fee: boolean;
    compute: boolean;
  }): PricedSku | null {
    let best: PricedSku | null = null;
    let bestExact = false;
    for (const candidate of this.meters) {
      const m = candidate.meter;
      if (m.component !== want.component || m.fee !== want.fee || m.spot !== want.spot) continue;
      if (m.dws !== want.dws) continue;
      if (m.compute !== want.compute) continue;
      if (!m.uses.includes(want.use)) continue;
      if (want.component === 'gpu' ? m.accelerator !== want.accelerator : m.family !== want.family) continue;
      const match = regionMatch(candidate.sku, want.region);
      if (match === 'none') continue;
      const exact = match === 'exact';
      // A SKU for exactly this region beats one for its continent; among equals, the lowest SKU id, so the
      // choice does not depend on catalog order.
      if (!best || (exact && !bestExact) || (exact === bestExact && candidate.sku.skuId < best.sku.skuId)) {
        best = candidate;
        bestExact = exact;
      }
    }
    return best;
  }
}

interface Want {
  component: MeterComponent;
  quantity: number;
  family: string | null;
  accelerator: string | null;
}

function part(want: Want, priced: PricedSku, fee: boolean): PricePart {
  return {
    component: want.component,
    fee,
    quantity: want.quantity,
    hourlyRate: priced.meter.hourlyRate,
    skuId: priced.sku.skuId,
  };
}

// How a missing SKU's provisioning model reads in the reason.
const PROVISIONING_WORDS: Record<ProvisioningModel, string> = {
  'on-demand': '',
  spot: 'Spot ',
  reservation: '',
  'flex-start': 'Flex-start ',
};

function missingReason(want: Want, region: string, use: PriceUse, provisioning: ProvisioningModel): string {
  const what =
    want.component === 'gpu'
      ? `${acceleratorLabel(want.accelerator ?? '')} GPU`
      : `${(want.family ?? '').toUpperCase()} ${want.component === 'cpu' ? 'vCPU' : 'RAM'}`;
  return `no catalog SKU for ${PROVISIONING_WORDS[provisioning]}${what} in ${region} (${USE_WORDS[use]})`;
}

// Reading a catalog SKU: what usage it prices (training or prediction; vCPU, RAM or a GPU; which machine family or
// accelerator; Spot or on-demand; a management fee or the machine itself). The catalog has no structured field
// for most of this, so it comes from the description, the way Google words it ("Vertex AI: Training on N1
// Predefined Instance Core running in Americas", "Online/Batch Prediction Nvidia Tesla T4 GPU running in Iowa").
// Compute Engine's machine SKUs price the VMs of Vertex AI capacity that is not on demand, whatever it is used for
// (docs/pipeline.md, "Spot, reservations, Flex-start"): Spot ("Spot Preemptible N1 Predefined Instance Core
// running in Americas"), reservations (the on-demand "N1 Predefined Instance Core running in Americas") and
// Flex-start ("DWS Defined Duration A2 Instance Core running in Americas", "Nvidia Tesla A100 GPU attached to DWS
// Defined Duration VMs running in Americas").

import type { CatalogSku } from '../gcp/types.js';

export type PriceUse = 'training' | 'prediction' | 'batch_prediction';
export type MeterComponent = 'cpu' | 'ram' | 'gpu';

export interface SkuMeter {
  /** The workloads the SKU prices; "Online/Batch Prediction" SKUs serve both prediction uses. */
  uses: PriceUse[];
  component: MeterComponent;
  /** Machine family for cpu/ram SKUs (n1, e2, a2…); null for GPU SKUs. */
  family: string | null;
  /** AcceleratorType enum name for GPU SKUs. */
  accelerator: string | null;
  spot: boolean;
  /** A Dynamic Workload Scheduler price: what Flex-start VMs are billed at. */
  dws: boolean;
  /** A management fee charged on top of the machine's own price. */
  fee: boolean;
  /** A Compute Engine SKU: prices a VM Vertex AI runs on Spot, reserved or Flex-start capacity, for any use. */
  compute: boolean;
  /** Price per vCPU-hour, GiB-hour or GPU-hour. */
  hourlyRate: number;
}

/** Accelerator names in descriptions → Vertex AI enum names; more specific patterns first. */
const ACCELERATOR_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bH100\b.*\bMega\b|\bMega\b.*\bH100\b/i, 'NVIDIA_H100_MEGA_80GB'],
  [/\bH100\b/i, 'NVIDIA_H100_80GB'],
  [/\bH200\b/i, 'NVIDIA_H200_141GB'],
  [/\bGB200\b/i, 'NVIDIA_GB200'],
  [/\bB200\b/i, 'NVIDIA_B200'],
  [/\bA100\b.*\b80 ?GB\b/i, 'NVIDIA_A100_80GB'],
  [/\bA100\b/i, 'NVIDIA_TESLA_A100'],
  [/\bL4\b/i, 'NVIDIA_L4'],
  [/\bT4\b/i, 'NVIDIA_TESLA_T4'],
  [/\bV100\b/i, 'NVIDIA_TESLA_V100'],
  [/\bP100\b/i, 'NVIDIA_TESLA_P100'],
  [/\bP4\b/i, 'NVIDIA_TESLA_P4'],
  [/\bK80\b/i, 'NVIDIA_TESLA_K80'],
  [/\bRTX PRO 6000\b/i, 'NVIDIA_RTX_PRO_6000'],
];

/** Short names for messages: NVIDIA_TESLA_A100 → A100. */
export function acceleratorLabel(type: string): string {
  return type.replace(/^NVIDIA_(TESLA_)?/, '').replace(/_/g, ' ');
}

const FAMILY = /\b(n1|n2d|n2|n4|e2|c2d|c2|c3d|c3|a2|a3|a4|g2|m1|m2|m3)\b/i;

// Compute Engine SKUs that do not price one more hour of a predefined machine: custom shapes, sole-tenant nodes,
// capacity held apart from any VM (reserved, calendar-mode blocks), extended memory, and other products' VMs.
const NOT_A_MACHINE_HOUR =
  /\b(custom|sole tenancy|sole-tenant|reserved|calendar mode|commitment|extended|premium|notebooks?|workbench)\b/i;

// Hours per unit of time the catalog uses, to turn any time-based price into an hourly one.
const HOURS_PER_UNIT: Record<string, number> = { h: 1, hour: 1, min: 1 / 60, s: 1 / 3600 };

/** The usage a SKU prices, or null when it is not a per-hour machine or GPU price burnrate can use. */
export function skuMeter(sku: CatalogSku): SkuMeter | null {
  if (!sku.price || sku.price.unitPrice <= 0) return null;
  // Commitments are prepaid; they say nothing about what running one more hour costs.
  if (/commit/i.test(sku.usageType)) return null;
  const text = sku.description;
  const spot = /preemptible|spot/i.test(sku.usageType) || /\b(spot|preemptible)\b/i.test(text);
  const dws = /\bDWS\b|\bflex[ -]start\b/i.test(text);
  const vertexUses = usesOf(text);
  // Compute Engine's machine prices are read for Spot, reserved and Flex-start capacity; on demand, Vertex AI's own
  // SKUs carry the whole price.
  const compute =
    vertexUses.length === 0 &&
    !/\bvertex\b/i.test(text) &&
    /\brunning in\b/i.test(text) &&
    !NOT_A_MACHINE_HOUR.test(text);
  const uses: PriceUse[] = compute ? ['training', 'prediction', 'batch_prediction'] : vertexUses;
  if (uses.length === 0) return null;
  const accelerator = ACCELERATOR_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  const component: MeterComponent | null =
    accelerator || /\bGPU\b/i.test(text) || /^gpu$/i.test(sku.resourceGroup)
      ? 'gpu'
      : /\b(RAM|memory)\b/i.test(text)
        ? 'ram'
        : /\b(core|cores|vCPU|CPU)\b/i.test(text)
          ? 'cpu'
          : null;
  if (!component || (component === 'gpu' && !accelerator)) return null;
  const unitHours = component === 'ram' ? gibHours(sku.price.usageUnit) : HOURS_PER_UNIT[sku.price.usageUnit];
  if (!unitHours) return null;
  return {
    uses,
    component,
    family: component === 'gpu' ? null : (FAMILY.exec(text)?.[1]?.toLowerCase() ?? null),
    accelerator: component === 'gpu' ? accelerator : null,
    spot,
    dws,
    fee: /\bfee\b/i.test(text),
    compute,
    hourlyRate: sku.price.unitPrice / unitHours,
  };
}

function usesOf(text: string): PriceUse[] {
  if (/\btrain(ing)?\b/i.test(text)) return ['training'];
  if (/\bbatch\b/i.test(text) && !/\bonline\b/i.test(text)) return ['batch_prediction'];
  if (/\b(prediction|predictions|inference|serving)\b/i.test(text)) return ['prediction', 'batch_prediction'];
  return [];
}

/** RAM is priced per GiB-hour ("GiBy.h"); the same price per GiB-minute or GiB-second is converted. */
function gibHours(unit: string): number | undefined {
  const match = /^GiBy\.(h|min|s)$/.exec(unit);
  return match ? HOURS_PER_UNIT[match[1] ?? ''] : undefined;
}

import { describe, expect, it } from 'vitest';
import type { MachineSpec, ProvisioningModel } from '../../src/gcp/types.js';
import { PriceBook } from '../../src/pricing/priceBook.js';
import type { PriceUse } from '../../src/pricing/skuMeter.js';
import { CATALOG } from './catalogFixture.js';

const book = new PriceBook(CATALOG, 'catalog 2026-11-28');

const machine = (
  machineType: string | null,
  acceleratorType: string | null = null,
  acceleratorCount = 0,
): MachineSpec => ({
  machineType,
  acceleratorType,
  acceleratorCount,
});

const hourly = (
  spec: MachineSpec,
  use: PriceUse,
  region = 'us-central1',
  provisioning: ProvisioningModel = 'on-demand',
) => book.machineHourly({ machine: spec, region, use, provisioning });

describe('PriceBook.machineHourly', () => {
  it('prices Vertex custom training on n1-standard-4 at the published $0.2185/h in us-central1', () => {
    const price = hourly(machine('n1-standard-4'), 'training');
    expect(price.priced && price.hourly).toBeCloseTo(0.2185, 4);
  });

  it.each<[string, MachineSpec, PriceUse, string, ProvisioningModel, number]>([
    // On demand, a Vertex AI machine SKU carries the whole price: no management fee on top.
    [
      'n1-standard-8 training',
      machine('n1-standard-8'),
      'training',
      'us-central1',
      'on-demand',
      8 * 0.0363527 + 30 * 0.00487255,
    ],
    [
      'n1-standard-8 + 2×T4 training',
      machine('n1-standard-8', 'NVIDIA_TESLA_T4', 2),
      'training',
      'us-central1',
      'on-demand',
      8 * 0.0363527 + 30 * 0.00487255 + 2 * 0.4025,
    ],
    // Spot: Compute Engine's Spot SKUs plus Vertex AI's management fee on each part.
    [
      'Spot n1-standard-4 training',
      machine('n1-standard-4'),
      'training',
      'us-central1',
      'spot',
      4 * (0.00698 + 0.0047417) + 15 * (0.000936 + 0.00063555),
    ],
    [
      'Spot n1-standard-4 + T4 training',
      machine('n1-standard-4', 'NVIDIA_TESLA_T4', 1),
      'training',
      'us-central1',
      'spot',
      4 * (0.00698 + 0.0047417) + 15 * (0.000936 + 0.00063555) + 0.14 + 0.0525,
    ],
    [
      'Spot n1-standard-4 prediction',
      machine('n1-standard-4'),
      'prediction',
      'us-central1',
      'spot',
      4 * (0.00698 + 0.0047417) + 15 * (0.000936 + 0.00063555),
    ],
    // A reservation: Compute Engine's on-demand rate plus the fee, which is Vertex AI's on-demand price.
    [
      'n1-standard-4 + T4 training on a reservation',
      machine('n1-standard-4', 'NVIDIA_TESLA_T4', 1),
      'training',
      'us-central1',
      'reservation',
      4 * (0.031611 + 0.0047417) + 15 * (0.004237 + 0.00063555) + 0.35 + 0.0525,
    ],
    [
      'n1-standard-4 prediction on a reservation',
      machine('n1-standard-4'),
      'prediction',
      'us-central1',
      'reservation',
      4 * (0.031611 + 0.0047417) + 15 * (0.004237 + 0.00063555),
    ],
    // Without Compute Engine SKUs for the machine, Vertex AI's on-demand price (no fee on top of it).
    [
      'a2-highgpu-1g training on a reservation',
      machine('a2-highgpu-1g'),
      'training',
      'us-central1',
      'reservation',
      12 * 0.031611 + 85 * 0.004237 + 2.933908,
    ],
    // Flex-start: Dynamic Workload Scheduler SKUs plus the fee (the A2 core and RAM fees are not in this catalog).
    [
      'a2-highgpu-1g Flex-start training',
      machine('a2-highgpu-1g'),
      'training',
      'us-central1',
      'flex-start',
      12 * 0.0158 + 85 * 0.0021185 + 1.47 + 0.44,
    ],
    // The A100 comes with a2-highgpu-1g even when the spec does not repeat it.
    [
      'a2-highgpu-1g training',
      machine('a2-highgpu-1g'),
      'training',
      'us-central1',
      'on-demand',
      12 * 0.031611 + 85 * 0.004237 + 2.933908,
    ],
    [
      'a2-ultragpu-1g training',
      machine('a2-ultragpu-1g'),
      'training',
      'us-central1',
      'on-demand',
      12 * 0.031611 + 170 * 0.004237 + 3.9,
    ],
    // The H100 fee SKU exists (for Spot, reservations, Flex-start) but is not added on demand.
    [
      'a3-highgpu-8g training',
      machine('a3-highgpu-8g'),
      'training',
      'us-central1',
      'on-demand',
      208 * 0.0253 + 1872 * 0.0034 + 8 * 9.79,
    ],
    [
      'n1-standard-4 prediction',
      machine('n1-standard-4'),
      'prediction',
      'us-central1',
      'on-demand',
      4 * 0.036354 + 15 * 0.004876,
    ],
    [
      'g2-standard-8 prediction (one L4 built in)',
      machine('g2-standard-8', 'NVIDIA_L4', 1),
      'prediction',
      'us-central1',
      'on-demand',
      8 * 0.028622 + 32 * 0.003353 + 0.644241,
    ],
    // A regional SKU is used where the region has one.
    [
      'n1-standard-4 prediction in Tokyo',
      machine('n1-standard-4'),
      'prediction',
      'asia-northeast1',
      'on-demand',
      4 * 0.0468 + 15 * 0.00627,
    ],
    // Online/Batch Prediction SKUs also price batch prediction.
    [
      'n1-standard-8 batch prediction',
      machine('n1-standard-8'),
      'batch_prediction',
      'us-east1',
      'on-demand',
      8 * 0.036354 + 30 * 0.004876,
    ],
    [
      'n2-standard-4 batch prediction',
      machine('n2-standard-4'),
      'batch_prediction',
      'us-central1',
      'on-demand',
      4 * 0.0364 + 16 * 0.0049,
    ],
    [
      'e2-standard-4 prediction, per-minute SKUs',
      machine('e2-standard-4'),
      'prediction',
      'us-central1',
      'on-demand',
      4 * 0.025082 + 16 * 0.003361,
    ],
  ])('%s', (_label, spec, use, region, provisioning, expected) => {
    const price = hourly(spec, use, region, provisioning);
    expect(price.priced).toBe(true);
    if (price.priced) expect(price.hourly).toBeCloseTo(expected, 9);
  });

  it.each<[string, MachineSpec, PriceUse, string, ProvisioningModel, string]>([
    [
      'A100 prediction outside the SKU regions',
      machine('a2-highgpu-1g'),
      'prediction',
      'asia-northeast1',
      'on-demand',
      'no catalog SKU for A2 vCPU in asia-northeast1 (prediction)',
    ],
    [
      'A100 GPU in Tokyo on n1',
      machine('n1-standard-8', 'NVIDIA_TESLA_A100', 1),
      'prediction',
      'asia-northeast1',
      'on-demand',
      'no catalog SKU for A100 GPU in asia-northeast1 (prediction)',
    ],
    [
      'Spot with no Spot SKU',
      machine('g2-standard-8'),
      'prediction',
      'us-central1',
      'spot',
      'no catalog SKU for Spot G2 vCPU in us-central1 (prediction)',
    ],
    [
      'Spot GPU with no Spot SKU',
      machine('n1-standard-4', 'NVIDIA_TESLA_A100', 1),
      'training',
      'us-central1',
      'spot',
      'no catalog SKU for Spot A100 GPU in us-central1 (training)',
    ],
    [
      'Flex-start with no Dynamic Workload Scheduler SKU',
      machine('g2-standard-8'),
      'prediction',
      'us-central1',
      'flex-start',
      'no catalog SKU for Flex-start G2 vCPU in us-central1 (prediction)',
    ],
    [
      'unknown machine type',
      machine('custom-8-30720'),
      'training',
      'us-central1',
      'on-demand',
      'unknown machine type custom-8-30720',
    ],
    [
      'no machine type',
      machine(null),
      'prediction',
      'us-central1',
      'on-demand',
      'no machine type (resources are chosen by Vertex AI)',
    ],
    [
      'a family with no SKUs',
      machine('c2-standard-8'),
      'training',
      'us-central1',
      'on-demand',
      'no catalog SKU for C2 vCPU in us-central1 (training)',
    ],
  ])('%s is unpriced with a reason, never $0', (_label, spec, use, region, provisioning, reason) => {
    expect(hourly(spec, use, region, provisioning)).toEqual({ priced: false, reason });
  });

  it('lists the SKUs it used', () => {
    const onDemand = hourly(machine('n1-standard-4', 'NVIDIA_TESLA_T4', 1), 'training');
    expect(onDemand.priced && onDemand.parts.map((p) => `${p.skuId}×${p.quantity}`)).toEqual([
      'T-N1-CPU×4',
      'T-N1-RAM×15',
      'T-T4×1',
    ]);
    const spot = hourly(machine('n1-standard-4', 'NVIDIA_TESLA_T4', 1), 'training', 'us-central1', 'spot');
    expect(spot.priced && spot.parts.map((p) => `${p.skuId}×${p.quantity}`)).toEqual([
      'GCE-SPOT-N1-CPU×4',
      'T-N1-FEE-CPU×4',
      'GCE-SPOT-N1-RAM×15',
      'T-N1-FEE-RAM×15',
      'GCE-SPOT-T4×1',
      'T-T4-FEE×1',
    ]);
  });
});

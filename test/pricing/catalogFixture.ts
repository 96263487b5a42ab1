// Catalog SKUs worded the way Google words Vertex AI and Compute Engine SKUs, for the pricing tests. On-demand
// Vertex AI SKUs carry the whole price of the machine (n1-standard-4 training: Google's published $0.2185/h);
// Spot machines are Compute Engine Spot SKUs, reserved ones Compute Engine's on-demand SKUs, Flex-start ones its
// Dynamic Workload Scheduler ("DWS Defined Duration") SKUs, and Vertex AI adds its management fee SKUs on top.
// Compute Engine's on-demand N1 and T4 prices plus the fee are Vertex AI's on-demand prices.

import type { CatalogSku } from '../../src/gcp/types.js';

const AMERICAS = ['us-central1', 'us-east1', 'northamerica-northeast1'];

export function sku(
  skuId: string,
  description: string,
  unitPrice: number,
  opts: { unit?: string; regions?: string[]; usageType?: string; resourceGroup?: string } = {},
): CatalogSku {
  return {
    skuId,
    description,
    serviceRegions: opts.regions ?? AMERICAS,
    resourceFamily: 'Compute',
    resourceGroup: opts.resourceGroup ?? 'CPU',
    usageType: opts.usageType ?? 'OnDemand',
    price: {
      unitPrice,
      currency: 'USD',
      usageUnit: opts.unit ?? 'h',
      effectiveTime: '2026-10-01T00:00:00.000Z',
    },
  };
}

export const CATALOG: CatalogSku[] = [
  sku(
    'T-N1-CPU',
    'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
    0.0363527,
  ),
  sku(
    'T-N1-RAM',
    'Vertex AI: Training/Pipelines on N1 Predefined Instance Ram running in Americas',
    0.00487255,
    { unit: 'GiBy.h' },
  ),
  sku(
    'T-N1-FEE-CPU',
    'Vertex AI: Training/Pipelines Management fee on N1 Instance Core in Americas',
    0.0047417,
  ),
  sku(
    'T-N1-FEE-RAM',
    'Vertex AI: Training/Pipelines Management fee on N1 Instance RAM in Americas',
    0.00063555,
    { unit: 'GiBy.h' },
  ),
  sku(
    'P-N1-FEE-CPU',
    'Vertex AI: Online/Batch Prediction Management fee on N1 Instance Core in Americas',
    0.0047417,
  ),
  sku(
    'P-N1-FEE-RAM',
    'Vertex AI: Online/Batch Prediction Management fee on N1 Instance RAM in Americas',
    0.00063555,
    { unit: 'GiBy.h' },
  ),
  // Compute Engine's Spot SKUs.
  sku('GCE-SPOT-N1-CPU', 'Spot Preemptible N1 Predefined Instance Core running in Americas', 0.00698, {
    usageType: 'Preemptible',
  }),
  sku('GCE-SPOT-N1-RAM', 'Spot Preemptible N1 Predefined Instance Ram running in Americas', 0.000936, {
    unit: 'GiBy.h',
    usageType: 'Preemptible',
  }),
  sku('GCE-SPOT-T4', 'Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Americas', 0.14, {
    resourceGroup: 'GPU',
    usageType: 'Preemptible',
  }),
  sku('T-T4', 'Vertex AI: Training/Pipelines on Nvidia Tesla T4 GPU running in Americas', 0.4025, {
    resourceGroup: 'GPU',
  }),
  sku('T-T4-FEE', 'Vertex AI: Training/Pipelines Management fee on Nvidia Tesla T4 GPU in Americas', 0.0525, {
    resourceGroup: 'GPU',
  }),
  sku('T-A2-CPU', 'Vertex AI: Training/Pipelines on A2 Instance Core running in Americas', 0.031611),
  sku('T-A2-RAM', 'Vertex AI: Training/Pipelines on A2 Instance Ram running in Americas', 0.004237, {
    unit: 'GiBy.h',
  }),
  sku('T-A100', 'Vertex AI: Training/Pipelines on Nvidia Tesla A100 GPU running in Americas', 2.933908, {
    resourceGroup: 'GPU',
  }),
  sku('T-A100-80', 'Vertex AI: Training/Pipelines on Nvidia A100 80GB GPU running in Americas', 3.9, {
    resourceGroup: 'GPU',
  }),
  sku('T-A3-CPU', 'Vertex AI: Training on A3 Instance Core running in Americas', 0.0253),
  sku('T-A3-RAM', 'Vertex AI: Training on A3 Instance Ram running in Americas', 0.0034, { unit: 'GiBy.h' }),
  sku('T-H100', 'Vertex AI: Training on Nvidia H100 80GB GPU running in Americas', 9.79, {
    resourceGroup: 'GPU',
  }),
  sku('T-H100-FEE', 'Vertex AI: Training Management fee on Nvidia H100 80GB GPU in Americas', 1.2735, {
    resourceGroup: 'GPU',
  }),
  sku(
    'P-N1-CPU',
    'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Americas',
    0.036354,
  ),
  sku(
    'P-N1-RAM',
    'Vertex AI: Online/Batch Prediction N1 Predefined Instance Ram running in Americas',
    0.004876,
    { unit: 'GiBy.h' },
  ),
  sku(
    'P-N1-CPU-TOKYO',
    'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Tokyo',
    0.0468,
    { regions: ['asia-northeast1'] },
  ),
  sku(
    'P-N1-RAM-TOKYO',
    'Vertex AI: Online/Batch Prediction N1 Predefined Instance Ram running in Tokyo',
    0.00627,
    { unit: 'GiBy.h', regions: ['asia-northeast1'] },
  ),
  sku('P-G2-CPU', 'Vertex AI: Online/Batch Prediction G2 Instance Core running in Americas', 0.028622),
  sku('P-G2-RAM', 'Vertex AI: Online/Batch Prediction G2 Instance Ram running in Americas', 0.003353, {
    unit: 'GiBy.h',
  }),
  sku('P-L4', 'Vertex AI: Online/Batch Prediction Nvidia L4 GPU running in Americas', 0.644241, {
    resourceGroup: 'GPU',
  }),
  sku('P-T4', 'Vertex AI: Online/Batch Prediction Nvidia Tesla T4 GPU running in Americas', 0.4025, {
    resourceGroup: 'GPU',
  }),
  sku('P-A100', 'Vertex AI: Online/Batch Prediction Nvidia Tesla A100 GPU running in Americas', 3.3741, {
    resourceGroup: 'GPU',
  }),
  sku(
    'P-E2-CPU-MIN',
    'Vertex AI: Online/Batch Prediction E2 Instance Core running in Americas',
    0.025082 / 60,
    { unit: 'min' },
  ),
  sku(
    'P-E2-RAM-MIN',
    'Vertex AI: Online/Batch Prediction E2 Instance Ram running in Americas',
    0.003361 / 60,
    { unit: 'GiBy.min' },
  ),
  sku('B-N2-CPU', 'Vertex AI: Batch Prediction N2 Instance Core running in Americas', 0.0364),
  sku('B-N2-RAM', 'Vertex AI: Batch Prediction N2 Instance Ram running in Americas', 0.0049, {
    unit: 'GiBy.h',
  }),
  // Compute Engine on demand: what reserved capacity is charged at.
  sku('GCE-N1', 'N1 Predefined Instance Core running in Americas', 0.031611),
  sku('GCE-N1-RAM', 'N1 Predefined Instance Ram running in Americas', 0.004237, { unit: 'GiBy.h' }),
  sku('GCE-T4', 'Nvidia Tesla T4 GPU running in Americas', 0.35, { resourceGroup: 'GPU' }),
  // Dynamic Workload Scheduler: what Flex-start VMs are billed at.
  sku('GCE-DWS-A2-CPU', 'DWS Defined Duration A2 Instance Core running in Americas', 0.0158),
  sku('GCE-DWS-A2-RAM', 'DWS Defined Duration A2 Instance Ram running in Americas', 0.0021185, {
    unit: 'GiBy.h',
  }),
  sku(
    'GCE-DWS-A100',
    'Nvidia Tesla A100 GPU attached to DWS Defined Duration VMs running in Americas',
    1.47,
    {
      resourceGroup: 'GPU',
    },
  ),
  sku(
    'T-A100-FEE',
    'Vertex AI: Training/Pipelines Management fee on Nvidia Tesla A100 GPU in Americas',
    0.44,
    {
      resourceGroup: 'GPU',
    },
  ),
  // Not the price of one more hour of a predefined machine.
  sku('GCE-RESERVED-A3', 'Reserved A3 Instance Core running in Americas', 0.02),
  sku('GCE-CUSTOM', 'Custom Instance Core running in Americas', 0.033),
  sku('COMMIT', 'Vertex AI: Commitment v1: N1 Core in Americas for 1 Year', 0.02, { usageType: 'Commit1Yr' }),
  sku('STORAGE', 'Standard Storage US Multi-region', 0.026, { unit: 'GiBy.mo' }),
];

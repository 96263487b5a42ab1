import { describe, expect, it } from 'vitest';
import { skuMeter } from '../../src/pricing/skuMeter.js';
import { CATALOG } from './catalogFixture.js';

const meter = (id: string) => {
  const found = CATALOG.find((s) => s.skuId === id);
  if (!found) throw new Error(id);
  return skuMeter(found);
};

describe('skuMeter', () => {
  it.each([
    [
      'T-N1-CPU',
      { uses: ['training'], component: 'cpu', family: 'n1', accelerator: null, spot: false, fee: false },
    ],
    ['T-N1-RAM', { uses: ['training'], component: 'ram', family: 'n1', spot: false, fee: false }],
    ['T-N1-FEE-CPU', { component: 'cpu', family: 'n1', fee: true }],
    ['T-N1-FEE-RAM', { component: 'ram', family: 'n1', fee: true }],
    [
      'GCE-SPOT-N1-CPU',
      {
        uses: ['training', 'prediction', 'batch_prediction'],
        component: 'cpu',
        family: 'n1',
        spot: true,
        compute: true,
      },
    ],
    ['T-T4', { component: 'gpu', family: null, accelerator: 'NVIDIA_TESLA_T4', spot: false }],
    ['T-T4-FEE', { component: 'gpu', accelerator: 'NVIDIA_TESLA_T4', fee: true }],
    ['GCE-SPOT-T4', { component: 'gpu', accelerator: 'NVIDIA_TESLA_T4', spot: true, compute: true }],
    // Compute Engine on demand (reservations) and Dynamic Workload Scheduler (Flex-start).
    [
      'GCE-N1',
      {
        uses: ['training', 'prediction', 'batch_prediction'],
        family: 'n1',
        spot: false,
        dws: false,
        compute: true,
      },
    ],
    ['GCE-T4', { component: 'gpu', accelerator: 'NVIDIA_TESLA_T4', spot: false, compute: true }],
    ['GCE-DWS-A2-CPU', { component: 'cpu', family: 'a2', spot: false, dws: true, compute: true }],
    ['GCE-DWS-A100', { component: 'gpu', accelerator: 'NVIDIA_TESLA_A100', dws: true, compute: true }],
    ['T-A100', { accelerator: 'NVIDIA_TESLA_A100' }],
    ['T-A100-80', { accelerator: 'NVIDIA_A100_80GB' }],
    ['T-H100', { accelerator: 'NVIDIA_H100_80GB' }],
    ['P-N1-CPU', { uses: ['prediction', 'batch_prediction'], component: 'cpu', family: 'n1' }],
    ['P-L4', { uses: ['prediction', 'batch_prediction'], accelerator: 'NVIDIA_L4' }],
    ['B-N2-CPU', { uses: ['batch_prediction'], family: 'n2' }],
  ])('%s', (id, expected) => {
    expect(meter(id)).toMatchObject(expected);
  });

  it('turns per-minute prices into hourly rates', () => {
    expect(meter('P-E2-CPU-MIN')?.hourlyRate).toBeCloseTo(0.025082, 9);
    expect(meter('P-E2-RAM-MIN')?.hourlyRate).toBeCloseTo(0.003361, 9);
  });

  it.each(['GCE-RESERVED-A3', 'GCE-CUSTOM', 'COMMIT', 'STORAGE'])(
    'ignores %s (not a per-hour machine price Vertex AI bills)',
    (id) => {
      expect(meter(id)).toBeNull();
    },
  );
});

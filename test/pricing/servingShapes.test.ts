import { describe, expect, it } from 'vitest';
import { servingShapeOf, servingShapes } from '../../src/pricing/servingShapes.js';

describe('serving shapes: what a machine holds', () => {
  it.each([
    {
      machine: { machineType: 'g2-standard-24', acceleratorType: 'NVIDIA_L4', acceleratorCount: 2 },
      shape: { vcpus: 24, memoryGib: 96, accelerator: { type: 'NVIDIA_L4', count: 2, memoryGib: 48 } },
    },
    {
      // GPUs built into the machine type count even when the spec names none.
      machine: { machineType: 'a2-highgpu-1g', acceleratorType: null, acceleratorCount: 0 },
      shape: {
        vcpus: 12,
        memoryGib: 85,
        accelerator: { type: 'NVIDIA_TESLA_A100', count: 1, memoryGib: 40 },
      },
    },
    {
      machine: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 2 },
      shape: { vcpus: 8, memoryGib: 30, accelerator: { type: 'NVIDIA_TESLA_T4', count: 2, memoryGib: 32 } },
    },
    {
      machine: {
        machineType: 'n1-standard-8',
        acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED',
        acceleratorCount: 0,
      },
      shape: { vcpus: 8, memoryGib: 30, accelerator: null },
    },
    {
      // An accelerator whose memory burnrate does not know: its memory is unknown, never 0.
      machine: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_B200', acceleratorCount: 1 },
      shape: { vcpus: 8, memoryGib: 30, accelerator: { type: 'NVIDIA_B200', count: 1, memoryGib: null } },
    },
  ])(
    '$machine.machineType with $machine.acceleratorCount × $machine.acceleratorType',
    ({ machine, shape }) => {
      expect(servingShapeOf(machine)).toMatchObject(shape);
    },
  );

  it('knows no shape for unknown machine types', () => {
    expect(
      servingShapeOf({ machineType: 'ct5lp-hightpu-4t', acceleratorType: null, acceleratorCount: 0 }),
    ).toBeNull();
    expect(servingShapeOf({ machineType: null, acceleratorType: null, acceleratorCount: 0 })).toBeNull();
  });

  it('offers CPU-only machines, N1 machines with attachable GPUs, and accelerator-optimised ones', () => {
    const names = servingShapes().map(
      (s) =>
        `${s.machine.machineType}${s.accelerator ? `+${s.accelerator.count}x${s.accelerator.type}` : ''}`,
    );
    expect(names).toContain('e2-standard-2');
    expect(names).toContain('n1-standard-4+1xNVIDIA_TESLA_T4');
    expect(names).toContain('n1-highmem-8+8xNVIDIA_TESLA_V100');
    expect(names).toContain('g2-standard-4+1xNVIDIA_L4');
    expect(names).toContain('a2-highgpu-1g+1xNVIDIA_TESLA_A100');
    // L4s come only with G2 machines; no N1 carries one.
    expect(names.filter((n) => n.startsWith('n1-') && n.includes('NVIDIA_L4'))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });
});

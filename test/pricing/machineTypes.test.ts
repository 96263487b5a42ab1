import { describe, expect, it } from 'vitest';
import { machineShape } from '../../src/pricing/machineTypes.js';

describe('machineShape', () => {
  it.each([
    ['n1-standard-4', 'n1', 4, 15, null],
    ['n1-standard-8', 'n1', 8, 30, null],
    ['n1-highmem-8', 'n1', 8, 52, null],
    ['n1-highcpu-16', 'n1', 16, 14.4, null],
    ['n2-standard-32', 'n2', 32, 128, null],
    ['n2-highmem-4', 'n2', 4, 32, null],
    ['e2-standard-4', 'e2', 4, 16, null],
    ['e2-highcpu-8', 'e2', 8, 8, null],
    ['c2-standard-60', 'c2', 60, 240, null],
    ['a2-highgpu-1g', 'a2', 12, 85, { type: 'NVIDIA_TESLA_A100', count: 1 }],
    ['a2-megagpu-16g', 'a2', 96, 1360, { type: 'NVIDIA_TESLA_A100', count: 16 }],
    ['a2-ultragpu-2g', 'a2', 24, 340, { type: 'NVIDIA_A100_80GB', count: 2 }],
    ['a3-highgpu-8g', 'a3', 208, 1872, { type: 'NVIDIA_H100_80GB', count: 8 }],
    ['g2-standard-4', 'g2', 4, 16, { type: 'NVIDIA_L4', count: 1 }],
    ['g2-standard-24', 'g2', 24, 96, { type: 'NVIDIA_L4', count: 2 }],
  ])('%s → %s, %d vCPU, %d GiB', (type, family, vcpus, memoryGib, builtIn) => {
    expect(machineShape(type)).toEqual({ family, vcpus, memoryGib, builtIn });
  });

  it.each(['n1-standard-3', 'e2-standard-64', 'c2-highmem-8', 'custom-4-16384', 'ct5lp-hightpu-4t', ''])(
    '%s is not a machine type it knows',
    (type) => {
      expect(machineShape(type)).toBeNull();
    },
  );
});

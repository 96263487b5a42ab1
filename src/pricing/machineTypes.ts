// What a Compute Engine machine type is made of: Vertex AI bills machines as vCPU-hours and GiB-hours of their
// family's SKUs, plus the accelerators that come built into A2, A3 and G2 machine types.

export interface AcceleratorSpec {
  /** Vertex AI's AcceleratorType enum name, e.g. NVIDIA_TESLA_A100. */
  type: string;
  count: number;
}

export interface MachineShape {
  /** Lower-case family as SKU descriptions name it: n1, n2, e2, a2, g2… */
  family: string;
  vcpus: number;
  memoryGib: number;
  /** GPUs that are part of the machine type itself. */
  builtIn: AcceleratorSpec | null;
}

/** GiB of memory per vCPU for the predefined series of general-purpose and compute-optimised families. */
const MEMORY_PER_VCPU: Record<string, Partial<Record<'standard' | 'highmem' | 'highcpu', number>>> = {
  n1: { standard: 3.75, highmem: 6.5, highcpu: 0.9 },
  n2: { standard: 4, highmem: 8, highcpu: 1 },
  n2d: { standard: 4, highmem: 8, highcpu: 1 },
  e2: { standard: 4, highmem: 8, highcpu: 1 },
  c2: { standard: 4 },
  c2d: { standard: 4, highmem: 8, highcpu: 2 },
  c3: { standard: 4, highmem: 8, highcpu: 2 },
  n4: { standard: 4, highmem: 8, highcpu: 2 },
};

/** vCPU counts each predefined family offers; anything else is not a real machine type. */
const VCPU_SIZES: Record<string, readonly number[]> = {
  n1: [1, 2, 4, 8, 16, 32, 64, 96],
  n2: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128],
  n2d: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224],
  e2: [2, 4, 8, 16, 32],
  c2: [4, 8, 16, 30, 60],
  c2d: [2, 4, 8, 16, 32, 56, 112],
  c3: [4, 8, 22, 44, 88, 176],
  n4: [2, 4, 8, 16, 32, 48, 64, 80],
};

function gpuMachine(
  family: string,
  vcpus: number,
  memoryGib: number,
  type: string,
  count: number,
): MachineShape {
  return { family, vcpus, memoryGib, builtIn: { type, count } };
}

/** Accelerator-optimised machine types: fixed shapes with their GPUs included. */
const GPU_MACHINES: Record<string, MachineShape> = {
  'a2-highgpu-1g': gpuMachine('a2', 12, 85, 'NVIDIA_TESLA_A100', 1),
  'a2-highgpu-2g': gpuMachine('a2', 24, 170, 'NVIDIA_TESLA_A100', 2),
  'a2-highgpu-4g': gpuMachine('a2', 48, 340, 'NVIDIA_TESLA_A100', 4),
  'a2-highgpu-8g': gpuMachine('a2', 96, 680, 'NVIDIA_TESLA_A100', 8),
  'a2-megagpu-16g': gpuMachine('a2', 96, 1360, 'NVIDIA_TESLA_A100', 16),
  'a2-ultragpu-1g': gpuMachine('a2', 12, 170, 'NVIDIA_A100_80GB', 1),
  'a2-ultragpu-2g': gpuMachine('a2', 24, 340, 'NVIDIA_A100_80GB', 2),
  'a2-ultragpu-4g': gpuMachine('a2', 48, 680, 'NVIDIA_A100_80GB', 4),
  'a2-ultragpu-8g': gpuMachine('a2', 96, 1360, 'NVIDIA_A100_80GB', 8),
  'a3-highgpu-1g': gpuMachine('a3', 26, 234, 'NVIDIA_H100_80GB', 1),
  'a3-highgpu-2g': gpuMachine('a3', 52, 468, 'NVIDIA_H100_80GB', 2),
  'a3-highgpu-4g': gpuMachine('a3', 104, 936, 'NVIDIA_H100_80GB', 4),
  'a3-highgpu-8g': gpuMachine('a3', 208, 1872, 'NVIDIA_H100_80GB', 8),
  'a3-megagpu-8g': gpuMachine('a3', 208, 1872, 'NVIDIA_H100_MEGA_80GB', 8),
  'a3-ultragpu-8g': gpuMachine('a3', 224, 2952, 'NVIDIA_H200_141GB', 8),
  'g2-standard-4': gpuMachine('g2', 4, 16, 'NVIDIA_L4', 1),
  'g2-standard-8': gpuMachine('g2', 8, 32, 'NVIDIA_L4', 1),
  'g2-standard-12': gpuMachine('g2', 12, 48, 'NVIDIA_L4', 1),
  'g2-standard-16': gpuMachine('g2', 16, 64, 'NVIDIA_L4', 1),
  'g2-standard-24': gpuMachine('g2', 24, 96, 'NVIDIA_L4', 2),
  'g2-standard-32': gpuMachine('g2', 32, 128, 'NVIDIA_L4', 1),
  'g2-standard-48': gpuMachine('g2', 48, 192, 'NVIDIA_L4', 4),
  'g2-standard-96': gpuMachine('g2', 96, 384, 'NVIDIA_L4', 8),
};

/** The accelerator-optimised machine types burnrate knows, by name. */
export function gpuMachineTypes(): readonly string[] {
  return Object.keys(GPU_MACHINES);
}

const PREDEFINED = /^([a-z]\d+d?)-(standard|highmem|highcpu)-(\d+)$/;

/** The shape of a machine type, or null when it is not one burnrate knows (custom shapes, TPUs…). */
export function machineShape(machineType: string): MachineShape | null {
  const gpu = GPU_MACHINES[machineType];
  if (gpu) return gpu;
  const match = PREDEFINED.exec(machineType);
  if (!match) return null;
  const [, family = '', series = '', size = ''] = match;
  const perVcpu = MEMORY_PER_VCPU[family]?.[series as 'standard' | 'highmem' | 'highcpu'];
  const vcpus = Number(size);
  if (perVcpu === undefined || !VCPU_SIZES[family]?.includes(vcpus)) return null;
  return { family, vcpus, memoryGib: vcpus * perVcpu, builtIn: null };
}

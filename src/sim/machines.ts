// Shapes of the Compute Engine machine types Vertex AI runs on. The simulator needs vCPU and memory counts to
// turn "n1-standard-8 for 3 hours" into core-hours and GiB-hours, which is how Google bills them.

export const ACCELERATOR_TYPES = {
  ACCELERATOR_TYPE_UNSPECIFIED: 0,
  NVIDIA_TESLA_K80: 1,
  NVIDIA_TESLA_P100: 2,
  NVIDIA_TESLA_V100: 3,
  NVIDIA_TESLA_P4: 4,
  NVIDIA_TESLA_T4: 5,
  TPU_V2: 6,
  TPU_V3: 7,
  NVIDIA_TESLA_A100: 8,
  NVIDIA_A100_80GB: 9,
  TPU_V4_POD: 10,
  NVIDIA_L4: 11,
  TPU_V5_LITEPOD: 12,
  NVIDIA_H100_80GB: 13,
  NVIDIA_H100_MEGA_80GB: 14,
  NVIDIA_H200_141GB: 15,
  NVIDIA_B200: 16,
  NVIDIA_GB200: 17,
  NVIDIA_RTX_PRO_6000: 18,
} as const;

export type AcceleratorType = keyof typeof ACCELERATOR_TYPES;

export const ACCELERATOR_TYPE_NAMES = Object.keys(ACCELERATOR_TYPES) as [
  AcceleratorType,
  ...AcceleratorType[],
];

/** Requests may carry enums as numbers (`enum-encoding=int`) or names; both resolve to the name. */
export function acceleratorTypeFromWire(value: unknown): AcceleratorType | undefined {
  if (typeof value === 'string' && value in ACCELERATOR_TYPES) return value as AcceleratorType;
  if (typeof value === 'number') {
    return ACCELERATOR_TYPE_NAMES.find((name) => ACCELERATOR_TYPES[name] === value);
  }
  return undefined;
}

export interface MachineShape {
  /** Lower-case family as it appears in SKU descriptions: n1, e2, a2, g2… */
  family: string;
  vcpus: number;
  memoryGib: number;
  /** Accelerators that come with the machine type itself (A2, G2, A3). */
  builtInAccelerator?: { type: AcceleratorType; count: number };
}

const MEMORY_PER_VCPU: Record<string, Record<string, number>> = {
  n1: { standard: 3.75, highmem: 6.5, highcpu: 0.9 },
  n2: { standard: 4, highmem: 8, highcpu: 1 },
  e2: { standard: 4, highmem: 8, highcpu: 1 },
  c2: { standard: 4 },
};

const GPU_MACHINES: Record<string, MachineShape> = {
  'a2-highgpu-1g': {
    family: 'a2',
    vcpus: 12,
    memoryGib: 85,
    builtInAccelerator: { type: 'NVIDIA_TESLA_A100', count: 1 },
  },
  'a2-highgpu-2g': {
    family: 'a2',
    vcpus: 24,
    memoryGib: 170,
    builtInAccelerator: { type: 'NVIDIA_TESLA_A100', count: 2 },
  },
  'a2-highgpu-4g': {
    family: 'a2',
    vcpus: 48,
    memoryGib: 340,
    builtInAccelerator: { type: 'NVIDIA_TESLA_A100', count: 4 },
  },
  'a2-highgpu-8g': {
    family: 'a2',
    vcpus: 96,
    memoryGib: 680,
    builtInAccelerator: { type: 'NVIDIA_TESLA_A100', count: 8 },
  },
  'a2-ultragpu-1g': {
    family: 'a2',
    vcpus: 12,
    memoryGib: 170,
    builtInAccelerator: { type: 'NVIDIA_A100_80GB', count: 1 },
  },
  'a3-highgpu-8g': {
    family: 'a3',
    vcpus: 208,
    memoryGib: 1872,
    builtInAccelerator: { type: 'NVIDIA_H100_80GB', count: 8 },
  },
  'g2-standard-4': {
    family: 'g2',
    vcpus: 4,
    memoryGib: 16,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 1 },
  },
  'g2-standard-8': {
    family: 'g2',
    vcpus: 8,
    memoryGib: 32,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 1 },
  },
  'g2-standard-12': {
    family: 'g2',
    vcpus: 12,
    memoryGib: 48,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 1 },
  },
  'g2-standard-16': {
    family: 'g2',
    vcpus: 16,
    memoryGib: 64,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 1 },
  },
  'g2-standard-24': {
    family: 'g2',
    vcpus: 24,
    memoryGib: 96,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 2 },
  },
  'g2-standard-48': {
    family: 'g2',
    vcpus: 48,
    memoryGib: 192,
    builtInAccelerator: { type: 'NVIDIA_L4', count: 4 },
  },
};

const GENERAL_PURPOSE = /^(n1|n2|e2|c2)-(standard|highmem|highcpu)-(\d+)$/;

/** The shape of a machine type, or undefined when the simulator does not know it. */
export function machineShape(machineType: string): MachineShape | undefined {
  const gpuMachine = GPU_MACHINES[machineType];
  if (gpuMachine) return gpuMachine;
  const match = GENERAL_PURPOSE.exec(machineType);
  if (!match) return undefined;
  const [, family, series, vcpuText] = match;
  const perVcpu = MEMORY_PER_VCPU[family ?? '']?.[series ?? ''];
  const vcpus = Number(vcpuText);
  if (!family || perVcpu === undefined || !Number.isInteger(vcpus) || vcpus < 1) return undefined;
  return { family, vcpus, memoryGib: vcpus * perVcpu };
}

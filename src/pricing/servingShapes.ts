// The machines a model can be served on, for right-sizing: what each holds (vCPUs, memory, which accelerators and
// how much accelerator memory), so a cheaper one can be picked that still fits what the model was measured to
// use. Prices come from the price book; this module only says what exists.

import type { MachineSpec } from '../gcp/types.js';
import { gpuMachineTypes, machineShape } from './machineTypes.js';

/**
 * Memory of one GPU, GiB, per Vertex AI AcceleratorType (Compute Engine "GPU machine types": T4 16 GB GDDR6,
 * P4 8 GB, P100 16 GB, V100 16 GB, L4 24 GB, A100 40 GB or 80 GB, H100 80 GB, H200 141 GB).
 */
export const ACCELERATOR_MEMORY_GIB: Readonly<Record<string, number>> = {
  NVIDIA_TESLA_T4: 16,
  NVIDIA_TESLA_P4: 8,
  NVIDIA_TESLA_P100: 16,
  NVIDIA_TESLA_V100: 16,
  NVIDIA_L4: 24,
  NVIDIA_TESLA_A100: 40,
  NVIDIA_A100_80GB: 80,
  NVIDIA_H100_80GB: 80,
  NVIDIA_H100_MEGA_80GB: 80,
  NVIDIA_H200_141GB: 141,
};

// GPUs attached to N1 machines (the others come built into A2, A3 and G2 machine types), with the counts one
// machine takes.
const N1_ATTACHABLE: ReadonlyArray<{ type: string; counts: readonly number[] }> = [
  { type: 'NVIDIA_TESLA_T4', counts: [1, 2, 4] },
  { type: 'NVIDIA_TESLA_P4', counts: [1, 2, 4] },
  { type: 'NVIDIA_TESLA_P100', counts: [1, 2, 4] },
  { type: 'NVIDIA_TESLA_V100', counts: [1, 2, 4, 8] },
];

// General-purpose machines offered as right-sized hosts: N1 (the only ones that take attached GPUs) and, for
// CPU-only serving, E2.
const N1_HOSTS = ['standard', 'highmem'].flatMap((series) =>
  [2, 4, 8, 16, 32, 64, 96].map((vcpus) => `n1-${series}-${vcpus}`),
);
const CPU_ONLY_HOSTS = [
  ...N1_HOSTS,
  ...[2, 4, 8, 16, 32].map((vcpus) => `e2-standard-${vcpus}`),
  ...[2, 4, 8, 16].map((vcpus) => `e2-highmem-${vcpus}`),
];

export interface ServingShape {
  /** As a deployment names it: for built-in GPUs, the machine type with its accelerator type and count. */
  machine: MachineSpec;
  vcpus: number;
  memoryGib: number;
  /** Null for CPU-only machines; memoryGib is null when the accelerator's memory is not known. */
  accelerator: { type: string; count: number; memoryGib: number | null } | null;
}

/** What a deployment's machine holds, or null when burnrate does not know the machine type. */
export function servingShapeOf(machine: MachineSpec): ServingShape | null {
  if (!machine.machineType) return null;
  const shape = machineShape(machine.machineType);
  if (!shape) return null;
  const attached =
    machine.acceleratorType &&
    machine.acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED' &&
    machine.acceleratorCount > 0
      ? { type: machine.acceleratorType, count: machine.acceleratorCount }
      : null;
  const gpu = attached ?? shape.builtIn;
  const perGpu = gpu ? ACCELERATOR_MEMORY_GIB[gpu.type] : undefined;
  return {
    machine: {
      machineType: machine.machineType,
      acceleratorType: gpu?.type ?? null,
      acceleratorCount: gpu?.count ?? 0,
    },
    vcpus: shape.vcpus,
    memoryGib: shape.memoryGib,
    accelerator: gpu
      ? { type: gpu.type, count: gpu.count, memoryGib: perGpu === undefined ? null : perGpu * gpu.count }
      : null,
  };
}

/**
 * Every machine configuration right-sizing may suggest: CPU-only N1 and E2 machines, N1 machines with each
 * attachable GPU in each count, and the accelerator-optimised machine types. Whether Google offers one in a region
 * is for the price book to say (a configuration without catalog prices there is not offered).
 */
export function servingShapes(): readonly ServingShape[] {
  const spec = (machineType: string, acceleratorType: string | null, acceleratorCount: number) =>
    servingShapeOf({ machineType, acceleratorType, acceleratorCount });
  const shapes = [
    ...CPU_ONLY_HOSTS.map((host) => spec(host, null, 0)),
    ...N1_HOSTS.flatMap((host) =>
      N1_ATTACHABLE.flatMap(({ type, counts }) => counts.map((count) => spec(host, type, count))),
    ),
    ...gpuMachineTypes().map((machineType) => spec(machineType, null, 0)),
  ];
  return shapes.filter((shape): shape is ServingShape => shape !== null);
}

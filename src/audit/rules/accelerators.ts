// Machine families whose accelerators come with the machine type (A2/A3 carry A100/H100s, G2 carries L4s,
// ct*/tpu* are TPU hosts), so a job can burn GPU money with acceleratorCount 0 in its spec.
const ACCELERATOR_MACHINE_PREFIXES = ['a2-', 'a3-', 'a4-', 'g2-', 'ct', 'tpu'];

export function hasAccelerators(
  machineType: string | null,
  acceleratorType: string | null,
  count: number,
): boolean {
  if (count > 0) return true;
  if (acceleratorType && acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED') return true;
  return (
    machineType !== null && ACCELERATOR_MACHINE_PREFIXES.some((prefix) => machineType.startsWith(prefix))
  );
}

/** "2 × NVIDIA_TESLA_T4", or "built into a2-highgpu-1g", or "none". */
export function describeAccelerators(
  machineType: string | null,
  acceleratorType: string | null,
  count: number,
): string {
  if (acceleratorType && count > 0) return `${count} × ${acceleratorType}`;
  if (hasAccelerators(machineType, acceleratorType, count)) return `built into ${machineType}`;
  return 'none';
}

// Choosing a cheaper machine for a deployment from what its replicas were measured to use: enough vCPUs to keep
// the measured CPU load under the target, enough host and accelerator memory for the measured peaks with headroom,
// and accelerators that stay under the target duty cycle when the same work is spread over fewer of them. What was
// not measured is never shrunk: the new machine keeps at least what the current one has.

import { type ServingShape, servingShapes } from '../pricing/servingShapes.js';

const GIB = 1024 ** 3;

/** What the replicas used over the window; null where Monitoring did not say. */
export interface MeasuredUse {
  /** p95 of the hourly accelerator duty cycle (fraction). */
  dutyCycle: number;
  /** Peak accelerator memory on one replica, bytes. */
  acceleratorMemoryBytes: number | null;
  /** p95 of the hourly CPU utilization (fraction of the replica's vCPUs). */
  cpuUtilization: number | null;
  /** Peak host memory on one replica, bytes. */
  memoryBytes: number | null;
}

export interface SizingLimits {
  /** Utilization (duty cycle, CPU) a right-sized replica should stay under. */
  targetUtilization: number;
  /** Multiplier on measured memory peaks. */
  memoryHeadroom: number;
  /** Whether a machine without accelerators may be chosen (the accelerators do no work). */
  allowCpuOnly: boolean;
}

/** What a new machine must hold. */
export interface SizingNeeds {
  vcpus: number;
  memoryGib: number;
  /** Accelerator memory, GiB; null when neither measured nor known for the current machine. */
  acceleratorMemoryGib: number | null;
}

export interface SizingChoice {
  shape: ServingShape;
  /** Per replica, from the price book. */
  hourlyPrice: number;
  /** The duty cycle the measured work would give on the new accelerators (null without accelerators). */
  projectedDutyCycle: number | null;
  needs: SizingNeeds;
}

/** What a new machine must hold for this deployment, from the measurements or, unmeasured, the current machine. */
export function sizingNeeds(current: ServingShape, use: MeasuredUse, limits: SizingLimits): SizingNeeds {
  const vcpus =
    use.cpuUtilization === null
      ? current.vcpus
      : Math.max(1, Math.ceil((use.cpuUtilization * current.vcpus) / limits.targetUtilization));
  const memoryGib =
    use.memoryBytes === null ? current.memoryGib : (use.memoryBytes / GIB) * limits.memoryHeadroom;
  const acceleratorMemoryGib =
    use.acceleratorMemoryBytes === null
      ? (current.accelerator?.memoryGib ?? null)
      : (use.acceleratorMemoryBytes / GIB) * limits.memoryHeadroom;
  return { vcpus, memoryGib, acceleratorMemoryGib };
}

/**
 * The cheapest machine cheaper than the current one that holds what the deployment needs, or null. `price` gives a
 * shape's hourly price per replica where the catalog offers it in the region (null where it does not).
 */
export function cheapestFit(
  current: ServingShape,
  use: MeasuredUse,
  limits: SizingLimits,
  currentPrice: number,
  price: (shape: ServingShape) => number | null,
): SizingChoice | null {
  const needs = sizingNeeds(current, use, limits);
  let best: SizingChoice | null = null;
  for (const shape of servingShapes()) {
    if (sameMachine(shape, current)) continue;
    const projectedDutyCycle = fits(shape, current, use, needs, limits);
    if (projectedDutyCycle === false) continue;
    const hourlyPrice = price(shape);
    if (hourlyPrice === null || hourlyPrice >= currentPrice) continue;
    if (!best || hourlyPrice < best.hourlyPrice) best = { shape, hourlyPrice, projectedDutyCycle, needs };
  }
  return best;
}

/** Whether the shape holds the needs: false when not, else the projected duty cycle (null without accelerators). */
function fits(
  shape: ServingShape,
  current: ServingShape,
  use: MeasuredUse,
  needs: SizingNeeds,
  limits: SizingLimits,
): number | null | false {
  if (shape.vcpus < needs.vcpus) return false;
  const accelerator = shape.accelerator;
  if (!accelerator) {
    // Without accelerators the model's accelerator memory moves to the host.
    if (!limits.allowCpuOnly || needs.acceleratorMemoryGib === null) return false;
    return shape.memoryGib >= needs.memoryGib + needs.acceleratorMemoryGib ? null : false;
  }
  if (shape.memoryGib < needs.memoryGib) return false;
  if (accelerator.memoryGib === null || needs.acceleratorMemoryGib === null) return false;
  if (accelerator.memoryGib < needs.acceleratorMemoryGib) return false;
  // The same work on fewer (or other) accelerators: busy time scales with how many share it.
  const projected = (use.dutyCycle * (current.accelerator?.count ?? 1)) / accelerator.count;
  return projected <= limits.targetUtilization ? projected : false;
}

function sameMachine(a: ServingShape, b: ServingShape): boolean {
  return (
    a.machine.machineType === b.machine.machineType &&
    (a.accelerator?.type ?? null) === (b.accelerator?.type ?? null) &&
    (a.accelerator?.count ?? 0) === (b.accelerator?.count ?? 0)
  );
}

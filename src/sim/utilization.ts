// Resource use of a deployed model's replicas, as Monitoring's resource metrics report it: busy fractions follow
// the hour's traffic per replica relative to the model's usual load; memory stays what the loaded model holds.

import { machineShape } from './machines.js';
import type { TrafficPattern } from './scenario.js';
import type { SimDeployedModel } from './state.js';

export type UtilizationMetricName =
  | 'accelerator/duty_cycle'
  | 'accelerator/memory/bytes_used'
  | 'cpu/utilization'
  | 'memory/bytes_used';

const GIB = 1024 ** 3;
// Host memory a replica holds when the scenario does not say: the serving container and its loaded model.
const DEFAULT_HOST_MEMORY_SHARE = 0.4;
// A serving process never idles its CPU completely (health checks, logging).
const CPU_FLOOR = 0.01;

/** Whether the model's replicas carry accelerators: attached ones, or GPUs built into the machine type. */
export function hasAccelerators(model: SimDeployedModel): boolean {
  if (model.machine.acceleratorCount > 0) return true;
  return machineShape(model.machine.machineType)?.builtInAccelerator !== undefined;
}

/** Which models report a metric: every dedicated deployment its CPU and memory, those with accelerators theirs. */
export function reportsUtilization(model: SimDeployedModel, metric: UtilizationMetricName): boolean {
  if (!model.dedicated) return false;
  return metric.startsWith('accelerator/') ? hasAccelerators(model) : true;
}

/** One replica's value of the metric for an hour that served `predictions` on `replicas` replicas. */
export function utilizationValue(
  model: SimDeployedModel,
  metric: UtilizationMetricName,
  predictions: number,
  replicas: number,
): number {
  const levels = model.utilization;
  switch (metric) {
    case 'accelerator/duty_cycle':
      return Math.min(1, levels.acceleratorDutyCycle * loadFactor(model, predictions, replicas));
    case 'cpu/utilization':
      return Math.min(
        1,
        Math.max(CPU_FLOOR, levels.cpuUtilization * loadFactor(model, predictions, replicas)),
      );
    case 'accelerator/memory/bytes_used':
      return Math.round(levels.acceleratorMemoryGib * GIB);
    case 'memory/bytes_used': {
      const machineGib = machineShape(model.machine.machineType)?.memoryGib ?? 0;
      return Math.round((levels.memoryGib ?? machineGib * DEFAULT_HOST_MEMORY_SHARE) * GIB);
    }
  }
}

/** The hour's predictions per replica relative to the usual predictions per replica (1 = usual load). */
function loadFactor(model: SimDeployedModel, predictions: number, replicas: number): number {
  const usualReplicas = model.replicaSettings[0]?.min ?? 1;
  const usualPerReplica = usualPerHour(model.traffic) / Math.max(1, usualReplicas);
  const perReplica = predictions / Math.max(1, replicas);
  if (usualPerReplica <= 0) return perReplica > 0 ? 1 : 0;
  return perReplica / usualPerReplica;
}

/** The pattern's mean predictions per hour on a weekday. */
function usualPerHour(pattern: TrafficPattern): number {
  switch (pattern.pattern) {
    case 'constant':
      return pattern.perHour;
    case 'diurnal':
      return (pattern.peakPerHour + pattern.troughPerHour) / 2;
    case 'idle':
      return pattern.perHourBefore;
    case 'bursty': {
      const busy = pattern.busyHoursUtc.length;
      return (pattern.busyPerHour * busy + pattern.quietPerHour * (24 - busy)) / 24;
    }
  }
}

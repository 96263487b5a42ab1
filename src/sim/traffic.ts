// Hourly traffic and replica counts of deployed models. Both Monitoring (what the model served) and billing (what
// its replicas cost) read these, so the two always tell the same story.

import { HOUR_MS } from './clock.js';
import { unitNoise } from './random.js';
import type { TrafficPattern } from './scenario.js';
import type { ReplicaSetting, SimDeployedModel } from './state.js';

/** Fraction of the hour starting at hourStartMs during which the model was deployed (and time had passed). */
export function deployedFraction(model: SimDeployedModel, hourStartMs: number, nowMs: number): number {
  const from = Math.max(hourStartMs, model.createMs);
  const until = Math.min(hourStartMs + HOUR_MS, model.undeployedMs ?? Number.POSITIVE_INFINITY, nowMs);
  return until > from ? (until - from) / HOUR_MS : 0;
}

/** Predictions served in the hour; 0 for hours the model was not deployed at all. */
export function predictionsInHour(
  model: SimDeployedModel,
  hourStartMs: number,
  originMs: number,
  nowMs: number,
): number {
  const fraction = deployedFraction(model, hourStartMs, nowMs);
  if (fraction === 0) return 0;
  const override = latestAtOrBefore(model.trafficOverrides, hourStartMs + HOUR_MS - 1);
  if (override) return Math.round(override.perHour * fraction);
  const base = patternRate(model.traffic, hourStartMs, originMs);
  const jitter = 1 + model.noise * (2 * unitNoise(`${model.id}@${hourStartMs}`) - 1);
  return Math.max(0, Math.round(base * jitter * fraction));
}

/** Replicas running during the hour: the minimum, or what autoscaling needs for the traffic, within bounds. */
export function replicasInHour(model: SimDeployedModel, hourStartMs: number, predictions: number): number {
  const setting = replicaSettingAt(model, hourStartMs);
  if (!model.predictionsPerReplicaHour) return setting.min;
  const needed = Math.ceil(predictions / model.predictionsPerReplicaHour);
  return Math.min(setting.max, Math.max(setting.min, needed));
}

/** The replica bounds in force for the hour: a change made during the hour already counts for it. */
export function replicaSettingAt(model: SimDeployedModel, hourStartMs: number): ReplicaSetting {
  return (
    latestAtOrBefore(model.replicaSettings, hourStartMs + HOUR_MS - 1) ??
    (model.replicaSettings[0] as ReplicaSetting)
  );
}

function patternRate(pattern: TrafficPattern, hourStartMs: number, originMs: number): number {
  const date = new Date(hourStartMs);
  const hour = date.getUTCHours();
  switch (pattern.pattern) {
    case 'constant':
      return pattern.perHour;
    case 'diurnal': {
      const closeness = (1 + Math.cos((2 * Math.PI * (hour - pattern.peakHourUtc)) / 24)) / 2;
      const weekday = date.getUTCDay();
      const seasonal = weekday === 0 || weekday === 6 ? pattern.weekendFactor : 1;
      return (pattern.troughPerHour + (pattern.peakPerHour - pattern.troughPerHour) * closeness) * seasonal;
    }
    case 'idle':
      return hourStartMs >= originMs - pattern.idleSinceHoursAgo * HOUR_MS ? 0 : pattern.perHourBefore;
    case 'bursty':
      return pattern.busyHoursUtc.includes(hour) ? pattern.busyPerHour : pattern.quietPerHour;
  }
}

function latestAtOrBefore<T extends { fromMs: number }>(entries: readonly T[], atMs: number): T | undefined {
  let found: T | undefined;
  for (const entry of entries) if (entry.fromMs <= atMs) found = entry;
  return found;
}

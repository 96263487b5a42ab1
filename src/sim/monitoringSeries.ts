// The raw hourly time series the simulated Cloud Monitoring holds for Vertex AI endpoints (metric kinds, value
// types, units and labels as Google's metric list gives them for aiplatform.googleapis.com/Endpoint):
//   prediction/online/prediction_count         DELTA INT64 "1"   per deployed model
//   prediction/online/replicas                 GAUGE INT64 "1"   per deployed model
//   prediction/online/private/response_count   DELTA INT64 "1"   per deployed model and response code
//   prediction/online/accelerator/duty_cycle   GAUGE DOUBLE 10^2.% (a fraction)  per replica
//   prediction/online/accelerator/memory/bytes_used  GAUGE INT64 By             per replica
//   prediction/online/cpu/utilization          GAUGE DOUBLE 10^2.% (a fraction)  per replica
//   prediction/online/memory/bytes_used        GAUGE INT64 By                    per replica

import { HOUR_MS, startOfUtcHour } from './clock.js';
import type { SimDeployedModel, SimEndpoint, SimState } from './state.js';
import { deployedFraction, predictionsInHour, replicasInHour } from './traffic.js';
import { reportsUtilization, type UtilizationMetricName, utilizationValue } from './utilization.js';

export const ENDPOINT_RESOURCE = 'aiplatform.googleapis.com/Endpoint';

type CountMetricName = 'prediction_count' | 'replicas' | 'private/response_count';
export type MetricName = CountMetricName | UtilizationMetricName;
type ValueType = 'INT64' | 'DOUBLE';

const METRIC_KINDS: Record<MetricName, { kind: 'DELTA' | 'GAUGE'; valueType: ValueType }> = {
  prediction_count: { kind: 'DELTA', valueType: 'INT64' },
  replicas: { kind: 'GAUGE', valueType: 'INT64' },
  'private/response_count': { kind: 'DELTA', valueType: 'INT64' },
  'accelerator/duty_cycle': { kind: 'GAUGE', valueType: 'DOUBLE' },
  'accelerator/memory/bytes_used': { kind: 'GAUGE', valueType: 'INT64' },
  'cpu/utilization': { kind: 'GAUGE', valueType: 'DOUBLE' },
  'memory/bytes_used': { kind: 'GAUGE', valueType: 'INT64' },
};

/** Each metric's unit, as the list answer repeats it (UCUM; 10^2.% is a fraction, 0.42 meaning 42 %). */
export const METRIC_UNITS: Record<MetricName, string> = {
  prediction_count: '1',
  replicas: '1',
  'private/response_count': '1',
  'accelerator/duty_cycle': '10^2.%',
  'accelerator/memory/bytes_used': 'By',
  'cpu/utilization': '10^2.%',
  'memory/bytes_used': 'By',
};

/** The metric a type's suffix (after prediction/online/) names, if the simulator serves it. */
export function servedMetric(suffix: string): MetricName | undefined {
  return suffix in METRIC_KINDS ? (suffix as MetricName) : undefined;
}

export interface Series {
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
  /** Oldest first while building; reversed when written out. */
  points: { startMs: number; endMs: number; value: number }[];
  valueType: ValueType;
  metricKind: 'DELTA' | 'GAUGE';
}

/** The hours a model was deployed in [start, end], complete hours only, with what it served and ran on. */
interface ModelHour {
  endMs: number;
  predictions: number;
  replicas: number;
}

/** Every hourly series of a metric for the models ever deployed in the project (all regions), in [start, end]. */
export function rawSeries(
  state: SimState,
  projectId: string,
  metric: MetricName,
  startMs: number,
  endMs: number,
): Series[] {
  const nowMs = state.clock.nowMs();
  const originMs = state.clock.origin.getTime();
  const { kind, valueType } = METRIC_KINDS[metric];
  const series: Series[] = [];
  for (const endpoint of state.endpoints.filter((candidate) => candidate.project === projectId)) {
    // Requests to private services access endpoints bypass the public front end: Google's guide to monitoring
    // them points to private/response_count, not prediction_count.
    const isPrivate = endpoint.access === 'private';
    if (metric === 'prediction_count' && isPrivate) continue;
    if (metric === 'private/response_count' && !isPrivate) continue;
    for (const model of endpoint.deployedModels) {
      if (isUtilization(metric) && !reportsUtilization(model, metric)) continue;
      const hours = modelHours(model, startMs, Math.min(endMs, nowMs), originMs, nowMs);
      if (hours.length === 0) continue;
      const resourceLabels = { endpoint_id: endpoint.id, project_id: projectId, location: endpoint.region };
      const base = { resourceLabels, valueType, metricKind: kind };
      if (isUtilization(metric)) {
        series.push(...replicaSeries(model, metric, hours).map((one) => ({ ...base, ...one })));
        continue;
      }
      series.push({
        ...base,
        metricLabels: countLabels(endpoint, model, metric),
        points: hours.map((hour) => ({
          startMs: hour.endMs - HOUR_MS,
          endMs: hour.endMs,
          value: metric === 'replicas' ? hour.replicas : hour.predictions,
        })),
      });
    }
  }
  return series;
}

function isUtilization(metric: MetricName): metric is UtilizationMetricName {
  return METRIC_KINDS[metric].kind === 'GAUGE' && metric !== 'replicas';
}

function countLabels(
  endpoint: SimEndpoint,
  model: SimDeployedModel,
  metric: CountMetricName,
): Record<string, string> {
  if (metric === 'private/response_count') return { deployed_model_id: model.id, response_code: '200' };
  return {
    deployed_model_id: model.id,
    spot: String(model.provisioning === 'spot'),
    model_display_name: model.displayName,
    endpoint_display_name: endpoint.displayName,
  };
}

/**
 * One series per replica (labels deployed_model_id, replica_id, spot): a replica has a point in the hours it ran.
 * Google documents the replica_id label, not its values; the simulator names replicas replica-0, replica-1…
 */
function replicaSeries(
  model: SimDeployedModel,
  metric: UtilizationMetricName,
  hours: readonly ModelHour[],
): Array<Pick<Series, 'metricLabels' | 'points'>> {
  const most = Math.max(...hours.map((hour) => hour.replicas));
  const out: Array<Pick<Series, 'metricLabels' | 'points'>> = [];
  for (let replica = 0; replica < most; replica++) {
    const points = hours
      .filter((hour) => hour.replicas > replica)
      .map((hour) => ({
        startMs: hour.endMs,
        endMs: hour.endMs,
        value: utilizationValue(model, metric, hour.predictions, hour.replicas),
      }));
    out.push({
      metricLabels: {
        deployed_model_id: model.id,
        replica_id: `replica-${replica}`,
        spot: String(model.provisioning === 'spot'),
      },
      points,
    });
  }
  return out;
}

/** Complete hours only: the current hour has no point until it ends. */
function modelHours(
  model: SimDeployedModel,
  startMs: number,
  endMs: number,
  originMs: number,
  nowMs: number,
): ModelHour[] {
  const hours: ModelHour[] = [];
  for (let hourMs = startOfUtcHour(startMs); hourMs + HOUR_MS <= endMs; hourMs += HOUR_MS) {
    if (hourMs + HOUR_MS <= startMs) continue;
    if (deployedFraction(model, hourMs, nowMs) === 0) continue;
    const predictions = predictionsInHour(model, hourMs, originMs, nowMs);
    hours.push({
      endMs: hourMs + HOUR_MS,
      predictions,
      replicas: replicasInHour(model, hourMs, predictions),
    });
  }
  return hours;
}

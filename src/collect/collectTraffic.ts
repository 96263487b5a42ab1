// Monitoring data of one project: both traffic metrics in one query each over every region, the responses of
// private services access endpoints when the project has any (prediction_count does not count those), and the
// resource use of its replicas when it has models deployed on accelerators (what right-sizing them needs).

import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { hasPrivateEndpoints } from '../db/queries/endpoints.js';
import { hasDedicatedAcceleratorModels } from '../db/queries/utilization.js';
import type { Gcp } from '../gcp/api.js';
import type {
  PrivateTrafficSeries,
  TrafficMetric,
  TrafficSeries,
  UtilizationMetric,
  UtilizationSeries,
} from '../gcp/types.js';
import { recordCoverage, writeTraffic, writeUtilization } from './writeTraffic.js';

const HOUR_MS = 3_600_000;
const METRICS: readonly TrafficMetric[] = ['prediction_count', 'replicas'];
const UTILIZATION_METRICS: readonly UtilizationMetric[] = [
  'accelerator_duty_cycle',
  'accelerator_memory_bytes',
  'cpu_utilization',
  'memory_bytes',
];
type StoredMetric = TrafficMetric | 'private_response_count' | UtilizationMetric;
type AnySeries = TrafficSeries | PrivateTrafficSeries | UtilizationSeries;

export interface TrafficDeps {
  gcp: Pick<Gcp, 'monitoring'>;
  store: Store;
  config: Config;
  log: Logger;
}

/**
 * Both traffic metrics for one project, one Monitoring query each covering every region; when the project has
 * private services access endpoints (whose requests prediction_count does not count), their responses; and when it
 * has dedicated deployments with accelerators, the four utilization metrics, one query each.
 */
export async function collectTraffic(
  deps: TrafficDeps,
  project: string,
  now: Date,
): Promise<{ resourcesSeen: number; rowsWritten: number }> {
  const { gcp, store, config, log } = deps;
  // Only whole hours: the current hour is still filling up.
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = new Date(to.getTime() - config.google.monitoring.lookbackHours * HOUR_MS);
  const nowIso = now.toISOString();
  const queries: Array<{ metric: StoredMetric; read: () => Promise<AnySeries> }> = METRICS.map((metric) => ({
    metric,
    read: () => gcp.monitoring.hourlyTraffic({ project, metric, from, to }),
  }));
  if (hasPrivateEndpoints(store.sqlite, project)) {
    queries.push({
      metric: 'private_response_count',
      read: () => gcp.monitoring.hourlyPrivateResponses({ project, from, to }),
    });
  }
  if (hasDedicatedAcceleratorModels(store.sqlite, project)) {
    for (const metric of UTILIZATION_METRICS)
      queries.push({ metric, read: () => gcp.monitoring.hourlyUtilization({ project, metric, from, to }) });
  }
  const results = await Promise.allSettled(queries.map((q) => q.read()));
  let resourcesSeen = 0;
  let rowsWritten = 0;
  const errors: string[] = [];
  results.forEach((result, index) => {
    const metric = queries[index]?.metric as StoredMetric;
    if (result.status === 'rejected') {
      const message = result.reason instanceof Error ? result.reason.message : String(result.reason);
      errors.push(message);
      recordCoverage(store.sqlite, project, metric, nowIso, { error: message });
      return;
    }
    const series = result.value;
    const written = isUtilization(series)
      ? writeUtilization(store.sqlite, project, series)
      : writeTraffic(store.sqlite, project, series);
    if (written.unmatched > 0)
      log.debug({ project, metric, unmatched: written.unmatched }, 'traffic for unknown endpoints skipped');
    resourcesSeen += result.value.points.length;
    rowsWritten += written.written;
    recordCoverage(store.sqlite, project, metric, nowIso, { from: result.value.from, to: result.value.to });
  });
  if (errors.length > 0) throw new Error(errors.join('; '));
  return { resourcesSeen, rowsWritten };
}

function isUtilization(series: AnySeries): series is UtilizationSeries {
  return (UTILIZATION_METRICS as readonly string[]).includes(series.metric);
}

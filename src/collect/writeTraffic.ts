// Hourly Monitoring points → traffic_hourly and utilization_hourly (one column per metric), and what span each
// project's telemetry covers → telemetry_coverage, so rules can tell "no traffic" from "no data".

import type Database from 'better-sqlite3';
import { endpointNamesOf } from '../db/queries/endpoints.js';
import { recordCoverageError, recordCoverageSpan, upsertTrafficPoint } from '../db/queries/traffic.js';
import { upsertUtilizationPoint } from '../db/queries/utilization.js';
import { inTransaction } from '../db/rows.js';
import type { PrivateTrafficSeries, TrafficPoint, TrafficSeries, UtilizationSeries } from '../gcp/types.js';
import { storedInstant } from '../time/instants.js';

export interface TrafficWriteResult {
  written: number;
  /** Points whose endpoint is not known (not in a configured region, or not listed yet). */
  unmatched: number;
}

/**
 * Monitoring names endpoints by id (and location); rows are keyed by the full endpoint name sync stored, which is
 * how Vertex AI spells it (it may carry the project number rather than the id).
 */
export function writeTraffic(
  sqlite: Database.Database,
  project: string,
  series: TrafficSeries | PrivateTrafficSeries,
): TrafficWriteResult {
  return writePoints(sqlite, project, series.points, (endpointName, point) =>
    upsertTrafficPoint(
      sqlite,
      series.metric,
      endpointName,
      point.deployedModelId,
      storedInstant(point.hour),
      point.value,
    ),
  );
}

/** Hourly resource use of deployed models → utilization_hourly, named as writeTraffic names them. */
export function writeUtilization(
  sqlite: Database.Database,
  project: string,
  series: UtilizationSeries,
): TrafficWriteResult {
  return writePoints(sqlite, project, series.points, (endpointName, point) =>
    upsertUtilizationPoint(
      sqlite,
      series.metric,
      endpointName,
      point.deployedModelId,
      storedInstant(point.hour),
      point.value,
    ),
  );
}

function writePoints(
  sqlite: Database.Database,
  project: string,
  points: readonly TrafficPoint[],
  upsert: (endpointName: string, point: TrafficPoint) => number,
): TrafficWriteResult {
  const byLocationAndId = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const { name, region } of endpointNamesOf(sqlite, project)) {
    const id = name.slice(name.lastIndexOf('/') + 1);
    byLocationAndId.set(`${region}/${id}`, name);
    byId.set(id, name);
  }
  return inTransaction(sqlite, () => {
    let written = 0;
    let unmatched = 0;
    for (const point of points) {
      const endpointName =
        (point.location ? byLocationAndId.get(`${point.location}/${point.endpointId}`) : undefined) ??
        byId.get(point.endpointId);
      if (!endpointName) {
        unmatched++;
        continue;
      }
      written += upsert(endpointName, point);
    }
    return { written, unmatched };
  });
}

/** After a successful fetch: the span it covered. After a failure: the error, keeping the last good span. */
export function recordCoverage(
  sqlite: Database.Database,
  project: string,
  metric: string,
  attemptAt: string,
  outcome: { from: string; to: string } | { error: string },
): void {
  if ('error' in outcome) recordCoverageError(sqlite, project, metric, attemptAt, outcome.error);
  else recordCoverageSpan(sqlite, project, metric, attemptAt, outcome.from, outcome.to);
}

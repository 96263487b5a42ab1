// Hourly Monitoring points → traffic_hourly (one column per metric), and what span each project's telemetry
// covers → telemetry_coverage, so rules can tell "no traffic" from "no data".

import type Database from 'better-sqlite3';
import type { TrafficSeries } from '../gcp/types.js';

const COLUMNS = { prediction_count: 'predictions', replicas: 'replicas' } as const;

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
  series: TrafficSeries,
): TrafficWriteResult {
  const byLocationAndId = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const { name, region } of sqlite
    .prepare<[string], { name: string; region: string }>(
      'SELECT name, region FROM endpoints WHERE project = ?',
    )
    .all(project)) {
    const id = name.slice(name.lastIndexOf('/') + 1);
    byLocationAndId.set(`${region}/${id}`, name);
    byId.set(id, name);
  }
  const column = COLUMNS[series.metric];
  const upsert = sqlite.prepare(
    `INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, ${column}) VALUES (?, ?, ?, ?)
     ON CONFLICT (endpoint_name, deployed_model_id, hour) DO UPDATE SET ${column} = excluded.${column}
     WHERE traffic_hourly.${column} IS NOT excluded.${column}`,
  );
  const write = sqlite.transaction(() => {
    let written = 0;
    let unmatched = 0;
    for (const point of series.points) {
      const endpointName =
        (point.location ? byLocationAndId.get(`${point.location}/${point.endpointId}`) : undefined) ??
        byId.get(point.endpointId);
      if (!endpointName) {
        unmatched++;
        continue;
      }
      written += upsert.run(endpointName, point.deployedModelId, point.hour, point.value).changes;
    }
    return { written, unmatched };
  });
  return write();
}

/** After a successful fetch: the span it covered. After a failure: the error, keeping the last good span. */
export function recordCoverage(
  sqlite: Database.Database,
  project: string,
  metric: string,
  attemptAt: string,
  outcome: { from: string; to: string } | { error: string },
): void {
  if ('error' in outcome) {
    sqlite
      .prepare(
        `INSERT INTO telemetry_coverage (project, metric, covered_from, covered_to, last_attempt_at, last_error)
         VALUES (?, ?, NULL, NULL, ?, ?)
         ON CONFLICT (project, metric) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error`,
      )
      .run(project, metric, attemptAt, outcome.error);
    return;
  }
  sqlite
    .prepare(
      `INSERT INTO telemetry_coverage (project, metric, covered_from, covered_to, last_attempt_at, last_error)
       VALUES (?, ?, ?, ?, ?, NULL)
       ON CONFLICT (project, metric) DO UPDATE SET covered_from = excluded.covered_from, covered_to = excluded.covered_to,
         last_attempt_at = excluded.last_attempt_at, last_error = NULL`,
    )
    .run(project, metric, outcome.from, outcome.to, attemptAt);
}

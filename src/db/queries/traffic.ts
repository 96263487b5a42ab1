// Hourly Monitoring data per deployed model (traffic_hourly: one column per metric) and the span each project's
// telemetry covers (telemetry_coverage), so "no traffic" is never confused with "no data".

import { allRows, type Conn, execute, type RowOf } from '../rows.js';

// Where each Monitoring metric is stored.
export const TRAFFIC_COLUMNS = {
  prediction_count: 'predictions',
  replicas: 'replicas',
  private_response_count: 'private_responses',
} as const;
export type TrafficColumnMetric = keyof typeof TRAFFIC_COLUMNS;

export function upsertTrafficPoint(
  conn: Conn,
  metric: TrafficColumnMetric,
  endpointName: string,
  deployedModelId: string,
  hour: string,
  value: number,
): number {
  const column = TRAFFIC_COLUMNS[metric];
  return execute(
    conn,
    `INSERT INTO traffic_hourly (endpoint_name, deployed_model_id, hour, ${column}) VALUES (?, ?, ?, ?)
     ON CONFLICT (endpoint_name, deployed_model_id, hour) DO UPDATE SET ${column} = excluded.${column}
     WHERE traffic_hourly.${column} IS NOT excluded.${column}`,
    endpointName,
    deployedModelId,
    hour,
    value,
  );
}

export function recordCoverageError(
  conn: Conn,
  project: string,
  metric: string,
  attemptAt: string,
  error: string,
): void {
  execute(
    conn,
    `INSERT INTO telemetry_coverage (project, metric, covered_from, covered_to, last_attempt_at, last_error)
     VALUES (?, ?, NULL, NULL, ?, ?)
     ON CONFLICT (project, metric) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error`,
    project,
    metric,
    attemptAt,
    error,
  );
}

export function recordCoverageSpan(
  conn: Conn,
  project: string,
  metric: string,
  attemptAt: string,
  from: string,
  to: string,
): void {
  execute(
    conn,
    `INSERT INTO telemetry_coverage (project, metric, covered_from, covered_to, last_attempt_at, last_error)
     VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (project, metric) DO UPDATE SET covered_from = excluded.covered_from, covered_to = excluded.covered_to,
       last_attempt_at = excluded.last_attempt_at, last_error = NULL`,
    project,
    metric,
    from,
    to,
    attemptAt,
  );
}

const COVERAGE_ROW = {
  project: 'text',
  metric: 'text',
  coveredFrom: 'text?',
  coveredTo: 'text?',
  lastAttemptAt: 'text',
  lastError: 'text?',
} as const;
export type CoverageRow = RowOf<typeof COVERAGE_ROW>;

export function coverageRows(conn: Conn): CoverageRow[] {
  return allRows(
    conn,
    'telemetry coverage',
    COVERAGE_ROW,
    `SELECT project, metric, covered_from AS coveredFrom, covered_to AS coveredTo,
            last_attempt_at AS lastAttemptAt, last_error AS lastError FROM telemetry_coverage`,
  );
}

/** A deployed model's hourly points since `sinceIso`, oldest first. */
export function deployedModelTraffic(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  sinceIso: string,
): Array<{
  hour: string;
  predictions: number | null;
  replicas: number | null;
  privateResponses: number | null;
}> {
  return allRows(
    conn,
    'traffic of a deployed model',
    { hour: 'text', predictions: 'number?', replicas: 'number?', privateResponses: 'number?' },
    `SELECT hour, predictions, replicas, private_responses AS privateResponses FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? ORDER BY hour`,
    endpointName,
    deployedModelId,
    sinceIso,
  );
}

/** Predictions of a deployed model in [fromIso, toIso). */
export function predictionsBetween(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  fromIso: string,
  toIso: string,
): number {
  return (
    allRows(
      conn,
      'predictions of a deployed model',
      { n: 'number' },
      `SELECT COALESCE(SUM(predictions), 0) AS n FROM traffic_hourly
        WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ?`,
      endpointName,
      deployedModelId,
      fromIso,
      toIso,
    )[0]?.n ?? 0
  );
}

/** Measured replica hours of the deployments (JSON [endpoint, id] pairs) inside the ranges (JSON [from, to) pairs). */
export function measuredHoursIn(
  conn: Conn,
  deploymentsJson: string,
  rangesJson: string,
): Array<{ run: number; hour: string; replicas: number }> {
  return allRows(
    conn,
    'measured replica hours',
    { run: 'number', hour: 'text', replicas: 'number' },
    `SELECT DISTINCT d.key AS run, t.hour, t.replicas
       FROM json_each(?) AS d CROSS JOIN json_each(?) AS e CROSS JOIN traffic_hourly t
         ON t.endpoint_name = d.value ->> '$[0]' AND t.deployed_model_id = d.value ->> '$[1]'
        AND t.hour >= e.value ->> '$[0]' AND t.hour < e.value ->> '$[1]'
      WHERE t.replicas IS NOT NULL`,
    deploymentsJson,
    rangesJson,
  );
}

/** A deployment's measured replica hours in [fromIso, toIso). */
export function measuredHoursOf(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  fromIso: string,
  toIso: string,
): Array<{ hour: string; replicas: number }> {
  return allRows(
    conn,
    'measured hours of a deployment',
    { hour: 'text', replicas: 'number' },
    `SELECT hour, replicas FROM traffic_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ? AND replicas IS NOT NULL`,
    endpointName,
    deployedModelId,
    fromIso,
    toIso,
  );
}

const DEDICATED_DAY_ROW = {
  endpoint_name: 'text',
  deployed_model_id: 'text',
  display_name: 'text',
  project: 'text',
  labels: 'text',
  day_index: 'number',
  busy: 'number',
  cost: 'number',
} as const;
export type DedicatedDayRow = RowOf<typeof DEDICATED_DAY_ROW>;

/**
 * Each dedicated deployment's days between consecutive instants of `dayStarts` (local midnights, RFC 3339, in
 * order): the day's index, whether any of its hours saw a prediction, and its replica cost (hourly price × the
 * hour's replicas, or the deployment's minimum when Monitoring gave no count; no price counts 0). Only on
 * endpoints whose requests prediction_count counts (the others' predictions prove nothing). Summed by SQL: a week
 * of a large organisation's hours is hundreds of thousands of rows.
 */
export function dedicatedTrafficByDay(conn: Conn, dayStarts: readonly string[]): DedicatedDayRow[] {
  const ends = dayStarts.slice(1);
  const first = dayStarts[0];
  const last = dayStarts.at(-1);
  if (first === undefined || last === undefined || ends.length === 0) return [];
  const dayOf = `CASE ${ends.map((_, i) => `WHEN t.hour < ? THEN ${i}`).join(' ')} END`;
  return allRows(
    conn,
    'dedicated traffic by day',
    DEDICATED_DAY_ROW,
    `SELECT t.endpoint_name, t.deployed_model_id, dm.display_name, e.project, e.labels, ${dayOf} AS day_index,
            MAX(COALESCE(t.predictions, 0) > 0) AS busy,
            SUM(COALESCE(dm.hourly_price, 0) * COALESCE(t.replicas, dm.min_replicas)) AS cost
       FROM traffic_hourly t
       JOIN deployed_models dm ON dm.endpoint_name = t.endpoint_name AND dm.deployed_model_id = t.deployed_model_id
       JOIN endpoints e ON e.name = t.endpoint_name
      WHERE dm.dedicated = 1 AND e.traffic_visibility = 'prediction_count' AND t.hour >= ? AND t.hour < ?
      GROUP BY t.endpoint_name, t.deployed_model_id, day_index`,
    ...ends,
    first,
    last,
  );
}

/** Predictions Monitoring recorded for these deployed models in [fromIso, toIso), summed. */
export function predictionsServed(
  conn: Conn,
  models: ReadonlyArray<{ endpointName: string; deployedModelId: string }>,
  fromIso: string,
  toIso: string,
): number {
  let predictions = 0;
  for (const m of models)
    predictions += predictionsBetween(conn, m.endpointName, m.deployedModelId, fromIso, toIso);
  return predictions;
}

/**
 * The hours in [fromIso, toIso) for which Monitoring recorded predictions of any of these deployed models: the
 * first and last such hour (their starts) and how many there are; nulls and 0 when none.
 */
export function recordedPredictionHours(
  conn: Conn,
  models: ReadonlyArray<{ endpointName: string; deployedModelId: string }>,
  fromIso: string,
  toIso: string,
): { first: string | null; last: string | null; hours: number } {
  const row = allRows(
    conn,
    'recorded prediction hours',
    { first: 'text?', last: 'text?', hours: 'number' },
    `SELECT MIN(t.hour) AS first, MAX(t.hour) AS last, COUNT(DISTINCT t.hour) AS hours
       FROM json_each(?) AS m CROSS JOIN traffic_hourly t
         ON t.endpoint_name = m.value ->> '$[0]' AND t.deployed_model_id = m.value ->> '$[1]'
        AND t.hour >= ? AND t.hour < ?
      WHERE t.predictions IS NOT NULL`,
    JSON.stringify(models.map((m) => [m.endpointName, m.deployedModelId])),
    fromIso,
    toIso,
  )[0];
  return { first: row?.first ?? null, last: row?.last ?? null, hours: row?.hours ?? 0 };
}

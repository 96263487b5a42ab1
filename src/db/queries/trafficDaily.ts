// Reads of traffic_daily, the per-day rollup of traffic_hourly (src/db/schema/rollups.ts): traffic summed per
// deployment over ranges of hours, a day at a time where the rollup can say and hour by hour where it cannot.

import type { Slice } from '../../domain/slice.js';
import { rfc3339 } from '../../time/instants.js';
import { allRows, allTuples, type Conn } from '../rows.js';
import { type KeyPart, keyExpression } from './groupKeys.js';
import { sliceWhere } from './sliceWhere.js';

const DAY_MS = 24 * 3_600_000;

/** The part [from, to) of one UTC day a range covers; `whole` (1) when it covers all of it. */
type Cut = [range: number, day: string, from: string, to: string, whole: 0 | 1];

/** Each UTC day the ranges reach, with the part of it each range covers (an empty range reaches none). */
function dayCuts(ranges: ReadonlyArray<readonly [string, string]>): Cut[] {
  const cuts: Cut[] = [];
  ranges.forEach(([fromIso, toIso], range) => {
    if (fromIso === '' || toIso <= fromIso) return;
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
      const dayEnd = day + DAY_MS;
      cuts.push([
        range,
        rfc3339(day).slice(0, 10),
        from > day ? fromIso : rfc3339(day),
        to < dayEnd ? toIso : rfc3339(dayEnd),
        from <= day && to >= dayEnd ? 1 : 0,
      ]);
    }
  });
  return cuts;
}

const CUTS = `c AS MATERIALIZED (
       SELECT key AS cut, value ->> 1 AS day, value ->> 2 AS cut_from, value ->> 3 AS cut_to, value ->> 4 AS whole
         FROM json_each(?))`;

/**
 * Whether a rollup row is the cut's traffic (1: a whole day, or a day whose first and last recorded hours lie
 * inside the cut), must be read hour by hour (2: recorded hours inside the cut and outside it), or has none of
 * the cut's hours (0).
 */
const STATE = `CASE WHEN c.whole OR (r.first_hour >= c.cut_from AND r.last_hour < c.cut_to) THEN 1
            WHEN r.last_hour >= c.cut_from AND r.first_hour < c.cut_to THEN 2 ELSE 0 END`;

/** What is summed: measured replicas and the hours measured, or the hours recorded and the predictions. */
export type TrafficMeasure = 'replicas' | 'predictions';

const MEASURE_COLUMNS: Record<TrafficMeasure, string> = {
  replicas: 'r.replicas, r.replica_hours',
  predictions: 'r.hours, r.predictions',
};

/**
 * A rollup row of a cut as the reads return it: the deployment (index or key), the cut and its state in one
 * number (cut × 2, plus 1 when the cut must be read hour by hour), and the measure's two sums. Thousands of rows
 * cross to JavaScript, and each column costs.
 */
const CUT_TUPLE = ['number', 'number', 'number'] as const;

/** Rollup rows of the cuts for each deployment, by seeking each (deployment, day): for a few deployments. */
function seekRows(
  conn: Conn,
  deployments: ReadonlyArray<readonly [string, string]>,
  cuts: Cut[],
  measure: TrafficMeasure,
) {
  // CROSS JOIN keeps the order (deployment, cut, then the rollup's key), so each pair is one seek.
  return allTuples(
    conn,
    'daily traffic of deployments',
    ['number', ...CUT_TUPLE],
    `WITH d AS MATERIALIZED (SELECT key AS deployment, value ->> 0 AS ep, value ->> 1 AS dm FROM json_each(?)),
          ${CUTS}
     SELECT d.deployment, c.cut * 2 + (${STATE} = 2) AS at, ${MEASURE_COLUMNS[measure]}
       FROM d CROSS JOIN c CROSS JOIN traffic_daily r
         ON r.day = c.day AND r.endpoint_name = d.ep AND r.deployed_model_id = d.dm
      WHERE (${STATE}) > 0`,
    JSON.stringify(deployments),
    JSON.stringify(cuts),
  );
}

/** Every rollup row of the cuts' days, keyed by deployment: for many deployments, one sequential read a day. */
function scanRows(conn: Conn, cuts: Cut[], measure: TrafficMeasure) {
  return allTuples(
    conn,
    'daily traffic of days',
    ['text', ...CUT_TUPLE],
    `WITH ${CUTS}
     SELECT r.endpoint_name || char(0) || r.deployed_model_id, c.cut * 2 + (${STATE} = 2) AS at,
            ${MEASURE_COLUMNS[measure]}
       FROM c CROSS JOIN traffic_daily r ON r.day = c.day
      WHERE (${STATE}) > 0`,
    JSON.stringify(cuts),
  );
}

/** The measure summed over the hours [from, to) of deployments: `reads` holds [endpoint, id, from, to] lists. */
export function hourlySums(
  conn: Conn,
  reads: ReadonlyArray<readonly [string, string, string, string]>,
  measure: TrafficMeasure,
) {
  const sums =
    measure === 'replicas'
      ? 'COALESCE(SUM(t.replicas), 0), COUNT(t.replicas)'
      : 'COUNT(*), COALESCE(SUM(t.predictions), 0)';
  return allTuples(
    conn,
    'hourly traffic sums',
    ['number', 'number', 'number'],
    `SELECT f.key, ${sums}
       FROM json_each(?) AS f CROSS JOIN traffic_hourly t
         ON t.endpoint_name = f.value ->> 0 AND t.deployed_model_id = f.value ->> 1
        AND t.hour >= f.value ->> 2 AND t.hour < f.value ->> 3
      GROUP BY f.key`,
    JSON.stringify(reads),
  );
}

export interface TrafficSumsOptions {
  measure: TrafficMeasure;
  /**
   * Read every deployment's row of each day and keep those asked for (when they are most of the rollup's),
   * rather than seek each asked deployment's day.
   */
  scanDays: boolean;
  /**
   * Asked once every day's row has been handed over, before a deployment's cut days are read hour by hour:
   * true leaves them unread (what was handed over already decides, e.g. a deployment that served predictions is
   * not idle however many more it served).
   */
  enough?: (deployment: number) => boolean;
}

/**
 * The measure per deployment and range over the hours that start in the range, handed to `each` once per part
 * read (a pair may come in several parts, to be added up): replicas measured and the hours measured, or hours
 * recorded and predictions. `deployments` are [endpoint name, deployed model id] pairs and `ranges` [from, to)
 * pairs (RFC 3339; an empty pair is an empty range), which `deployment` and `range` index. A UTC day inside a
 * range is its traffic_daily row; so is a day the range cuts when the day's recorded hours all lie inside the cut
 * (today, cut at now); any other cut is read hour by hour.
 */
export function eachTrafficSum(
  conn: Conn,
  deployments: ReadonlyArray<readonly [string, string]>,
  ranges: ReadonlyArray<readonly [string, string]>,
  opts: TrafficSumsOptions,
  each: (deployment: number, range: number, first: number, second: number) => void,
): void {
  const cuts = dayCuts(ranges);
  if (cuts.length === 0 || deployments.length === 0) return;
  const partial: Array<[deployment: number, cut: Cut]> = [];
  const take = (deployment: number, at: number, first: number, second: number) => {
    const cut = cuts[at >> 1] as Cut;
    if (at & 1) partial.push([deployment, cut]);
    else each(deployment, cut[0], first, second);
  };
  if (opts.scanDays) {
    const index = new Map(deployments.map(([endpoint, id], i) => [`${endpoint}\u0000${id}`, i]));
    for (const [key, at, first, second] of scanRows(conn, cuts, opts.measure)) {
      const deployment = index.get(key);
      if (deployment !== undefined) take(deployment, at, first, second);
    }
  } else {
    for (const [deployment, at, first, second] of seekRows(conn, deployments, cuts, opts.measure))
      take(deployment, at, first, second);
  }
  const unread = opts.enough ? partial.filter(([deployment]) => !opts.enough?.(deployment)) : partial;
  if (unread.length === 0) return;
  const reads = unread.map(([deployment, cut]) => {
    const [endpoint, id] = deployments[deployment] as readonly [string, string];
    return [endpoint, id, cut[2], cut[3]] as const;
  });
  for (const [at, first, second] of hourlySums(conn, reads, opts.measure)) {
    const [deployment, cut] = unread[at] as [number, Cut];
    each(deployment, cut[0], first, second);
  }
}

/** Which deployments SQL sums: priced, in the slice, running through the ranges by their stored bounds. */
export interface SummedDeployments {
  slice: Slice;
  /** Deployed since at most this (RFC 3339, compared as stored) and not undeployed before `until`. */
  since: string;
  until: string;
  /** [endpoint name, deployed model id] pairs left out, for the caller to add itself. */
  excluded: ReadonlyArray<readonly [string, string]>;
}

/**
 * What measured replicas add to the planned count's cost — hourly price × (replicas measured − hours measured ×
 * minimum replicas) — summed per group key (`key`, its parts joined by `separator`, on the endpoint's columns)
 * and range (`ranges` as in eachTrafficSum), over the deployments `which` names, a day at a time from the
 * rollup. A cut day that must be read hour by hour is handed back instead, per deployment, for the caller.
 */
export function deploymentCostSums(
  conn: Conn,
  ranges: ReadonlyArray<readonly [string, string]>,
  which: SummedDeployments,
  key: { parts: readonly KeyPart[]; separator: string },
): {
  sums: Array<[key: string, range: number, cost: number]>;
  hourly: Array<{ endpointName: string; deployedModelId: string; range: number; from: string; to: string }>;
} {
  const cuts = dayCuts(ranges);
  if (cuts.length === 0) return { sums: [], hourly: [] };
  const columns = { project: 'e.project', region: 'e.region', kind: "'prediction'", labels: 'e.labels' };
  const k = keyExpression(key.parts, key.separator, columns);
  const where = sliceWhere(which.slice, { ...columns, kind: null });
  // The endpoint is joined only when the key or the slice reads it, the excluded only when there are some.
  const endpoint = where.clauses.length > 0 || key.parts.some((p) => !('constant' in p));
  const excluded = which.excluded.length > 0;
  const from = `FROM c CROSS JOIN traffic_daily r ON r.day = c.day
       JOIN deployed_models m ON m.endpoint_name = r.endpoint_name AND m.deployed_model_id = r.deployed_model_id
       ${endpoint ? 'JOIN endpoints e ON e.name = m.endpoint_name' : ''}
      WHERE m.hourly_price IS NOT NULL AND COALESCE(m.create_time, m.first_seen) <= ?
        AND (m.undeployed_at IS NULL OR m.undeployed_at >= ?)${where.clauses.map((c) => ` AND ${c}`).join('')}
        ${excluded ? 'AND (m.endpoint_name, m.deployed_model_id) NOT IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))' : ''}`;
  const params = [
    which.since,
    which.until,
    ...where.params,
    ...(excluded ? [JSON.stringify(which.excluded)] : []),
  ];
  const constant = key.parts.every((p) => 'constant' in p);
  const sums = allTuples(
    conn,
    'measured replica costs',
    ['text', 'number', 'number'],
    `WITH ${CUTS}
     SELECT ${k.sql} AS k, c.cut, SUM(m.hourly_price * (r.replicas - r.replica_hours * m.min_replicas))
       ${from} AND (${STATE}) = 1
      GROUP BY ${constant ? '' : 'k, '}c.cut`,
    JSON.stringify(cuts),
    ...k.params,
    ...params,
  ).map(([group, cut, cost]): [string, number, number] => [group, (cuts[cut] as Cut)[0], cost]);
  // Only a cut day (today, cut at now) can need its hours.
  const hourly = !cuts.some((c) => c[4] === 0)
    ? []
    : allTuples(
        conn,
        'measured replica hours to read',
        ['text', 'text', 'number'],
        `WITH ${CUTS}
         SELECT m.endpoint_name, m.deployed_model_id, c.cut ${from} AND (${STATE}) = 2`,
        JSON.stringify(cuts),
        ...params,
      ).map(([endpointName, deployedModelId, cut]) => {
        const [range, , cutFrom, cutTo] = cuts[cut] as Cut;
        return { endpointName, deployedModelId, range, from: cutFrom, to: cutTo };
      });
  return { sums, hourly };
}

const IDLE_ROW = {
  endpointName: 'text',
  deployedModelId: 'text',
  endpoint: 'text',
  model: 'text',
  project: 'text',
  region: 'text',
  labels: 'text',
  minReplicas: 'number',
  hourlyPrice: 'number?',
} as const;

/** A deployed model with its endpoint's names, place and labels (JSON text); its price is per replica. */
export interface IdleDeploymentRow {
  endpoint: string;
  model: string;
  project: string;
  region: string;
  labels: string;
  minReplicas: number;
  hourlyPrice: number | null;
  /** Hours Monitoring recorded for it in the window. */
  hours: number;
}

/**
 * The models deployed now on dedicated replicas of live endpoints whose requests prediction_count counts that
 * recorded no prediction in [fromIso, toIso) (the hours starting in it), with the hours recorded there. SQL
 * leaves out every deployment a day of the rollup shows serving; only the others are summed, hour by hour where
 * the window cuts a day.
 */
export function deploymentsWithoutPredictions(
  conn: Conn,
  fromIso: string,
  toIso: string,
): IdleDeploymentRow[] {
  const cuts = dayCuts([[fromIso, toIso]]);
  const candidates = allRows(
    conn,
    'live dedicated deployments without predictions',
    IDLE_ROW,
    `WITH ${CUTS},
          served AS (SELECT r.endpoint_name, r.deployed_model_id FROM c CROSS JOIN traffic_daily r ON r.day = c.day
                      WHERE r.predictions > 0 AND (${STATE}) = 1)
     SELECT d.endpoint_name AS endpointName, d.deployed_model_id AS deployedModelId, e.display_name AS endpoint,
            d.display_name AS model, e.project, e.region, e.labels, d.min_replicas AS minReplicas,
            d.hourly_price AS hourlyPrice
       FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
      WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1
        AND e.traffic_visibility = 'prediction_count'
        AND (d.endpoint_name, d.deployed_model_id) NOT IN (SELECT endpoint_name, deployed_model_id FROM served)
      ORDER BY d.endpoint_name, d.deployed_model_id`,
    JSON.stringify(cuts),
  );
  const hours = new Float64Array(candidates.length);
  const predictions = new Float64Array(candidates.length);
  eachTrafficSum(
    conn,
    candidates.map((d) => [d.endpointName, d.deployedModelId] as const),
    [[fromIso, toIso]],
    { measure: 'predictions', scanDays: false, enough: (i) => (predictions[i] ?? 0) > 0 },
    (i, _range, recorded, served) => {
      hours[i] = (hours[i] ?? 0) + recorded;
      predictions[i] = (predictions[i] ?? 0) + served;
    },
  );
  return candidates
    .map(({ endpointName: _endpoint, deployedModelId: _id, ...d }, i) => ({ ...d, hours: hours[i] ?? 0 }))
    .filter((_, i) => predictions[i] === 0);
}

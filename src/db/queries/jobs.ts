// Vertex AI jobs as sync stores them (jobs: current state; job_snapshots: one row per observed change).

import { ACTIVE_JOB_STATES } from '../../domain/jobs.js';
import type { Slice } from '../../domain/slice.js';
import { allRows, allTuples, type Conn, execute, placeholders, type RowOf } from '../rows.js';
import { JOB_SPEND_KIND, type KeyPart, keyExpression } from './groupKeys.js';
import { sliceWhere } from './sliceWhere.js';

/** A job's stored columns, as collect compares and writes them. */
export interface StoredJob {
  name: string;
  project: string;
  region: string;
  kind: string;
  displayName: string;
  state: string;
  labels: string;
  machineType: string | null;
  acceleratorType: string | null;
  acceleratorCount: number;
  replicaCount: number;
  spot: number;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
  timeoutSeconds: number | null;
  updateTime: string | null;
  hourlyPrice: number | null;
  unpricedReason: string | null;
  priceSource: string | null;
  replicaHours: number | null;
}

/** A stored job with whether Google still has it. */
export interface StoredJobRow extends StoredJob {
  goneAt: string | null;
}

const STORED_JOB = {
  name: 'text',
  project: 'text',
  region: 'text',
  kind: 'text',
  displayName: 'text',
  state: 'text',
  labels: 'text',
  machineType: 'text?',
  acceleratorType: 'text?',
  acceleratorCount: 'number',
  replicaCount: 'number',
  spot: 'number',
  createTime: 'text?',
  startTime: 'text?',
  endTime: 'text?',
  timeoutSeconds: 'number?',
  updateTime: 'text?',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  priceSource: 'text?',
  replicaHours: 'number?',
  goneAt: 'text?',
} as const;

const STORED_JOB_COLUMNS = `name, project, region, kind, display_name AS displayName, state, labels, machine_type AS machineType,
  accelerator_type AS acceleratorType, accelerator_count AS acceleratorCount, replica_count AS replicaCount,
  spot, create_time AS createTime, start_time AS startTime, end_time AS endTime,
  timeout_seconds AS timeoutSeconds, update_time AS updateTime, hourly_price AS hourlyPrice, unpriced_reason AS unpricedReason,
  price_source AS priceSource, replica_hours AS replicaHours, gone_at AS goneAt`;

export function storedJobsOf(conn: Conn, project: string, region: string): StoredJobRow[] {
  return allRows(
    conn,
    'stored jobs of a scope',
    STORED_JOB,
    `SELECT ${STORED_JOB_COLUMNS} FROM jobs WHERE project = ? AND region = ?`,
    project,
    region,
  );
}

/** Inserts or rewrites a job; returns rows changed. */
export function upsertJob(conn: Conn, job: StoredJob, now: string): number {
  return execute(
    conn,
    `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
                       accelerator_count, replica_count, spot, create_time, start_time, end_time, timeout_seconds,
                       update_time, first_seen, last_seen, gone_at, hourly_price, unpriced_reason, price_source,
                       replica_hours)
     VALUES (@name, @project, @region, @kind, @displayName, @state, @labels, @machineType, @acceleratorType,
             @acceleratorCount, @replicaCount, @spot, @createTime, @startTime, @endTime, @timeoutSeconds,
             @updateTime, @now, @now, NULL, @hourlyPrice, @unpricedReason, @priceSource, @replicaHours)
     ON CONFLICT (name) DO UPDATE SET
       project = excluded.project, region = excluded.region, kind = excluded.kind, display_name = excluded.display_name,
       state = excluded.state, labels = excluded.labels, machine_type = excluded.machine_type,
       accelerator_type = excluded.accelerator_type, accelerator_count = excluded.accelerator_count,
       replica_count = excluded.replica_count, spot = excluded.spot, create_time = excluded.create_time,
       start_time = excluded.start_time, end_time = excluded.end_time, timeout_seconds = excluded.timeout_seconds,
       update_time = excluded.update_time, last_seen = excluded.last_seen, gone_at = NULL, hourly_price = excluded.hourly_price,
       unpriced_reason = excluded.unpriced_reason, price_source = excluded.price_source,
       replica_hours = excluded.replica_hours`,
    { ...job, now },
  );
}

/** Marks a job Google no longer has (deleted); returns rows changed. */
export function markJobGone(conn: Conn, name: string, now: string): number {
  return execute(conn, 'UPDATE jobs SET gone_at = ? WHERE name = ? AND gone_at IS NULL', now, name);
}

/** Moves last_seen only (an unchanged job). */
export function touchJob(conn: Conn, name: string, now: string): void {
  execute(conn, 'UPDATE jobs SET last_seen = ? WHERE name = ? AND last_seen IS NOT ?', now, name, now);
}

export function snapshotJob(
  conn: Conn,
  name: string,
  observedAt: string,
  state: string,
  replicaCount: number,
): number {
  return execute(
    conn,
    'INSERT OR IGNORE INTO job_snapshots (job_name, observed_at, state, replica_count) VALUES (?, ?, ?, ?)',
    name,
    observedAt,
    state,
    replicaCount,
  );
}

export const JOB_ROW = {
  name: 'text',
  project: 'text',
  region: 'text',
  kind: 'text',
  display_name: 'text',
  state: 'text',
  labels: 'text',
  machine_type: 'text?',
  accelerator_type: 'text?',
  accelerator_count: 'number',
  replica_count: 'number',
  spot: 'number',
  create_time: 'text?',
  start_time: 'text?',
  end_time: 'text?',
  timeout_seconds: 'number?',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
  last_seen: 'text',
  replica_hours: 'number?',
  gone_at: 'text?',
} as const;
export type JobRow = RowOf<typeof JOB_ROW>;

const JOB_COLUMNS = `name, project, region, kind, display_name, state, labels, machine_type, accelerator_type,
  accelerator_count, replica_count, spot, create_time, start_time, end_time, timeout_seconds, hourly_price,
  unpriced_reason, last_seen, replica_hours, gone_at`;

/** Every job, by name (the auditor needs history for expected runtimes). */
export function allJobRows(conn: Conn): JobRow[] {
  return allRows(conn, 'jobs', JOB_ROW, `SELECT ${JOB_COLUMNS} FROM jobs ORDER BY name`);
}

const JOB_RUN_ROW = {
  name: 'text',
  project: 'text',
  region: 'text',
  kind: 'text',
  display_name: 'text',
  state: 'text',
  labels: 'text',
  machine_type: 'text?',
  accelerator_type: 'text?',
  replica_count: 'number',
  start_time: 'text?',
  end_time: 'text?',
  hourly_price: 'number?',
  unpriced_reason: 'text?',
  last_seen: 'text',
  replica_hours: 'number?',
  gone_at: 'text?',
} as const;
/** What an estimate reads of a job: what it is, where, when it ran and its price. */
export type JobRunRow = RowOf<typeof JOB_RUN_ROW>;

const OVERLAPPING = 'start_time IS NOT NULL AND start_time < ? AND (end_time IS NULL OR end_time > ?)';

/**
 * Jobs that started before `toIso` and had not ended by `fromIso` (or have not ended), with what an estimate
 * needs of each; labels are "{}" unless asked for (hundreds of JSON texts cost more than the rest of the rows);
 * with `unpricedOnly`, only those without a price (in the same order).
 */
export function jobsOverlapping(
  conn: Conn,
  fromIso: string,
  toIso: string,
  opts: { labels: boolean; unpricedOnly?: boolean },
): JobRunRow[] {
  return allRows(
    conn,
    'jobs overlapping a window',
    JOB_RUN_ROW,
    `SELECT name, project, region, kind, display_name, state, ${opts.labels ? 'labels' : "'{}' AS labels"},
            machine_type, accelerator_type, replica_count, start_time, end_time, hourly_price, unpriced_reason,
            last_seen, replica_hours, gone_at
       FROM jobs WHERE ${OVERLAPPING}${opts.unpricedOnly ? ' AND hourly_price IS NULL' : ''}`,
    toIso,
    fromIso,
  );
}

// A job's start and end in milliseconds, as src/spend/resourceRuns.ts reads them: it ends at its end time, else
// (still active and not deleted in Google) never, else when sync last saw it. 1e300 stands for never.
const START_MS = "unixepoch(start_time, 'subsec') * 1000";
const END_MS = (
  activeStates: number,
) => `CASE WHEN end_time IS NOT NULL THEN unixepoch(end_time, 'subsec') * 1000
         WHEN state IN (${placeholders(activeStates)}) AND gone_at IS NULL THEN 1e300
         ELSE unixepoch(last_seen, 'subsec') * 1000 END`;

/**
 * The estimated cost of priced jobs per group and window: hourly price × the share of it the job used (a batch
 * prediction job's reported replica-hours per replica, else 1) × the hours it ran in the window, summed per
 * group key (`key`, its parts joined by `separator`) and window (`windows`: [from, to) in milliseconds). Only
 * the jobs of the slice that overlap [fromIso, toIso), and only (group, window) pairs a job ran in.
 */
export function jobCostSums(
  conn: Conn,
  span: { fromIso: string; toIso: string },
  windows: ReadonlyArray<readonly [number, number]>,
  slice: Slice,
  key: { parts: readonly KeyPart[]; separator: string },
): Array<[key: string, window: number, cost: number]> {
  const columns = { project: 'project', region: 'region', kind: JOB_SPEND_KIND, labels: 'labels' };
  const k = keyExpression(key.parts, key.separator, columns);
  const where = sliceWhere(slice, columns);
  const active = [...ACTIVE_JOB_STATES];
  return allTuples(
    conn,
    'job cost sums',
    ['text', 'number', 'number'],
    `WITH w AS MATERIALIZED (SELECT key AS window, value ->> 0 AS w_from, value ->> 1 AS w_to FROM json_each(?)),
          j AS MATERIALIZED (
            SELECT ${k.sql} AS k, hourly_price AS price, ${START_MS} AS s, ${END_MS(active.length)} AS e,
                   replica_hours, replica_count, unixepoch(last_seen, 'subsec') * 1000 AS seen
              FROM jobs WHERE ${OVERLAPPING} AND hourly_price IS NOT NULL${where.clauses.map((c) => ` AND ${c}`).join('')}),
          priced AS (
            SELECT k, s, e, price * CASE WHEN replica_hours IS NULL OR replica_hours <= 0 OR replica_count <= 0 THEN 1
                         WHEN (CASE WHEN e < 1e300 THEN e ELSE seen END) - s > 0
                         THEN replica_hours / (((CASE WHEN e < 1e300 THEN e ELSE seen END) - s) / 3600000.0) / replica_count
                         ELSE 1 END AS rate
              FROM j)
     SELECT k, w.window, SUM(rate * (MIN(e, w_to) - MAX(s, w_from)) / 3600000.0)
       FROM priced CROSS JOIN w
      WHERE MIN(e, w_to) - MAX(s, w_from) > 0
      GROUP BY k, w.window`,
    JSON.stringify(windows),
    ...k.params,
    ...active,
    span.toIso,
    span.fromIso,
    ...where.params,
  );
}
const ACTIVE_JOB_ROW = {
  displayName: 'text',
  project: 'text',
  region: 'text',
  kind: 'text',
  labels: 'text',
  hourlyPrice: 'number?',
  unpricedReason: 'text?',
  startTime: 'text?',
  state: 'text',
} as const;
export type ActiveJobRow = RowOf<typeof ACTIVE_JOB_ROW>;

/** Jobs Google still has in any of `states`, oldest start first (labels: "{}" unless asked for). */
export function jobsInStates(
  conn: Conn,
  states: readonly string[],
  opts: { labels: boolean },
): ActiveJobRow[] {
  // Without labels asked for, none are read: hundreds of JSON texts cost more than the rest of the row.
  return allRows(
    conn,
    'jobs in states',
    ACTIVE_JOB_ROW,
    `SELECT display_name AS displayName, project, region, kind, ${opts.labels ? 'labels' : "'{}' AS labels"},
            hourly_price AS hourlyPrice,
            unpriced_reason AS unpricedReason, start_time AS startTime, state
       FROM jobs WHERE state IN (${placeholders(states.length)}) AND gone_at IS NULL ORDER BY start_time`,
    ...states,
  );
}

/** Projects that appear in the resource tables (small), for recognizing bare project ids in questions. */
export function knownProjects(conn: Conn): string[] {
  // Jobs run to the hundred thousand over a few hundred projects: step from one project to the next through the
  // (project, region) index, one seek per project, instead of reading every job.
  return allRows(
    conn,
    'known projects',
    { project: 'text' },
    `WITH RECURSIVE p(project) AS (
       SELECT MIN(project) FROM jobs
       UNION ALL SELECT (SELECT MIN(project) FROM jobs WHERE project > p.project) FROM p WHERE p.project IS NOT NULL)
     SELECT project FROM p WHERE project IS NOT NULL UNION SELECT project FROM endpoints ORDER BY 1`,
  ).map((r) => r.project);
}

// The floors' building blocks: hand-written SQL over the same file the engine reads, computing the figures an
// answer states — billing spend per group and per day from the rollups of src/db/schema/rollups.ts (the best a
// hand-written query can read), catalog estimates after the billing export's last day per group (priced jobs ×
// hours run, deployments × measured replica-hours from the daily traffic rollup), the comparison period —
// with nothing the engine adds (parsing, wording, formatting). bench/questions.ts pairs them with the questions.
import type Database from 'better-sqlite3';
import { addDays, type Day, eachDay } from '../src/time/days.js';
import { BENCH_ACTUAL_THROUGH, BENCH_NOW } from './org.js';

export const NOW_MS = BENCH_NOW.getTime();
export const TODAY = BENCH_NOW.toISOString().slice(0, 10);
export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Active job states (the job's end is "now"), as the estimator counts them.
const ACTIVE_STATES = "('QUEUED','PENDING','RUNNING','CANCELLING','UPDATING','PAUSED')";

export interface Filters {
  project?: string;
  kind?: string;
  labels?: Record<string, string>;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function dayStartMs(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function whereOf(f: Filters): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.project) {
    clauses.push('project = ?');
    params.push(f.project);
  }
  if (f.kind) {
    clauses.push('kind = ?');
    params.push(f.kind);
  }
  for (const [k, v] of Object.entries(f.labels ?? {})) {
    clauses.push(`json_extract(labels, '$.${k}') = ?`);
    params.push(v);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

/** A billing group: a rollup column, or a label's values. */
export type Group = null | 'sku_description' | 'project' | 'location' | { label: string };

/**
 * Billing spend of [start, end) grouped by day and the group, from the rollup a hand-written query would pick
 * for the filters and group (src/db/schema/rollups.ts): both the daily series and the group rows. Grouping by a
 * label also reads the slice's total and series, which include spend without the label.
 */
function billed(db: Database.Database, start: Day, end: Day, f: Filters, group: Group) {
  const actualEnd = end < addDays(BENCH_ACTUAL_THROUGH, 1) ? end : addDays(BENCH_ACTUAL_THROUGH, 1);
  if (actualEnd <= start)
    return { total: 0, groups: new Map<string, number>(), daily: new Map<string, number>() };
  const clauses = ['day >= ?', 'day < ?'];
  const params: unknown[] = [start, actualEnd];
  if (f.kind) {
    clauses.push('kind = ?');
    params.push(f.kind);
  }
  const label = Object.entries(f.labels ?? {})[0];
  let table = 'billing_sku_daily';
  if (label) {
    table = 'billing_label_daily';
    clauses.push('label_key = ?', 'label_value = ?');
    params.push(...label);
  } else if (f.project) {
    table = 'billing_rollup_daily';
    clauses.push('project = ?');
    params.push(f.project);
  } else if (group === 'project') {
    table = 'billing_project_daily';
  }
  // Groups and the daily series each summed in SQL (a quarter by project is 200 + 90 rows, not 18,000).
  const sums = (from: string, key: string, where: string[], values: unknown[]) =>
    db
      .prepare(
        `SELECT ${key} AS key, SUM(net) AS cost FROM ${from} WHERE ${where.join(' AND ')} GROUP BY key`,
      )
      .all(...values) as Array<{ key: string | null; cost: number }>;
  const groups = new Map<string, number>();
  const daily = new Map<string, number>();
  let total = 0;
  for (const r of sums(table, 'day', clauses, params)) {
    total += r.cost;
    daily.set(r.key ?? '', r.cost);
  }
  if (typeof group === 'object' && group !== null) {
    for (const r of sums(
      'billing_label_daily',
      'label_value',
      ['label_key = ?', ...clauses],
      [group.label, ...params],
    ))
      groups.set(r.key ?? '', r.cost);
  } else if (group !== null) {
    for (const r of sums(table, group, clauses, params)) groups.set(r.key ?? '', r.cost);
  }
  return { total, groups, daily };
}

/** What an estimate is grouped by, as SQL over a resource's table (`t`: its alias): the group's column. */
function estimateGroup(group: Group, t: string): string {
  // The unary + keeps SQLite from walking a (project, …) index of every job for the grouping's order: the jobs
  // of a day are found through the end-time index, a few hundred of a hundred thousand.
  if (group === 'project') return `+${t}.project`;
  if (group === 'location') return `+${t}.region`;
  if (typeof group === 'object' && group !== null) return `json_extract(${t}.labels, '$.${group.label}')`;
  return "''"; // every estimate is one group (no grouping, or SKUs the export has not billed yet)
}

/**
 * Catalog estimate of [from, to) per group: priced jobs × overlapping hours, deployments × measured
 * replica-hours.
 */
function estimated(
  db: Database.Database,
  fromMs: number,
  toMs: number,
  f: Filters,
  group: Group,
): Map<string, number> {
  const from = iso(fromMs);
  const to = iso(toMs);
  const w = whereOf({ project: f.project, labels: f.labels });
  const jobKind =
    f.kind === 'training'
      ? " AND kind IN ('custom','hptuning','training_pipeline')"
      : f.kind === 'prediction'
        ? " AND kind = 'batch_prediction'"
        : f.kind === 'pipelines'
          ? " AND kind = 'pipeline'"
          : '';
  const out = new Map<string, number>();
  const add = (rows: unknown[]) => {
    for (const r of rows as Array<{ key: string | null; cost: number | null }>)
      out.set(r.key ?? '', (out.get(r.key ?? '') ?? 0) + (r.cost ?? 0));
  };
  add(
    db
      .prepare(
        `SELECT ${estimateGroup(group, 'j')} AS key,
                SUM(hourly_price * MAX(0, MIN(COALESCE(unixepoch(end_time), CASE WHEN state IN ${ACTIVE_STATES}
                  THEN ? ELSE unixepoch(last_seen) END), ?) - MAX(unixepoch(start_time), ?)) / 3600.0) AS cost
           FROM jobs j WHERE hourly_price IS NOT NULL AND start_time IS NOT NULL AND start_time < ?
            AND (end_time IS NULL OR end_time > ?)${w.sql}${jobKind}
          GROUP BY key`,
      )
      .all(toMs / 1000, toMs / 1000, fromMs / 1000, to, from, ...w.params),
  );
  if (f.kind && f.kind !== 'prediction') return out;
  const dw = whereOf({ project: f.project, labels: f.labels });
  const measured = replicaHours(fromMs, toMs);
  add(
    db
      .prepare(
        `SELECT ${estimateGroup(group, 'e')} AS key, SUM(d.hourly_price * t.replica_hours) AS cost
           FROM (${measured.sql}) t
           JOIN deployed_models d USING (endpoint_name, deployed_model_id)
           JOIN endpoints e ON e.name = d.endpoint_name
          WHERE d.hourly_price IS NOT NULL AND d.dedicated = 1${dw.sql.replaceAll('project', 'e.project').replaceAll('json_extract(labels', 'json_extract(e.labels')}
          GROUP BY key`,
      )
      .all(...measured.params, ...dw.params),
  );
  return out;
}

/**
 * Measured replica-hours per deployment over [from, to) as SQL with its parameters: a whole UTC day is its row of
 * the daily traffic rollup; a day cut at `to` (today, up to now) is its row too where the day's last recorded
 * hour lies before the cut, and its hours where not; anything else the hourly rows, per deployment through the
 * traffic key.
 */
function replicaHours(fromMs: number, toMs: number): { sql: string; params: string[] } {
  const day = iso(fromMs).slice(0, 10);
  if (fromMs % DAY_MS === 0 && toMs - fromMs === DAY_MS) {
    return {
      sql: 'SELECT endpoint_name, deployed_model_id, replicas AS replica_hours FROM traffic_daily WHERE day = ?',
      params: [day],
    };
  }
  if (fromMs % DAY_MS === 0 && toMs - fromMs < DAY_MS) {
    return {
      sql: `SELECT endpoint_name, deployed_model_id, replicas AS replica_hours FROM traffic_daily
             WHERE day = ? AND last_hour < ?
            UNION ALL
            SELECT t.endpoint_name, t.deployed_model_id, SUM(t.replicas) FROM traffic_daily r CROSS JOIN traffic_hourly t
                ON t.endpoint_name = r.endpoint_name AND t.deployed_model_id = r.deployed_model_id
               AND t.hour >= ? AND t.hour < ?
             WHERE r.day = ? AND r.last_hour >= ?
             GROUP BY t.endpoint_name, t.deployed_model_id`,
      params: [day, iso(toMs), iso(fromMs), iso(toMs), day, iso(toMs)],
    };
  }
  return {
    sql: `SELECT m.endpoint_name, m.deployed_model_id, SUM(t.replicas) AS replica_hours
            FROM deployed_models m JOIN traffic_hourly t
              ON t.endpoint_name = m.endpoint_name AND t.deployed_model_id = m.deployed_model_id
             AND t.hour >= ? AND t.hour < ?
           GROUP BY m.endpoint_name, m.deployed_model_id`,
    params: [iso(fromMs), iso(toMs)],
  };
}

/** Estimates per day and group for the days of [start, end) after the billing export's last day, up to now. */
function estimatedDays(
  db: Database.Database,
  start: Day,
  end: Day,
  f: Filters,
  group: Group,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const first = start > BENCH_ACTUAL_THROUGH ? start : addDays(BENCH_ACTUAL_THROUGH, 1);
  const last = end < addDays(TODAY, 1) ? end : addDays(TODAY, 1);
  if (first >= last) return out;
  for (const day of eachDay(first, last)) {
    out.set(day, estimated(db, dayStartMs(day), Math.min(NOW_MS, dayStartMs(addDays(day, 1))), f, group));
  }
  return out;
}

function previous(start: Day, end: Day): [Day, Day] {
  const days = eachDay(start, end).length;
  return [addDays(start, -days), start];
}

/** A spend question's floor: this period (rows, daily, estimates) and the previous one. */
export function spendFloor(start: Day, end: Day, f: Filters, group: Group, comparison?: [Day, Day]) {
  return (db: Database.Database) => {
    const current = billed(db, start, end, f, group);
    const currentEstimates = estimatedDays(db, start, end, f, group);
    const [ps, pe] = comparison ?? previous(start, end);
    const before = billed(db, ps, pe, f, group);
    const beforeEstimates = estimatedDays(db, ps, pe, f, group);
    return { current, currentEstimates, before, beforeEstimates };
  };
}

/**
 * Estimated cost per endpoint and per day over [start, end) and over the period before it (the answer compares
 * the two), from replica-hours: whole days from the daily traffic rollup, today's hours as replicaHours reads
 * them.
 */
export function endpointFloor(start: Day, end: Day) {
  const costOf = (
    rows: string,
  ) => `SELECT e.display_name AS endpoint, t.day, d.hourly_price * t.replicas AS cost
           FROM (${rows}) t
           JOIN deployed_models d USING (endpoint_name, deployed_model_id)
           JOIN endpoints e ON e.name = d.endpoint_name
          WHERE d.hourly_price IS NOT NULL AND d.dedicated = 1`;
  const today = replicaHours(dayStartMs(TODAY), NOW_MS);
  return (db: Database.Database) =>
    ([[start, end], previous(start, end)] as Array<[Day, Day]>).map(([from, to]) => {
      const rows = `SELECT endpoint_name, deployed_model_id, day, replicas FROM traffic_daily WHERE day >= ? AND day < ?
        UNION ALL SELECT endpoint_name, deployed_model_id, '${TODAY}', replica_hours FROM (${today.sql})
         WHERE ? <= '${TODAY}' AND ? > '${TODAY}'`;
      const params = [from, [to, TODAY].sort()[0], ...today.params, from, to];
      return {
        endpoints: db
          .prepare(`SELECT endpoint, SUM(cost) FROM (${costOf(rows)}) GROUP BY endpoint`)
          .all(...params),
        days: db.prepare(`SELECT day, SUM(cost) FROM (${costOf(rows)}) GROUP BY day`).all(...params),
      };
    });
}

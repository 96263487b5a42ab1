// The representative questions, each with its floor: hand-written SQL that computes the same figures the answer
// states (period total and rows, the comparison period, the daily series, catalog estimates after the billing
// export's last day) straight from the tables (billing figures from the rollups of src/db/schema/rollups.ts, the
// best a hand-written query can read), with nothing the engine adds (parsing, wording, formatting).
import type Database from 'better-sqlite3';
import { addDays, type Day, eachDay } from '../src/time/days.js';
import { BENCH_ACTUAL_THROUGH, BENCH_NOW, modelName, projectId } from './org.js';

export interface BenchQuestion {
  text: string;
  /** What the question stands for in the figures table. */
  shape: string;
  floor(db: Database.Database): unknown;
}

const NOW_MS = BENCH_NOW.getTime();
const TODAY = BENCH_NOW.toISOString().slice(0, 10);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Active job states (the job's end is "now"), as the estimator counts them.
const ACTIVE_STATES = "('QUEUED','PENDING','RUNNING','CANCELLING','UPDATING','PAUSED')";

interface Filters {
  project?: string;
  kind?: string;
  labels?: Record<string, string>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dayStartMs(day: Day): number {
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
type Group = null | 'sku_description' | 'project' | 'location' | { label: string };

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

/** Catalog estimate of [from, to): priced jobs × overlapping hours, deployments × measured replica-hours. */
function estimated(db: Database.Database, fromMs: number, toMs: number, f: Filters): number {
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
  const jobs = db
    .prepare(
      `SELECT SUM(hourly_price * MAX(0, MIN(COALESCE(unixepoch(end_time), CASE WHEN state IN ${ACTIVE_STATES}
                THEN ? ELSE unixepoch(last_seen) END), ?) - MAX(unixepoch(start_time), ?)) / 3600.0) AS cost
         FROM jobs WHERE hourly_price IS NOT NULL AND start_time IS NOT NULL AND start_time < ?
          AND (end_time IS NULL OR end_time > ?)${w.sql}${jobKind}`,
    )
    .get(toMs / 1000, toMs / 1000, fromMs / 1000, to, from, ...w.params) as { cost: number | null };
  if (f.kind && f.kind !== 'prediction') return jobs.cost ?? 0;
  const dw = whereOf({ project: f.project, labels: f.labels });
  const measured = replicaHours(fromMs, toMs);
  const serving = db
    .prepare(
      `SELECT SUM(d.hourly_price * t.replica_hours) AS cost
         FROM (${measured.sql}) t
         JOIN deployed_models d USING (endpoint_name, deployed_model_id)
         JOIN (SELECT name, project, labels FROM endpoints) e ON e.name = d.endpoint_name
        WHERE d.hourly_price IS NOT NULL AND d.dedicated = 1${dw.sql.replaceAll('project', 'e.project').replaceAll('json_extract(labels', 'json_extract(e.labels')}`,
    )
    .get(...measured.params, ...dw.params) as { cost: number | null };
  return (jobs.cost ?? 0) + (serving.cost ?? 0);
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

/** Estimates per day for the days of [start, end) after the billing export's last day, up to now. */
function estimatedDays(db: Database.Database, start: Day, end: Day, f: Filters): Map<string, number> {
  const out = new Map<string, number>();
  const first = start > BENCH_ACTUAL_THROUGH ? start : addDays(BENCH_ACTUAL_THROUGH, 1);
  const last = end < addDays(TODAY, 1) ? end : addDays(TODAY, 1);
  if (first >= last) return out;
  for (const day of eachDay(first, last)) {
    out.set(day, estimated(db, dayStartMs(day), Math.min(NOW_MS, dayStartMs(addDays(day, 1))), f));
  }
  return out;
}

function previous(start: Day, end: Day): [Day, Day] {
  const days = eachDay(start, end).length;
  return [addDays(start, -days), start];
}

/** A spend question's floor: this period (rows, daily, estimates) and the previous one. */
function spendFloor(start: Day, end: Day, f: Filters, group: Group, comparison?: [Day, Day]) {
  return (db: Database.Database) => {
    const current = billed(db, start, end, f, group);
    const currentEstimates = estimatedDays(db, start, end, f);
    const [ps, pe] = comparison ?? previous(start, end);
    const before = billed(db, ps, pe, f, group);
    const beforeEstimates = estimatedDays(db, ps, pe, f);
    return { current, currentEstimates, before, beforeEstimates };
  };
}

/**
 * Estimated cost per endpoint and per day over [start, end) and over the period before it (the answer compares
 * the two), from replica-hours: whole days from the daily traffic rollup, today's hours as replicaHours reads
 * them.
 */
function endpointFloor(start: Day, end: Day) {
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

const LAST_WEEK: [Day, Day] = ['2026-11-16', '2026-11-23'];
const THIS_WEEK: [Day, Day] = ['2026-11-23', '2026-11-29'];
const THIS_MONTH: [Day, Day] = ['2026-11-01', '2026-11-29'];
const LAST_MONTH: [Day, Day] = ['2026-10-01', '2026-11-01'];
const LAST_30_DAYS: [Day, Day] = ['2026-10-29', '2026-11-28'];
const LAST_QUARTER: [Day, Day] = ['2026-07-01', '2026-10-01'];
const THIS_QUARTER: [Day, Day] = ['2026-10-01', '2026-11-29'];
const THIS_YEAR: [Day, Day] = ['2026-01-01', '2026-11-29'];
const YESTERDAY: [Day, Day] = ['2026-11-27', '2026-11-28'];
const TEAM = { label: 'team' };

export function benchQuestions(): BenchQuestion[] {
  const project = projectId(1);
  const model = modelName(0, 0);
  return [
    {
      text: 'how much did we spend this month?',
      shape: 'total, month to date',
      floor: spendFloor(...THIS_MONTH, {}, null),
    },
    {
      text: 'vertex spend yesterday',
      shape: 'total, one estimated day',
      floor: spendFloor(...YESTERDAY, {}, null),
    },
    {
      text: 'how much did we spend on training last week?',
      shape: 'total, kind filter',
      floor: spendFloor(...LAST_WEEK, { kind: 'training' }, null),
    },
    { text: 'spend last 30 days', shape: 'total, 30 days', floor: spendFloor(...LAST_30_DAYS, {}, null) },
    { text: 'spend this year', shape: 'total, year to date', floor: spendFloor(...THIS_YEAR, {}, null) },
    { text: 'spend by team this month', shape: 'group by label', floor: spendFloor(...THIS_MONTH, {}, TEAM) },
    {
      text: 'spend by sku last month',
      shape: 'group by sku',
      floor: spendFloor(...LAST_MONTH, {}, 'sku_description'),
    },
    {
      text: 'spend by project this quarter',
      shape: 'group by project',
      floor: spendFloor(...THIS_QUARTER, {}, 'project'),
    },
    {
      text: 'spend by region this year',
      shape: 'group by region, year',
      floor: spendFloor(...THIS_YEAR, {}, 'location'),
    },
    {
      text: 'spend by env last quarter',
      shape: 'group by label, quarter',
      floor: spendFloor(...LAST_QUARTER, {}, { label: 'env' }),
    },
    {
      text: 'top 5 projects last 30 days',
      shape: 'top-N projects',
      floor: spendFloor(...LAST_30_DAYS, {}, 'project'),
    },
    {
      text: 'top 3 skus this month',
      shape: 'top-N SKUs',
      floor: spendFloor(...THIS_MONTH, {}, 'sku_description'),
    },
    {
      text: 'compare last week to the week before',
      shape: 'compare by SKU',
      floor: spendFloor(...LAST_WEEK, {}, 'sku_description'),
    },
    {
      text: 'this month vs last month by project',
      shape: 'compare by project',
      floor: spendFloor(...THIS_MONTH, {}, 'project', LAST_MONTH),
    },
    {
      text: 'spend for team:search this month by sku',
      shape: 'label filter + group',
      floor: spendFloor(...THIS_MONTH, { labels: { team: 'search' } }, 'sku_description'),
    },
    {
      text: `spend for project:${project} since Nov 3 by sku`,
      shape: 'project filter + group',
      floor: spendFloor('2026-11-03', '2026-11-29', { project }, 'sku_description'),
    },
    {
      text: 'top 5 endpoints by cost this week',
      shape: 'top-N endpoints (estimated)',
      floor: endpointFloor(...THIS_WEEK),
    },
    {
      text: `cost per 1k predictions for ${model}`,
      shape: 'unit cost',
      floor: (db) => {
        const from = iso(dayStartMs(THIS_MONTH[0]));
        const to = iso(NOW_MS);
        return db
          .prepare(
            `SELECT SUM(d.hourly_price * t.replicas) AS cost, SUM(t.predictions) AS predictions
               FROM deployed_models d JOIN traffic_hourly t USING (endpoint_name, deployed_model_id)
              WHERE d.display_name = ? AND t.hour >= ? AND t.hour < ?`,
          )
          .get(model, from, to);
      },
    },
    {
      text: "what's running right now?",
      shape: 'running resources',
      floor: (db) => [
        db
          .prepare(
            `SELECT display_name, project, region, hourly_price, start_time FROM jobs
              WHERE state IN ('QUEUED','PENDING','RUNNING','CANCELLING','UPDATING') ORDER BY start_time`,
          )
          .all(),
        db
          .prepare(
            `SELECT e.display_name, d.display_name, d.hourly_price * d.min_replicas AS per_hour
               FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
              WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1`,
          )
          .all(),
      ],
    },
    {
      text: 'which endpoints are idle?',
      shape: 'idle endpoints (72 h)',
      floor: (db) => {
        // The 72 hours before now: deployments a day of the rollup inside the window shows serving are left out
        // (today's row counts when its hours lie before now); the others' traffic is summed, the cut days hour
        // by hour.
        const fromMs = NOW_MS - 72 * HOUR_MS;
        const firstDay = iso(fromMs).slice(0, 10);
        return db
          .prepare(
            `WITH served AS (SELECT endpoint_name, deployed_model_id FROM traffic_daily
                              WHERE predictions > 0 AND ((day > ? AND day < ?) OR (day = ? AND last_hour < ?))),
                  candidates AS (SELECT d.endpoint_name, d.deployed_model_id, d.hourly_price, d.min_replicas
                                   FROM deployed_models d JOIN endpoints e ON e.name = d.endpoint_name
                                  WHERE d.undeployed_at IS NULL AND e.gone_at IS NULL AND d.dedicated = 1
                                    AND e.traffic_visibility = 'prediction_count'
                                    AND (d.endpoint_name, d.deployed_model_id) NOT IN (SELECT * FROM served))
             SELECT c.endpoint_name, c.deployed_model_id, c.hourly_price * c.min_replicas * 24 AS per_day,
                    COUNT(t.hour) AS hours
               FROM candidates c JOIN traffic_hourly t
                 ON t.endpoint_name = c.endpoint_name AND t.deployed_model_id = c.deployed_model_id
                AND t.hour >= ? AND t.hour < ?
              GROUP BY c.endpoint_name, c.deployed_model_id HAVING SUM(t.predictions) = 0`,
          )
          .all(firstDay, TODAY, TODAY, iso(NOW_MS), iso(fromMs), iso(NOW_MS));
      },
    },
  ];
}

// The representative questions, each with its floor: hand-written SQL that computes the same figures the answer
// states (bench/floors.ts), with nothing the engine adds (parsing, wording, formatting).
import type Database from 'better-sqlite3';
import type { Day } from '../src/time/days.js';
import { dayStartMs, endpointFloor, HOUR_MS, iso, NOW_MS, spendFloor, TODAY } from './floors.js';
import { modelName, projectId } from './org.js';

export interface BenchQuestion {
  text: string;
  /** What the question stands for in the figures table. */
  shape: string;
  floor(db: Database.Database): unknown;
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

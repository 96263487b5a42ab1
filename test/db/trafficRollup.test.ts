// traffic_daily (src/db/schema/rollups.ts) must equal a GROUP BY over traffic_hourly whatever wrote it: the sync's
// upserts (one metric at a time, new hours and changed values), plain SQL updates that change a value, move an
// hour to another day or rename a deployment, deletes, and the backfill the migration runs over rows that
// predate it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openStore, type Store } from '../../src/db/open.js';
import { upsertTrafficPoint } from '../../src/db/queries/traffic.js';
import { eachTrafficSum, type TrafficMeasure } from '../../src/db/queries/trafficDaily.js';

const EXPECTED = `SELECT substr(hour, 1, 10) AS day, endpoint_name, deployed_model_id, COUNT(*) AS hours,
    COALESCE(SUM(predictions), 0) AS predictions, COALESCE(SUM(replicas), 0) AS replicas,
    COUNT(replicas) AS replica_hours, MIN(hour) AS first_hour, MAX(hour) AS last_hour
  FROM traffic_hourly GROUP BY substr(hour, 1, 10), endpoint_name, deployed_model_id`;

type Row = Record<string, string | number>;
const keyOf = (r: Row) => `${r.day}|${r.endpoint_name}|${r.deployed_model_id}`;

function expectRollupExact(store: Store): void {
  const expected = new Map((store.sqlite.prepare(EXPECTED).all() as Row[]).map((r) => [keyOf(r), r]));
  const actual = store.sqlite.prepare('SELECT * FROM traffic_daily').all() as Row[];
  expect(actual.map(keyOf).sort()).toEqual([...expected.keys()].sort());
  for (const row of actual) {
    const want = expected.get(keyOf(row)) as Row;
    for (const column of ['hours', 'replica_hours', 'first_hour', 'last_hour'])
      expect(row[column], `${keyOf(row)} ${column}`).toBe(want[column]);
    for (const column of ['predictions', 'replicas'])
      expect(row[column] as number, `${keyOf(row)} ${column}`).toBeCloseTo(want[column] as number, 9);
  }
}

const EP = 'projects/p/locations/us-central1/endpoints/1';
const hour = (day: string, h: number) => `${day}T${String(h).padStart(2, '0')}:00:00Z`;

/** What a sync pass writes: predictions for every third hour, replicas for every other one of those. */
function syncWrites(store: Store, scale: number): void {
  for (const day of ['2026-11-01', '2026-11-02']) {
    for (const model of ['10', '11']) {
      for (let h = 0; h < 24; h += 3) {
        upsertTrafficPoint(store, 'prediction_count', EP, model, hour(day, h), (h + 1) * 10 * scale);
        if (h % 2 === 0)
          upsertTrafficPoint(store, 'replicas', EP, model, hour(day, h), 1.5 + (h % 4) * scale);
      }
    }
  }
}

function rollupRows(store: Store): number {
  return (store.sqlite.prepare('SELECT COUNT(*) AS n FROM traffic_daily').get() as { n: number }).n;
}

describe('the daily traffic rollup', () => {
  it('equals a GROUP BY over traffic_hourly after the sync writes, changed values, updates and deletes', () => {
    const store = openStore(':memory:');
    try {
      syncWrites(store, 1);
      expectRollupExact(store);
      expect(rollupRows(store)).toBe(4);
      // The next pass: changed values for the same hours, and a private endpoint's responses (not rolled up).
      syncWrites(store, 2);
      upsertTrafficPoint(store, 'private_response_count', EP, '10', hour('2026-11-01', 5), 7);
      expectRollupExact(store);
      const sql = (statement: string) => store.sqlite.exec(statement);
      // A measurement removed, a value changed, an hour moved to a day of its own and to the first hour of
      // another, a model renamed, one hour deleted, then a whole day.
      sql(`UPDATE traffic_hourly SET replicas = NULL WHERE hour = '${hour('2026-11-01', 0)}'`);
      expectRollupExact(store);
      sql(`UPDATE traffic_hourly SET predictions = 0 WHERE deployed_model_id = '11'`);
      expectRollupExact(store);
      sql(
        `UPDATE traffic_hourly SET hour = '${hour('2026-11-03', 5)}' WHERE hour = '${hour('2026-11-02', 21)}' AND deployed_model_id = '10'`,
      );
      expectRollupExact(store);
      sql(
        `UPDATE traffic_hourly SET hour = '${hour('2026-11-02', 0)}' WHERE hour = '${hour('2026-11-01', 23)}'`,
      );
      expectRollupExact(store);
      sql(`UPDATE traffic_hourly SET deployed_model_id = '12' WHERE deployed_model_id = '11'`);
      expectRollupExact(store);
      sql(`DELETE FROM traffic_hourly WHERE hour = '${hour('2026-11-02', 0)}' AND deployed_model_id = '10'`);
      expectRollupExact(store);
      sql("DELETE FROM traffic_hourly WHERE hour LIKE '2026-11-01%'");
      expectRollupExact(store);
      sql('DELETE FROM traffic_hourly');
      expect(rollupRows(store)).toBe(0);
    } finally {
      store.close();
    }
  });

  it("is backfilled by the migration's statement over rows already there", () => {
    const store = openStore(':memory:');
    try {
      syncWrites(store, 1);
      syncWrites(store, 3);
      store.sqlite.exec('DELETE FROM traffic_daily');
      const migration = readFileSync(join(MIGRATIONS_FOLDER, '0014_traffic_daily.sql'), 'utf8');
      const backfill = migration
        .split('--> statement-breakpoint')
        .map((s) => s.replace(/^--.*$/gm, '').trim())
        .filter((s) => s.startsWith('INSERT'));
      expect(backfill).toHaveLength(1);
      for (const statement of backfill) store.sqlite.exec(statement);
      expectRollupExact(store);
    } finally {
      store.close();
    }
  });
});

/** The measure over [from, to) per deployment, straight from the hourly rows. */
function hourlySum(store: Store, model: string, from: string, to: string, measure: TrafficMeasure) {
  const sql =
    measure === 'replicas'
      ? 'SELECT COALESCE(SUM(replicas), 0) AS a, COUNT(replicas) AS b'
      : 'SELECT COUNT(*) AS a, COALESCE(SUM(predictions), 0) AS b';
  return store.sqlite
    .prepare(
      `${sql} FROM traffic_hourly WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? AND hour < ?`,
    )
    .get(EP, model, from, to) as { a: number; b: number };
}

describe('traffic sums over ranges', () => {
  it('equal the hourly rows summed, whether days are read whole, cut or hour by hour, by seek or by scan', () => {
    const store = openStore(':memory:');
    try {
      syncWrites(store, 1);
      // A third day recorded only until 10:00 (as today is, before now) and one starting late.
      for (const model of ['10', '11']) {
        for (let h = 0; h < 10; h++)
          upsertTrafficPoint(store, 'replicas', EP, model, hour('2026-11-03', h), h / 2);
        for (let h = 20; h < 24; h++)
          upsertTrafficPoint(store, 'prediction_count', EP, model, hour('2026-10-31', h), h);
      }
      const models = [['10'], ['11'], ['12']].map(([id]) => [EP, id as string] as const);
      const ranges: Array<[string, string]> = [
        ['2026-10-31T00:00:00Z', '2026-11-04T00:00:00Z'], // whole days
        ['2026-11-01T05:00:00Z', '2026-11-02T13:00:00Z'], // days cut on both sides
        ['2026-11-03T00:00:00Z', '2026-11-03T12:00:00Z'], // a day cut after its last hour
        ['2026-10-31T21:00:00Z', '2026-11-01T00:00:00Z'], // a day cut between its hours
        ['2026-11-02T00:00:00Z', '2026-11-02T00:00:00Z'], // empty
        ['', ''],
      ];
      for (const measure of ['replicas', 'predictions'] as const) {
        for (const scanDays of [true, false]) {
          const got = new Map<string, [number, number]>();
          eachTrafficSum(store, models, ranges, { measure, scanDays }, (d, r, a, b) => {
            const sum = got.get(`${d}|${r}`) ?? [0, 0];
            got.set(`${d}|${r}`, [sum[0] + a, sum[1] + b]);
          });
          models.forEach(([, model], d) => {
            ranges.forEach(([from, to], r) => {
              const want = from === '' ? { a: 0, b: 0 } : hourlySum(store, model, from, to, measure);
              const [a, b] = got.get(`${d}|${r}`) ?? [0, 0];
              const where = `${measure}, ${scanDays ? 'scan' : 'seek'}, model ${model}, range ${r}`;
              expect(a, where).toBeCloseTo(want.a, 9);
              expect(b, where).toBeCloseTo(want.b, 9);
            });
          });
        }
      }
    } finally {
      store.close();
    }
  });
});

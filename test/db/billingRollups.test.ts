// The billing rollups (src/db/schema/rollups.ts) must equal GROUP BYs over billing_daily whatever wrote it: the
// sync's upserts (new rows and changed costs), the re-ingest delete of stale rows, plain SQL, and the backfill
// the migration runs over rows that predate it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleBillingRows, writeBillingRows } from '../../src/collect/writeBilling.js';
import { MIGRATIONS_FOLDER, openStore, type Store } from '../../src/db/open.js';
import type { BillingAggregateRow } from '../../src/gcp/types.js';

const AMOUNTS = 'SUM(cost) AS cost, SUM(credits) AS credits, SUM(cost + credits) AS net, COUNT(*) AS rows';
const EXPECTED: Record<string, string> = {
  billing_rollup_daily: `SELECT day, project, location, kind, sku_description, ${AMOUNTS} FROM billing_daily
    GROUP BY day, project, location, kind, sku_description`,
  billing_sku_daily: `SELECT day, location, kind, sku_description, ${AMOUNTS} FROM billing_daily
    GROUP BY day, location, kind, sku_description`,
  billing_project_daily: `SELECT day, project, ${AMOUNTS} FROM billing_daily GROUP BY day, project`,
  billing_label_daily: `SELECT j.key AS label_key, day, j.value AS label_value, location, kind, sku_description,
      SUM(cost) AS cost, SUM(credits) AS credits, SUM(cost + credits) AS net, COUNT(*) AS rows
    FROM billing_daily, json_each(labels) j GROUP BY j.key, day, j.value, location, kind, sku_description`,
};

type Row = Record<string, string | number>;

function sorted(rows: Row[]): Row[] {
  return rows.sort((a, b) =>
    JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))),
  );
}

function expectRollupsExact(store: Store): void {
  for (const [table, sql] of Object.entries(EXPECTED)) {
    const expected = sorted(store.sqlite.prepare(sql).all() as Row[]);
    const actual = sorted(store.sqlite.prepare(`SELECT * FROM ${table}`).all() as Row[]);
    expect(actual.length, table).toBe(expected.length);
    for (const [i, row] of actual.entries()) {
      const want = expected[i] as Row;
      for (const [column, value] of Object.entries(want)) {
        if (typeof value === 'number' && column !== 'rows')
          expect(row[column], `${table}.${column}`).toBeCloseTo(value, 9);
        else expect(row[column], `${table}.${column}`).toBe(value);
      }
    }
  }
}

function row(
  day: string,
  project: string,
  sku: string,
  labels: Record<string, string>,
  cost: number,
): BillingAggregateRow {
  return {
    day,
    project,
    service: 'Vertex AI',
    skuId: sku,
    skuDescription:
      sku === 'T' ? 'Vertex AI: Custom Training A2 Instance Core' : 'Vertex AI: Online Prediction Core',
    location: 'us-central1',
    labels,
    vertexProduct: null,
    pipelineRun: false,
    cost,
    credits: -cost / 10,
    currency: 'USD',
    usageAmount: 0,
    usageUnit: null,
  };
}

function rows(): BillingAggregateRow[] {
  const out: BillingAggregateRow[] = [];
  for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
    for (const project of ['ml-prod', 'ml-dev']) {
      out.push(row(day, project, 'T', { team: 'search', env: 'prod' }, 10.25));
      out.push(row(day, project, 'T', { team: 'ads' }, 3.5));
      out.push(row(day, project, 'P', { team: 'search', model: 'ranker' }, 7.125));
      out.push(row(day, project, 'P', {}, 1.75));
    }
  }
  return out;
}

describe('billing rollups', () => {
  it('equal a GROUP BY over billing_daily after inserts, changed costs and deletes', () => {
    const store = openStore(':memory:');
    try {
      const initial = rows();
      writeBillingRows(store.sqlite, initial, { ingestedAt: '2026-11-04T00:00:00Z' });
      expectRollupsExact(store);

      // Re-ingest with changed costs (an upsert that updates) and a label moved (a new key).
      const changed = initial.map((r, i) => (i % 3 === 0 ? { ...r, cost: r.cost * 2, credits: 0 } : r));
      const moved = changed.map((r) => (r.labels.team === 'ads' ? { ...r, labels: { team: 'infra' } } : r));
      writeBillingRows(store.sqlite, moved, { ingestedAt: '2026-11-05T00:00:00Z' });
      expectRollupsExact(store);

      // The stale "ads" rows go, and with them their groups.
      const seen = new Set(
        moved.map((r) =>
          [
            r.day,
            r.project,
            r.service,
            r.skuId,
            r.location,
            Object.entries(r.labels)
              .sort()
              .map(([k, v]) => `${k}=${v}`)
              .join(';'),
            r.skuId === 'T' ? 'training' : 'prediction',
          ].join('\u0000'),
        ),
      );
      expect(removeStaleBillingRows(store.sqlite, '2026-11-01', '2026-11-04', seen)).toBe(6);
      expectRollupsExact(store);
      expect(
        store.sqlite.prepare("SELECT COUNT(*) AS n FROM billing_label_daily WHERE label_value = 'ads'").get(),
      ).toEqual({ n: 0 });

      // Plain SQL: an update moving rows to another project and kind, then deleting a whole day.
      store.sqlite.exec(
        "UPDATE billing_daily SET project = 'ml-new', kind = 'other' WHERE sku_id = 'P' AND day = '2026-11-02' AND project = 'ml-dev'",
      );
      expectRollupsExact(store);
      store.sqlite.exec("DELETE FROM billing_daily WHERE day = '2026-11-01'");
      expectRollupsExact(store);
      store.sqlite.exec('DELETE FROM billing_daily');
      for (const table of Object.keys(EXPECTED)) {
        expect(store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      }
    } finally {
      store.close();
    }
  });

  it('stay exact through the rebuild that made the kind part of the key, and after it', () => {
    const store = openStore(':memory:');
    try {
      writeBillingRows(store.sqlite, rows(), { ingestedAt: '2026-11-04T00:00:00Z' });
      // The migration again, over a table that already has rows: copied, triggers dropped and created anew.
      const migration = readFileSync(join(MIGRATIONS_FOLDER, '0010_billing_kind_in_key.sql'), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint')) store.sqlite.exec(statement);
      // Later migrations that add columns to billing_daily, over the rebuilt table.
      for (const file of readdirSync(MIGRATIONS_FOLDER).sort()) {
        if (!file.endsWith('.sql') || file <= '0005_billing_kind_in_key.sql') continue;
        const later = readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8');
        for (const statement of later.split('--> statement-breakpoint')) {
          if (/^\s*ALTER TABLE `billing_daily` ADD/.test(statement)) store.sqlite.exec(statement);
        }
      }
      expectRollupsExact(store);
      // The triggers work on the rebuilt table: a pipeline step on the training SKU is a row of its own.
      const pipelineStep = { ...rows()[0]!, pipelineRun: true, cost: 2 };
      writeBillingRows(store.sqlite, [pipelineStep], { ingestedAt: '2026-11-05T00:00:00Z' });
      expectRollupsExact(store);
      expect(
        store.sqlite
          .prepare(
            "SELECT kind, cost FROM billing_daily WHERE day = '2026-11-01' AND project = 'ml-prod' AND sku_id = 'T' AND label_key = 'env=prod;team=search' ORDER BY kind",
          )
          .all(),
      ).toEqual([
        { kind: 'pipelines', cost: 2 },
        { kind: 'training', cost: 10.25 },
      ]);
    } finally {
      store.close();
    }
  });

  it("are backfilled by the migration's statements over rows already there", () => {
    const store = openStore(':memory:');
    try {
      writeBillingRows(store.sqlite, rows(), { ingestedAt: '2026-11-04T00:00:00Z' });
      for (const table of Object.keys(EXPECTED)) store.sqlite.exec(`DELETE FROM ${table}`);
      const migration = readFileSync(join(MIGRATIONS_FOLDER, '0003_billing_rollups.sql'), 'utf8');
      const backfill = migration
        .split('--> statement-breakpoint')
        .map((s) => s.replace(/^--.*$/gm, '').trim())
        .filter((s) => s.startsWith('INSERT'));
      expect(backfill).toHaveLength(4);
      for (const statement of backfill) store.sqlite.exec(statement);
      expectRollupsExact(store);
    } finally {
      store.close();
    }
  });
});

// sync against the simulator running the demo scenario, through the real Google clients.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { formatSyncSummary } from '../../src/collect/summary.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import type { Config } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { KV_KEYS, readKv } from '../../src/db/queries/syncState.js';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, type SimHarness, silentLog, startHarness } from '../gcp/simHarness.js';
import { DEMO_NOW, demoConfig, demoScenario } from './demoSync.js';

let harness: SimHarness;
let gcp: Gcp;
let store: Store;
const config = demoConfig();

beforeAll(async () => {
  harness = await startHarness(demoScenario(), DEMO_NOW);
  gcp = gcpFor(harness.url, config);
});

afterAll(async () => {
  await gcp.close();
  await harness.close();
});

beforeEach(async () => {
  await harness.reset();
  store?.close();
  store = openStore(':memory:');
});

const pass = (withConfig: Config = config, client: Gcp = gcp) =>
  runSyncPass({ store, gcp: client, config: withConfig, clock: fixedClock(DEMO_NOW), log: silentLog });

const count = (table: string, where = '1 = 1') =>
  (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;

describe('sync against the demo scenario', () => {
  it('fills the database, and a second pass writes nothing', async () => {
    const first = await pass();
    expect(first.scopes.filter((s) => !s.ok)).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.scopes.map((s) => s.scope)).toEqual(
      expect.arrayContaining([
        'catalog',
        'billing',
        'vertex ml-prod/asia-northeast1',
        'monitoring ml-platform',
      ]),
    );
    expect(count('catalog_prices')).toBeGreaterThan(30);
    expect(count('jobs')).toBeGreaterThan(40);
    expect(count('job_snapshots')).toBe(count('jobs'));
    expect(count('endpoints')).toBe(13);
    // 13 endpoints: experiments-eu has two models and search-ranker two (ranker-v14 and its canary).
    expect(count('deployed_models')).toBe(15);
    expect(count('deployed_model_snapshots')).toBe(15);
    expect(
      store.sqlite
        .prepare(
          `SELECT d.display_name AS model, d.traffic_percent AS percent FROM deployed_models d
             JOIN endpoints e ON e.name = d.endpoint_name WHERE e.display_name = 'search-ranker' ORDER BY 1`,
        )
        .all(),
    ).toEqual([
      { model: 'ranker-v14', percent: 90 },
      { model: 'ranker-v15-canary', percent: 10 },
    ]);
    expect(count('traffic_hourly')).toBeGreaterThan(1000);
    // Hours in the one stored form, to the second: windows compare with them as strings.
    expect(
      count('traffic_hourly', "hour NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:00:00Z'"),
    ).toBe(0);
    expect(count('billing_daily')).toBeGreaterThan(500);
    // Traffic (2 metrics) in each of the 3 projects, and resource use (4 metrics) in each, since every demo project
    // has a model deployed on accelerators.
    expect(count('telemetry_coverage', 'last_error IS NULL')).toBe(3 * (2 + 4));
    expect(count('utilization_hourly', 'accelerator_duty_cycle IS NOT NULL')).toBeGreaterThan(500);
    expect(first.totals.bytesScanned).toBeGreaterThan(0);
    expect(readKv(store.sqlite, KV_KEYS.billingActualThrough)).toMatch(/^2026-11-2\d$/);

    const a100 = store.sqlite
      .prepare(
        `SELECT hourly_price AS price, price_source AS source FROM jobs WHERE display_name = 'recsys-two-tower-a100'`,
      )
      .get() as { price: number; source: string };
    // a2-highgpu-1g on demand: 12 vCPU, 85 GiB and one A100 at Vertex AI's own SKUs, with no fee on top.
    expect(a100.price).toBeCloseTo(12 * 0.0363527 + 85 * 0.00487255 + 3.3739942, 9);
    expect(a100.source).toBe('catalog 2026-11-28');
    // g2-standard-24 with 2 L4s on Spot: Compute Engine's Spot SKUs plus Vertex AI's training fee on each part.
    const spotG2 = store.sqlite
      .prepare(
        `SELECT hourly_price AS price, unpriced_reason AS reason FROM jobs WHERE display_name = 'llm-finetune-l4'`,
      )
      .get() as { price: number | null; reason: string | null };
    expect(spotG2.reason).toBeNull();
    expect(spotG2.price).toBeCloseTo(
      24 * (0.009956 + 0.0037335) + 96 * (0.0011664 + 0.0004374) + 2 * (0.2241 + 0.0840317),
      9,
    );
    // Compute Engine's machine SKUs are stored beside Vertex AI's: Spot ones, and the on-demand one that prices
    // reserved capacity.
    expect(count('catalog_prices', `service = 'Compute Engine'`)).toBeGreaterThan(5);
    expect(
      store.sqlite
        .prepare(
          `SELECT description FROM catalog_prices
            WHERE service = 'Compute Engine' AND description NOT LIKE '%Spot Preemptible%'`,
        )
        .all(),
    ).toEqual([{ description: 'N1 Predefined Instance Core running in Americas' }]);

    const second = await pass();
    expect(second.ok).toBe(true);
    expect(second.totals.rowsWritten).toBe(0);
    expect(second.scopes.every((s) => s.rowsWritten === 0)).toBe(true);
  });

  it('asks Monitoring exactly once per project and metric', async () => {
    await pass();
    const monitoring = (await harness.requests()).filter((r) => r.path.includes('/timeSeries'));
    // Two traffic metrics everywhere, four resource-use metrics where models run on accelerators (every project here).
    expect(monitoring).toHaveLength(config.google.projects.length * (2 + 4));
    const asked = monitoring.map((r) => `${r.path} ${new URLSearchParams(r.query ?? '').get('filter')}`);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('records a model undeployed since the last pass, with a snapshot', async () => {
    await pass();
    const [endpoint, id] = store.sqlite
      .prepare(
        `SELECT endpoint_name AS e, deployed_model_id AS d FROM deployed_models WHERE display_name = 'summarizer-t5-base'`,
      )
      .raw()
      .get() as [string, string];
    expect((await gcp.vertex.undeployModel(endpoint, id, 10_000)).status).toBe('succeeded');
    const second = await runSyncPass({
      store,
      gcp,
      config,
      clock: fixedClock(new Date(DEMO_NOW.getTime() + 60_000)),
      log: silentLog,
    });
    expect(second.ok).toBe(true);
    const row = store.sqlite
      .prepare(
        'SELECT undeployed_at AS at FROM deployed_models WHERE endpoint_name = ? AND deployed_model_id = ?',
      )
      .get(endpoint, id) as { at: string | null };
    expect(row.at).toBe('2026-11-28T09:01:00.000Z');
    expect(count('deployed_model_snapshots', `endpoint_name = '${endpoint}' AND deployed = 0`)).toBe(1);
  });
});

describe('sync under faults', () => {
  it('completes despite 5 % errors, 429s and a slow method, and names any scope that still failed', async () => {
    await harness.setFaults({
      rules: [
        { path: '/batchPredictionJobs$', latencyMs: 2000 },
        { path: '^/v1/', code: 429, count: 6, seed: 3 },
        { errorRate: 0.05, code: 503, seed: 11 },
      ],
    });
    const result = await pass();
    expect(result.scopes).toHaveLength(1 + 8 + 1 + 3);
    const summary = formatSyncSummary(result);
    for (const failed of result.scopes.filter((s) => !s.ok)) {
      expect(failed.error).toBeTruthy();
      expect(summary).toContain(failed.scope);
    }
    // Retries absorb the injected errors: nearly everything lands.
    expect(result.scopes.filter((s) => s.ok).length).toBeGreaterThanOrEqual(result.scopes.length - 2);
    const statuses = (await harness.requests()).map((r) => r.status);
    expect(statuses).toContain(429);
  });

  it('keeps going when one project denies access, and names the missing permission', async () => {
    const withStranger = demoConfig({
      projects: [...config.google.projects, { id: 'not-our-project', regions: ['us-central1'] }],
    });
    const result = await pass(withStranger);
    expect(result.ok).toBe(false);
    const failed = result.scopes.filter((s) => !s.ok);
    expect(failed.map((s) => s.scope).sort()).toEqual([
      'monitoring not-our-project',
      'vertex not-our-project/us-central1',
    ]);
    expect(failed.find((s) => s.kind === 'vertex')?.error).toMatch(
      /missing permission aiplatform\.\w+\.list/,
    );
    expect(failed.find((s) => s.kind === 'monitoring')?.error).toContain(
      'missing permission monitoring.timeSeries.list',
    );
    expect(count('jobs', `project = 'ml-prod'`)).toBeGreaterThan(0);
    expect(count('telemetry_coverage', `project = 'not-our-project' AND last_error IS NOT NULL`)).toBe(2);
    expect(formatSyncSummary(result)).toContain('failed scopes: ');
  });
});

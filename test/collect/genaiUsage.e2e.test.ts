// Generative-AI usage from the billing export: the demo organisation's Gemini tokens synced from the simulator
// through the real BigQuery client. Expected figures come from the simulator's export read with the BigQuery
// client, the scenario's list prices, and plain SQL over the store.

import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, type SimHarness, silentLog, startHarness } from '../gcp/simHarness.js';
import { BILLING_TABLE, DEMO_NOW, demoConfig, demoScenario } from './demoSync.js';

const HOUR = 3_600_000;
const config = demoConfig();
const scenario = demoScenario();
const GEMINI_SKUS = scenario.catalog.skus.filter((sku) => sku.resourceGroup === 'Gemini');

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenario, DEMO_NOW);
  gcp = gcpFor(harness.url, config);
  store = openStore(':memory:');
  for (const hours of [0, 7]) {
    if (hours > 0) {
      await fetch(`${harness.url}/_sim/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hours }),
      });
    }
    const result = await runSyncPass({
      store,
      gcp,
      config,
      clock: fixedClock(new Date(DEMO_NOW.getTime() + hours * HOUR)),
      log: silentLog,
    });
    expect(result.scopes.find((s) => s.scope === 'billing')?.error ?? null).toBeNull();
  }
}, 120_000);

afterAll(async () => {
  store?.close();
  await gcp?.close();
  await harness?.close();
});

interface StoredUsage {
  skuId: string;
  skuDescription: string;
  modelFamily: string | null;
  tokenType: string | null;
  usageAmount: number;
  usageUnit: string | null;
  cost: number;
}

const storedBySku = (where = "kind = 'genai'"): StoredUsage[] =>
  store.sqlite
    .prepare(
      `SELECT sku_id AS skuId, sku_description AS skuDescription, model_family AS modelFamily,
              token_type AS tokenType, SUM(usage_amount) AS usageAmount, MAX(usage_unit) AS usageUnit,
              SUM(cost) AS cost
         FROM billing_daily WHERE ${where} GROUP BY sku_id ORDER BY sku_id`,
    )
    .all() as StoredUsage[];

describe('generative-AI usage from the billing export', () => {
  it('stores each Gemini SKU with its model family, token type and tokens', () => {
    const rows = storedBySku();
    expect(rows.map((row) => row.skuId)).toEqual(GEMINI_SKUS.map((sku) => sku.skuId).sort());
    const expected: Record<string, [string, string]> = {
      'Gemini 2.5 Flash GA Text Input - Predictions': ['Gemini 2.5 Flash', 'input'],
      'Gemini 2.5 Flash GA Text Output - Predictions': ['Gemini 2.5 Flash', 'output'],
      'Gemini 2.5 Flash GA Input Text Caching': ['Gemini 2.5 Flash', 'cached'],
      'Gemini 2.5 Pro Text Input - Predictions': ['Gemini 2.5 Pro', 'input'],
      'Gemini 2.5 Pro Text Output - Predictions': ['Gemini 2.5 Pro', 'output'],
    };
    for (const row of rows) {
      expect([row.modelFamily, row.tokenType], row.skuDescription).toEqual(expected[row.skuDescription]);
      expect(row.usageUnit).toBe('count');
      // Tokens are what the billed cost buys at the list price per token (the demo bills in USD).
      const price = GEMINI_SKUS.find((sku) => sku.skuId === row.skuId)?.unitPrice ?? 0;
      expect(row.usageAmount / (row.cost / price)).toBeCloseTo(1, 5);
    }
  });

  it('adds the usage of later appends to what is stored, as the export holds it', async () => {
    const bigquery = new BigQuery({ projectId: 'billing-admin', apiEndpoint: harness.url, autoRetry: false });
    const [rows] = await bigquery.query({
      query: `SELECT DATE(usage_start_time) AS day, sku.id AS sku_id, sku.description AS sku_description,
                SUM(cost) AS cost, SUM(usage.amount_in_pricing_units) AS usage_pricing_amount,
                ANY_VALUE(usage.pricing_unit) AS usage_pricing_unit
              FROM \`${BILLING_TABLE}\`
              WHERE DATE(usage_start_time) >= @start_day AND DATE(usage_start_time) < @end_day
                AND service.description IN UNNEST(@services)
              GROUP BY day, sku_id, sku_description`,
      params: {
        start_day: BigQuery.date('2026-10-29'),
        end_day: BigQuery.date('2026-11-30'),
        services: ['Vertex AI'],
      },
    });
    const exported = new Map<string, number>();
    for (const r of rows as Array<{ sku_id: string; usage_pricing_amount: number }>)
      exported.set(r.sku_id, (exported.get(r.sku_id) ?? 0) + r.usage_pricing_amount);
    for (const row of storedBySku("service = 'Vertex AI'")) {
      expect(row.usageAmount, row.skuDescription).toBeCloseTo(exported.get(row.skuId) ?? 0, 0);
    }
  });

  it("shows the runaway agent loop's day as a token spike", () => {
    const perDay = store.sqlite
      .prepare(
        `SELECT day, SUM(usage_amount) AS tokens FROM billing_daily
          WHERE kind = 'genai' AND project = 'ml-prod' AND model_family = 'Gemini 2.5 Flash'
            AND token_type = 'input' GROUP BY day ORDER BY day`,
      )
      .all() as Array<{ day: string; tokens: number }>;
    const spike = perDay.find((row) => row.day === '2026-11-26');
    const usual = perDay.filter((row) => row.day >= '2026-11-09' && row.day <= '2026-11-22');
    const median = usual.map((row) => row.tokens).sort((a, b) => a - b)[7] ?? 0;
    // $1,200 of input at $0.30 per 1M is 4 billion tokens on top of the usual day.
    expect(spike?.tokens ?? 0).toBeGreaterThan(median + 3.9e9);
  });

  it("leaves machine SKUs without a model family and counts their usage in the catalog's unit", () => {
    const machines = storedBySku("kind = 'training' AND service = 'Vertex AI'");
    expect(machines.length).toBeGreaterThan(0);
    for (const row of machines) {
      expect(row.modelFamily).toBeNull();
      expect(row.tokenType).toBeNull();
      const sku = scenario.catalog.skus.find((candidate) => candidate.skuId === row.skuId);
      expect(row.usageUnit, row.skuDescription).toBe(sku?.usageUnit);
      expect(['h', 'GiBy.h']).toContain(row.usageUnit);
    }
  });
});

// Billing ingest against a simulator that exports as Google does: a day's rows arrive over the following day,
// a credit for a day long past arrives later still, and no row is ever rewritten. The expected figures come
// from the simulator's own export (read with the BigQuery client) and plain SQL over the store.

import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass, type SyncPassResult } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';
import { NOW, SKU, scenarioInput } from '../sim/fixtures.js';

const HOUR = 3_600_000;
const TABLE = 'billing-admin.billing_export.gcp_billing_export_v1_0123AB_456CDE_789EF0';
const config = testConfig({ billingExport: { table: TABLE, initialDays: 10 } });

let harness: SimHarness;
let gcp: Gcp;
let bigquery: BigQuery;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenarioInput, NOW);
  gcp = gcpFor(harness.url, config);
  bigquery = new BigQuery({ projectId: 'billing-admin', apiEndpoint: harness.url, autoRetry: false });
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

async function pass(hoursLater: number): Promise<SyncPassResult> {
  const result = await runSyncPass({
    store,
    gcp,
    config,
    clock: fixedClock(new Date(NOW.getTime() + hoursLater * HOUR)),
    log: silentLog,
  });
  expect(result.scopes.find((s) => s.scope === 'billing')?.error ?? null).toBeNull();
  return result;
}

async function advance(hours: number): Promise<void> {
  await fetch(`${harness.url}/_sim/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hours }),
  });
}

/** Net Vertex AI spend (its own SKUs and the VMs it labelled) per usage day in the simulator's export. */
async function exportedNetByDay(fromDay: string): Promise<Map<string, number>> {
  const [rows] = await bigquery.query({
    query: `SELECT DATE(usage_start_time) AS day, sku.description AS sku_description, SUM(cost) AS cost,
              SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits
            FROM \`${TABLE}\`
            WHERE DATE(usage_start_time) >= @start_day AND DATE(usage_start_time) < @end_day
              AND (service.description IN UNNEST(@services)
                OR EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'goog-vertex-ai-product'))
            GROUP BY day, sku_description`,
    params: {
      start_day: BigQuery.date(fromDay),
      end_day: BigQuery.date('2025-04-01'),
      services: ['Vertex AI'],
    },
  });
  const byDay = new Map<string, number>();
  for (const r of rows as Array<{ day: { value: string }; cost: number; credits: number }>)
    byDay.set(r.day.value, (byDay.get(r.day.value) ?? 0) + r.cost + r.credits);
  return byDay;
}

function storedNetByDay(): Map<string, number> {
  const rows = store.sqlite
    .prepare('SELECT day, SUM(cost + credits) AS net FROM billing_daily GROUP BY day')
    .all() as Array<{ day: string; net: number }>;
  return new Map(rows.map((r) => [r.day, r.net]));
}

function expectSameDays(actual: Map<string, number>, expected: Map<string, number>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [day, net] of expected) expect(actual.get(day), day).toBeCloseTo(net, 6);
}

const kv = (key: string) =>
  (store.sqlite.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined)
    ?.value;

describe('billing ingest from a lagging export', () => {
  it('counts a day as actual only once the export has moved a day past it', async () => {
    // 2025-03-12 10:00: the newest append (08:00) holds Mar 11 18:00–24:00; Mar 11's late share is still to
    // come, so the 11th is not actual yet, and today never is.
    await pass(0);
    expect(kv('billing.exportedThrough')).toBe('2025-03-12T08:00:00.000000Z');
    expect(kv('billing.actualThrough')).toBe('2025-03-10');
    expectSameDays(storedNetByDay(), await exportedNetByDay('2025-03-02'));
  });

  it('lands a late credit for a day eight days back at the next pass, reading only what is new', async () => {
    await pass(0);
    const creditDay = '2025-03-04';
    const before = storedNetByDay().get(creditDay) ?? 0;
    await advance(3);
    const second = await pass(3);
    expect(storedNetByDay().get(creditDay)).toBeCloseTo(before - 30, 6);
    expectSameDays(storedNetByDay(), await exportedNetByDay('2025-03-02'));
    // Only the credit's append was read: one row written, for that day and SKU. The second pass asked how far the
    // export is, then read what is new.
    expect(second.scopes.find((s) => s.scope === 'billing')?.rowsWritten).toBe(1);
    const queries = async () => (await harness.requests()).filter((r) => r.path.endsWith('/jobs')).length;
    expect(await queries()).toBe(3);

    // A pass with nothing newly exported asks how far the export is, and reads nothing.
    const third = await pass(3);
    expect(third.scopes.find((s) => s.scope === 'billing')?.rowsWritten).toBe(0);
    expect(await queries()).toBe(4);
    expect(kv('billing.exportedThrough')).toBe('2025-03-12T12:00:00.000000Z');
  });

  it('keeps up as the export moves on: days become actual, and every row lands once', async () => {
    await pass(0);
    let at = 0;
    for (const hours of [6, 12, 24, 48]) {
      await advance(hours - at);
      at = hours;
      await pass(hours);
    }
    // 2025-03-14 10:00: the export has reached 08:00 on the 14th. That is more than a day past the 12th's end
    // (00:00 on the 13th) but not past the 13th's: the 12th is actual, the 13th not yet.
    expect(kv('billing.actualThrough')).toBe('2025-03-12');
    expectSameDays(storedNetByDay(), await exportedNetByDay('2025-03-02'));
    const training = store.sqlite
      .prepare(`SELECT SUM(cost) AS cost FROM billing_daily WHERE day = '2025-03-05' AND sku_id = ?`)
      .get(SKU.trainingCore) as { cost: number };
    expect(training.cost).toBeCloseTo(100, 6);
  });
});

describe('billing ingest and the billing account currency', () => {
  const eurScenario = {
    ...scenarioInput,
    billing: { ...scenarioInput.billing, currency: 'EUR' },
  };
  const twoAccounts = {
    ...scenarioInput,
    billing: {
      ...scenarioInput.billing,
      streams: [
        ...(scenarioInput.billing?.streams ?? []),
        {
          project: 'ml-prod',
          location: 'us-central1',
          skuId: SKU.predictionCore,
          dailyCost: 10,
          currency: 'EUR',
        },
      ],
    },
  };

  async function ingestFrom(scenario: typeof scenarioInput, currency: string) {
    const sim = await startHarness(scenario, NOW);
    const withCurrency = testConfig({ billingExport: { table: TABLE, initialDays: 10 } }, { currency });
    const client = gcpFor(sim.url, withCurrency);
    try {
      const result = await runSyncPass({
        store,
        gcp: client,
        config: withCurrency,
        clock: fixedClock(NOW),
        log: silentLog,
      });
      return result.scopes.find((s) => s.scope === 'billing');
    } finally {
      await client.close();
      await sim.close();
    }
  }

  it('stores an account billed in EUR in EUR, at the amounts the export has', async () => {
    const billing = await ingestFrom(eurScenario, 'EUR');
    expect(billing?.error ?? null).toBeNull();
    const row = store.sqlite
      .prepare(
        `SELECT currency, SUM(cost) AS cost FROM billing_daily WHERE day = '2025-03-05' AND sku_id = ? GROUP BY currency`,
      )
      .all(SKU.trainingCore);
    // The Tuesday's $100 training stream, at the scenario's 0.92 EUR per USD.
    expect(row).toEqual([{ currency: 'EUR', cost: expect.closeTo(92, 6) }]);
  });

  it('refuses an export in another currency than the configured one, and writes nothing', async () => {
    const billing = await ingestFrom(eurScenario, 'USD');
    expect(billing?.ok).toBe(false);
    expect(billing?.error).toBe(
      'the billing export is in EUR but currency is USD in the configuration: set currency: EUR (the billing ' +
        "account's currency), so catalog estimates are asked for in EUR too; nothing was written",
    );
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM billing_daily').get()).toEqual({ n: 0 });
  });

  it('refuses an export holding two currencies instead of adding them up', async () => {
    const billing = await ingestFrom(twoAccounts, 'USD');
    expect(billing?.ok).toBe(false);
    expect(billing?.error).toBe(
      'the billing export holds rows in EUR and USD: a billing account has one currency, so the table holds ' +
        'more than one account — export one account per table (or point billingExport.table at one); nothing ' +
        'was written',
    );
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM billing_daily').get()).toEqual({ n: 0 });
  });
});

// Catalog refreshes against the simulator: Google stamps every listing with a later effectiveTime, so only a
// changed price may add a row, and prices are asked for in the billing account's currency.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import type { Config } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';
import { NOW, SKU, scenarioInput } from '../sim/fixtures.js';

const HOUR = 3_600_000;
let harness: SimHarness;
let store: Store;
const clients: Gcp[] = [];

beforeAll(async () => {
  harness = await startHarness(scenarioInput, NOW);
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await harness.close();
});

beforeEach(async () => {
  await harness.reset();
  store?.close();
  store = openStore(':memory:');
});

async function pass(config: Config, hoursLater: number): Promise<void> {
  const gcp = gcpFor(harness.url, config);
  clients.push(gcp);
  const result = await runSyncPass({
    store,
    gcp,
    config,
    clock: fixedClock(new Date(NOW.getTime() + hoursLater * HOUR)),
    log: silentLog,
  });
  expect(result.scopes.find((s) => s.scope === 'catalog')?.error ?? null).toBeNull();
}

async function advance(hours: number): Promise<void> {
  await fetch(`${harness.url}/_sim/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hours }),
  });
}

const rows = (sku: string) =>
  store.sqlite
    .prepare(
      'SELECT unit_price AS price, currency FROM catalog_prices WHERE sku_id = ? ORDER BY effective_time',
    )
    .all(sku) as Array<{ price: number; currency: string }>;

describe('catalog refresh', () => {
  it('stores a price once, however many times a moving effectiveTime lists it again', async () => {
    const config = testConfig({ catalog: { refreshHours: 24 } });
    await pass(config, 0);
    const first = (store.sqlite.prepare('SELECT count(*) AS n FROM catalog_prices').get() as { n: number }).n;
    expect(first).toBeGreaterThan(5);
    await advance(25);
    await pass(config, 25);
    await advance(25);
    await pass(config, 50);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM catalog_prices').get()).toEqual({ n: first });
    expect(rows(SKU.trainingCore)).toEqual([{ price: 0.031611, currency: 'USD' }]);
  });

  it('asks for prices in the billing currency', async () => {
    await pass(testConfig({}, { currency: 'EUR' }), 0);
    const listings = (await harness.requests()).filter((r) => r.path.endsWith('/skus'));
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) expect(listing.query).toContain('currencyCode=EUR');
    const [core] = rows(SKU.trainingCore);
    expect(core?.currency).toBe('EUR');
    expect(core?.price).toBeCloseTo(0.031611 * 0.92, 9);
  });
});

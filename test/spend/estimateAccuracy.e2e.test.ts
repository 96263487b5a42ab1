// The estimate a day was shown with, kept from sync to sync until the billing export is actual for the day, then
// set beside what was billed — against a simulator whose export trails usage as Google's does. Expected figures
// come from what the answers showed at the time and plain SQL over the store.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { runSyncPass } from '../../src/collect/syncPass.js';
import { openStore, type Store } from '../../src/db/open.js';
import type { Gcp } from '../../src/gcp/index.js';
import { estimateAccuracy, recordDailyEstimates } from '../../src/spend/estimateAccuracy.js';
import { gcpFor, type SimHarness, silentLog, startHarness, testConfig } from '../gcp/simHarness.js';
import { NOW, scenarioInput } from '../sim/fixtures.js';

const HOUR = 3_600_000;
const config = testConfig({
  projects: [{ id: 'ml-prod', regions: ['us-central1', 'europe-west4'] }],
  billingExport: { table: 'billing-admin.billing_export.gcp_billing_export_v1_X', initialDays: 10 },
});

let harness: SimHarness;
let gcp: Gcp;
let store: Store;

beforeAll(async () => {
  harness = await startHarness(scenarioInput, NOW);
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

/** A sync pass `hoursLater` and the estimate recording every sync does after it. */
async function syncAt(hoursLater: number): Promise<Date> {
  const now = new Date(NOW.getTime() + hoursLater * HOUR);
  if (hoursLater > 0) {
    await fetch(`${harness.url}/_sim/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: hoursLater }),
    });
  }
  const result = await runSyncPass({ store, gcp, config, clock: fixedClock(now), log: silentLog });
  expect(result.scopes.filter((s) => !s.ok).map((s) => s.error)).toEqual([]);
  recordDailyEstimates(store, { timezone: config.timezone, now });
  return now;
}

const kept = () =>
  store.sqlite.prepare('SELECT day, kind, estimated FROM estimate_days ORDER BY day, kind').all() as Array<{
    day: string;
    kind: string;
    estimated: number;
  }>;

describe('estimates kept until their day is billed', () => {
  it('keeps what the answers showed for a day, and compares it with the export once the day is actual', async () => {
    // 2025-03-12 10:00: the export is actual through Mar 10, so Mar 11 is estimated, as "yesterday" shows it.
    const first = await syncAt(0);
    const shown = toAskJson(
      await askQuestion({ store, config, clock: fixedClock(first) }, 'spend yesterday by kind'),
    ) as { source: unknown; rows: Array<{ key: string; cost: number }> };
    expect(shown.source).toEqual({ actualThrough: '2025-03-10', estimated: true });
    const mar11 = kept().filter((r) => r.day === '2025-03-11');
    expect(mar11.map((r) => r.kind)).toEqual(shown.rows.map((r) => r.key).sort());
    for (const row of shown.rows)
      expect(mar11.find((r) => r.kind === row.key)?.estimated).toBeCloseTo(row.cost, 2);
    expect(kept().every((r) => r.day === '2025-03-11')).toBe(true);

    // A day later the export is actual through Mar 11: its estimate stays as it was shown, Mar 12 is recorded.
    const second = await syncAt(24);
    expect(kept().filter((r) => r.day === '2025-03-11')).toEqual(mar11);
    expect([...new Set(kept().map((r) => r.day))]).toEqual(['2025-03-11', '2025-03-12']);

    const accuracy = estimateAccuracy(store, { today: '2025-03-13', tolerancePercent: 5 });
    const billed = store.sqlite
      .prepare(
        `SELECT kind, SUM(cost + credits) AS net FROM billing_daily WHERE day = '2025-03-11' GROUP BY kind`,
      )
      .all() as Array<{ kind: string; net: number }>;
    const estimated = mar11.reduce((sum, r) => sum + r.estimated, 0);
    const billedTotal = billed.reduce((sum, r) => sum + r.net, 0);
    expect(second.toISOString()).toBe('2025-03-13T10:00:00.000Z');
    expect(accuracy.last30Days.days).toBe(1);
    expect(accuracy.last30Days.estimated).toBeCloseTo(estimated, 6);
    expect(accuracy.last30Days.billed).toBeCloseTo(billedTotal, 6);
    expect(accuracy.last30Days.error).toBeCloseTo((estimated - billedTotal) / billedTotal, 9);
    for (const b of billed)
      expect(accuracy.last30Days.byKind.find((k) => k.kind === b.kind)?.billed).toBeCloseTo(b.net, 6);
  });
});

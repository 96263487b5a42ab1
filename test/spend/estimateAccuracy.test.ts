// Each not-yet-billed day's estimate is kept as it was shown, and set beside the billed figure once the export is
// actual for the day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { estimateAccuracy, recordDailyEstimates } from '../../src/spend/estimateAccuracy.js';

let store: Store;
const JOB = 'projects/ml-prod/locations/us-central1/customJobs/1';

function setActualThrough(day: string): void {
  store.sqlite
    .prepare(
      `INSERT INTO kv (key, value, updated_at) VALUES ('billing.actualThrough', ?, 'x')
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(day);
}

function billed(day: string, kind: string, cost: number): void {
  store.sqlite
    .prepare(
      `INSERT INTO billing_daily (day, project, service, sku_id, sku_description, location, label_key, labels, kind,
                                  cost, credits, currency, ingested_at)
       VALUES (?, 'ml-prod', 'Vertex AI', ?, ?, 'us-central1', '', '{}', ?, ?, 0, 'USD', 'x')`,
    )
    .run(day, `SKU-${kind}`, `${kind} SKU`, kind, cost);
}

const recorded = () =>
  store.sqlite.prepare('SELECT day, kind, estimated FROM estimate_days ORDER BY day, kind').all();

beforeEach(() => {
  store = openStore(':memory:');
  // A training job at $2/h since Nov 25 00:00, still running.
  store.sqlite
    .prepare(
      `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, start_time, first_seen, last_seen,
                         hourly_price)
       VALUES (?, 'ml-prod', 'us-central1', 'custom', 'train', 'RUNNING', '{}', '2026-11-25T00:00:00Z',
               '2026-11-25T00:00:00Z', '2026-11-28T09:00:00Z', 2)`,
    )
    .run(JOB);
});
afterEach(() => store.close());

describe('recording estimates', () => {
  it('records whole days not billed yet, and keeps a day once it is billed', () => {
    setActualThrough('2026-11-24');
    expect(recordDailyEstimates(store, { timezone: 'UTC', now: new Date('2026-11-28T09:00:00Z') })).toBe(3);
    expect(recorded()).toEqual([
      { day: '2026-11-25', kind: 'training', estimated: 48 },
      { day: '2026-11-26', kind: 'training', estimated: 48 },
      { day: '2026-11-27', kind: 'training', estimated: 48 },
    ]);
    // The export moves on to the 26th and the job's price changes: only the 27th is estimated anew.
    setActualThrough('2026-11-26');
    store.sqlite.prepare('UPDATE jobs SET hourly_price = 3').run();
    recordDailyEstimates(store, { timezone: 'UTC', now: new Date('2026-11-28T10:00:00Z') });
    expect(recorded()).toEqual([
      { day: '2026-11-25', kind: 'training', estimated: 48 },
      { day: '2026-11-26', kind: 'training', estimated: 48 },
      { day: '2026-11-27', kind: 'training', estimated: 72 },
    ]);
  });

  it('sets the kept estimates beside the billed days, by kind, and flags a drift with its kinds', () => {
    setActualThrough('2026-11-24');
    recordDailyEstimates(store, { timezone: 'UTC', now: new Date('2026-11-28T09:00:00Z') });
    setActualThrough('2026-11-26');
    for (const day of ['2026-11-25', '2026-11-26']) {
      billed(day, 'training', 50);
      billed(day, 'genai', 30);
    }
    const a = estimateAccuracy(store, { today: '2026-11-28', tolerancePercent: 5 });
    // Two days compared: estimated 2 × 48, billed 2 × 50 of training. Generative AI is never estimated, so its
    // billed 2 × 30 is left out rather than counted as the estimates' error.
    expect(a.last30Days).toMatchObject({ start: '2026-10-29', end: '2026-11-28', days: 2 });
    expect(a.last30Days.estimated).toBeCloseTo(96, 9);
    expect(a.last30Days.billed).toBeCloseTo(100, 9);
    expect(a.last30Days.error).toBeCloseTo((96 - 100) / 100, 9);
    expect(a.last30Days.byKind).toEqual([
      { kind: 'training', estimated: 96, billed: 100, error: (96 - 100) / 100 },
    ]);
    // Last week is Nov 16–22: nothing compared there.
    expect(a.lastWeek).toMatchObject({ start: '2026-11-16', end: '2026-11-23', days: 0 });
    // Training is 4 % off, inside the tolerance.
    expect(a.drifting).toBe(false);
    expect(a.driftingKinds).toEqual([]);
    // Beyond a 3 % tolerance, training drifts; asked about pipelines alone, nothing was compared.
    expect(estimateAccuracy(store, { today: '2026-11-28', tolerancePercent: 3 }).driftingKinds).toMatchObject(
      [{ kind: 'training' }],
    );
    expect(
      estimateAccuracy(store, { today: '2026-11-28', tolerancePercent: 5, kind: 'pipelines' }).last30Days,
    ).toMatchObject({ days: 0, estimated: 0, billed: 0, byKind: [] });
  });
});

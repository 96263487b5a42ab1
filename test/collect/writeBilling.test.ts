import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addBillingRows,
  billingRowKey,
  canonicalLabels,
  mergeBillingRows,
  removeStaleBillingRows,
  writeBillingRows,
} from '../../src/collect/writeBilling.js';
import { openStore, type Store } from '../../src/db/open.js';
import { inTransaction } from '../../src/db/rows.js';
import type { BillingAggregateRow } from '../../src/gcp/types.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const row = (over: Partial<BillingAggregateRow> = {}): BillingAggregateRow => ({
  day: '2026-11-20',
  project: 'ml-prod',
  service: 'Vertex AI',
  skuId: 'AA00-0000-0001',
  skuDescription: 'Vertex AI: Training/Pipelines on N1 Predefined Instance Core running in Americas',
  location: 'us-central1',
  labels: { team: 'search', env: 'prod' },
  vertexProduct: null,
  pipelineRun: false,
  cost: 10,
  credits: -1,
  currency: 'USD',
  usageAmount: 0,
  usageUnit: null,
  ...over,
});

const stored = () =>
  store.sqlite
    .prepare('SELECT day, label_key AS labelKey, labels, kind, cost, credits FROM billing_daily ORDER BY day')
    .all();

describe('writeBillingRows', () => {
  it('inserts, then writes nothing for the same rows, then only what changed', () => {
    const rows = [row(), row({ day: '2026-11-21' }), row({ day: '2026-11-22', labels: {} })];
    expect(writeBillingRows(store.sqlite, rows, { ingestedAt: 't1' }).written).toBe(3);
    expect(writeBillingRows(store.sqlite, rows, { ingestedAt: 't2' }).written).toBe(0);
    const changed = [row(), row({ day: '2026-11-21', cost: 11 }), row({ day: '2026-11-22', labels: {} })];
    expect(writeBillingRows(store.sqlite, changed, { ingestedAt: 't3', batchSize: 2 }).written).toBe(1);
    expect(stored()).toEqual([
      {
        day: '2026-11-20',
        labelKey: 'env=prod;team=search',
        labels: '{"env":"prod","team":"search"}',
        kind: 'training',
        cost: 10,
        credits: -1,
      },
      {
        day: '2026-11-21',
        labelKey: 'env=prod;team=search',
        labels: '{"env":"prod","team":"search"}',
        kind: 'training',
        cost: 11,
        credits: -1,
      },
      { day: '2026-11-22', labelKey: '', labels: '{}', kind: 'training', cost: 10, credits: -1 },
    ]);
  });

  it('removes rows of a re-read range that the export no longer has', () => {
    writeBillingRows(store.sqlite, [row(), row({ labels: { team: 'ads' } }), row({ day: '2026-11-25' })], {
      ingestedAt: 't1',
    });
    const latest = [row()];
    expect(
      removeStaleBillingRows(store.sqlite, '2026-11-19', '2026-11-24', new Set(latest.map(billingRowKey))),
    ).toBe(1);
    expect(stored()).toHaveLength(2);
  });

  it('merges rows that land on the same key', () => {
    const merged = mergeBillingRows([
      row(),
      row({
        skuDescription: 'Vertex AI: Training/Pipelines on N1 Predefined Instance Core (renamed)',
        cost: 5,
        credits: -0.5,
      }),
      row({ day: '2026-11-21' }),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ cost: 15, credits: -1.5 });
  });

  it('keeps a pipeline step apart from custom training on the same SKU', () => {
    const merged = mergeBillingRows([row(), row({ pipelineRun: true, cost: 4 }), row({ cost: 1 })]);
    expect(merged.map((r) => [r.pipelineRun, r.cost])).toEqual([
      [false, 11],
      [true, 4],
    ]);
    writeBillingRows(store.sqlite, merged, { ingestedAt: 't1' });
    expect(stored().map((r) => (r as { kind: string }).kind)).toEqual(['training', 'pipelines']);
  });

  it('adds what the export appended to the stored rows of their keys', () => {
    writeBillingRows(store.sqlite, [row()], { ingestedAt: 't1' });
    const added = inTransaction(store, () =>
      addBillingRows(
        store.sqlite,
        [row({ cost: 0, credits: -2 }), row({ day: '2026-11-21', cost: 3, credits: 0 })],
        't2',
      ),
    );
    expect(added).toBe(2);
    expect(
      stored().map((r) => [
        (r as { day: string }).day,
        (r as { cost: number }).cost,
        (r as { credits: number }).credits,
      ]),
    ).toEqual([
      ['2026-11-20', 10, -3],
      ['2026-11-21', 3, 0],
    ]);
  });

  it('keeps labels canonical whatever their order', () => {
    expect(canonicalLabels({ team: 'a', env: 'b' })).toEqual(canonicalLabels({ env: 'b', team: 'a' }));
    expect(canonicalLabels({})).toEqual({ key: '', json: '{}' });
  });
});

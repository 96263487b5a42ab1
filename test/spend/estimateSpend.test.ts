import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { estimateSpend } from '../../src/spend/estimateSpend.js';

let store: Store;
const NOW = new Date('2026-11-28T12:00:00Z');
const EP = 'projects/ml-prod/locations/us-central1/endpoints/1';

beforeEach(() => {
  store = openStore(':memory:');
  const s = store.sqlite;
  s.prepare(
    `INSERT INTO endpoints (name, project, region, display_name, labels, first_seen, last_seen)
     VALUES (?, 'ml-prod', 'us-central1', 'ranker', '{"team":"search"}', '2026-11-01T00:00:00Z', '2026-11-28T12:00:00Z')`,
  ).run(EP);
  const model = s.prepare(
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, min_replicas, max_replicas,
                                  create_time, first_seen, last_seen, undeployed_at, hourly_price, unpriced_reason)
     VALUES (?, ?, 'm', 'm', 1, ?, 4, ?, '2026-11-01T00:00:00Z', '2026-11-28T12:00:00Z', ?, ?, ?)`,
  );
  // $1/h per replica, 2 replicas until Nov 27 06:00 UTC, then 1.
  model.run(EP, '10', 1, '2026-11-20T00:00:00Z', null, 1, null);
  s.prepare(
    `INSERT INTO deployed_model_snapshots (endpoint_name, deployed_model_id, observed_at, min_replicas, max_replicas, deployed)
     VALUES (?, '10', '2026-11-20T00:00:00Z', 2, 4, 1), (?, '10', '2026-11-27T06:00:00Z', 1, 4, 1)`,
  ).run(EP, EP);
  // $0.5/h, undeployed Nov 27 12:00.
  model.run(EP, '11', 1, '2026-11-26T00:00:00Z', '2026-11-27T12:00:00Z', 0.5, null);
  // Unpriced.
  model.run(
    EP,
    '12',
    1,
    '2026-11-26T00:00:00Z',
    null,
    null,
    'automatic or shared resources: Vertex AI chooses the machines',
  );
  const job = s.prepare(
    `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, start_time, end_time, first_seen, last_seen,
                       hourly_price, unpriced_reason)
     VALUES (?, ?, 'us-central1', ?, 'j', ?, ?, ?, ?, '2026-11-01T00:00:00Z', '2026-11-28T12:00:00Z', ?, ?)`,
  );
  // Running since Nov 27 20:00 at $4/h.
  job.run(
    'projects/ml-lab/locations/us-central1/customJobs/1',
    'ml-lab',
    'custom',
    'RUNNING',
    '{"team":"recsys"}',
    '2026-11-27T20:00:00Z',
    null,
    4,
    null,
  );
  // Batch prediction Nov 27 10:00–12:00 at $3/h.
  job.run(
    'projects/ml-prod/locations/us-central1/batchPredictionJobs/2',
    'ml-prod',
    'batch_prediction',
    'SUCCEEDED',
    '{}',
    '2026-11-27T10:00:00Z',
    '2026-11-27T12:00:00Z',
    3,
    null,
  );
  // A pipeline billed through its custom job: neither counted nor reported unpriced.
  job.run(
    'projects/ml-prod/locations/us-central1/trainingPipelines/3',
    'ml-prod',
    'training_pipeline',
    'RUNNING',
    '{}',
    '2026-11-27T00:00:00Z',
    null,
    null,
    'billed as its custom job x',
  );
});

afterEach(() => store.close());

describe('estimateSpend', () => {
  it('spreads hourly prices over the hours each resource ran, per day, kind and project', () => {
    const estimate = estimateSpend({
      store,
      fromDay: '2026-11-27',
      toDay: '2026-11-29',
      timezone: 'UTC',
      now: NOW,
    });
    const rows = estimate.rows.map((r) => [r.day, r.kind, r.project, Number(r.amount.toFixed(6))]);
    expect(rows).toEqual([
      // 6 h × 2 replicas + 18 h × 1 replica at $1, plus 12 h at $0.5 and 2 h batch at $3.
      ['2026-11-27', 'prediction', 'ml-prod', 12 + 18 + 6 + 6],
      ['2026-11-27', 'training', 'ml-lab', 4 * 4],
      // Until now (12:00): 12 h at $1 and 12 h of training at $4.
      ['2026-11-28', 'prediction', 'ml-prod', 12],
      ['2026-11-28', 'training', 'ml-lab', 48],
    ]);
    expect(estimate.rows.every((r) => r.estimated)).toBe(true);
    expect(estimate.total).toBeCloseTo(42 + 16 + 12 + 48, 6);
    expect(estimate.unpriced).toEqual([
      {
        resource: `${EP} deployedModel 12`,
        reason: 'automatic or shared resources: Vertex AI chooses the machines',
      },
    ]);
  });

  it('uses the configured time zone for day boundaries', () => {
    const estimate = estimateSpend({
      store,
      fromDay: '2026-11-28',
      toDay: '2026-11-29',
      timezone: 'Asia/Tokyo',
      now: NOW,
    });
    // Nov 28 in Tokyo starts Nov 27 15:00 UTC: 9 + 12 hours of the $1 model, 16 h of the $4 job.
    const byKind = Object.fromEntries(estimate.rows.map((r) => [r.kind, Number(r.amount.toFixed(6))]));
    expect(byKind).toEqual({ prediction: 21, training: 64 });
  });

  it('narrows to a scope of projects and labels', () => {
    const onlyLab = estimateSpend({
      store,
      fromDay: '2026-11-27',
      toDay: '2026-11-29',
      timezone: 'UTC',
      now: NOW,
      scope: { projects: ['ml-lab'] },
    });
    expect(new Set(onlyLab.rows.map((r) => r.project))).toEqual(new Set(['ml-lab']));
    const search = estimateSpend({
      store,
      fromDay: '2026-11-27',
      toDay: '2026-11-29',
      timezone: 'UTC',
      now: NOW,
      scope: { labels: { team: 'search' } },
    });
    expect(new Set(search.rows.map((r) => r.kind))).toEqual(new Set(['prediction']));
    expect(search.total).toBeCloseTo(12 + 18 + 6 + 12, 6);
  });

  it('is empty for days after now', () => {
    expect(
      estimateSpend({ store, fromDay: '2026-11-29', toDay: '2026-12-01', timezone: 'UTC', now: NOW }).rows,
    ).toEqual([]);
  });
});

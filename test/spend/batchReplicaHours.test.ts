// Batch prediction costs the replica-hours it used, which Google reports (BatchPredictionJob.resourcesConsumed
// .replicaHours: "many replicas may run in parallel, and additionally any given work may be queued for some
// time. Therefore this value is not strictly related to wall time"), not its replicas × wall time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { resourceCosts } from '../../src/spend/resourceCosts.js';

let store: Store;

function batchJob(name: string, opts: { end: string | null; lastSeen: string; replicaHours: number | null }) {
  store.sqlite
    .prepare(
      `INSERT INTO jobs (name, project, region, kind, display_name, state, labels, machine_type, replica_count,
                         start_time, end_time, first_seen, last_seen, hourly_price, replica_hours)
       VALUES (?, 'ml-prod', 'us-central1', 'batch_prediction', ?, ?, '{}', 'n1-standard-4', 4,
               '2026-11-28T08:00:00Z', ?, '2026-11-28T08:00:00Z', ?, 2, ?)`,
    )
    .run(name, name, opts.end ? 'SUCCEEDED' : 'RUNNING', opts.end, opts.lastSeen, opts.replicaHours);
}

beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const costOf = (to: string) =>
  resourceCosts(store, new Date('2026-11-28T00:00:00Z'), new Date(to)).map((r) => [r.name, r.cost]);

describe('batch prediction estimates', () => {
  // $2/h is the whole job: 4 starting replicas at $0.50 per replica-hour.
  it('cost the replica-hours Google reports for a finished job', () => {
    batchJob('done', { end: '2026-11-28T10:00:00Z', lastSeen: '2026-11-28T11:00:00Z', replicaHours: 3 });
    expect(costOf('2026-11-28T12:00:00Z')).toEqual([['done', 3 * 0.5]]);
  });

  it('run on at the rate reported so far while the job runs', () => {
    // 2 replica-hours in the 2 hours to the last sync: one replica on average, so 4 hours by noon cost 4 × $0.50.
    batchJob('running', { end: null, lastSeen: '2026-11-28T10:00:00Z', replicaHours: 2 });
    const [[, cost]] = costOf('2026-11-28T12:00:00Z') as [[string, number]];
    expect(cost).toBeCloseTo(4 * 0.5, 9);
  });

  it('fall back to the replicas × hours when Google reports nothing', () => {
    batchJob('unreported', {
      end: '2026-11-28T10:00:00Z',
      lastSeen: '2026-11-28T11:00:00Z',
      replicaHours: null,
    });
    expect(costOf('2026-11-28T12:00:00Z')).toEqual([['unreported', 2 * 2]]);
  });
});

// Persistent resources and deployment resource pools in the estimates: they cost while they exist, whatever runs
// on them. A persistent resource from the time it first ran, at the price of every machine it holds; a pool from
// its creation, per replica times its minimum replicas; models on a pool are counted with the pool, never again.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion } from '../../src/ask/index.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { estimateSpend } from '../../src/spend/estimateSpend.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const PARENT = 'projects/ml-lab/locations/us-central1';
const POOL = 'projects/ml-prod/locations/us-central1/deploymentResourcePools/shared-t4';
const EP = 'projects/ml-prod/locations/us-central1/endpoints/7';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
  const s = store.sqlite;
  const persistent = s.prepare(
    `INSERT INTO persistent_resources (name, project, region, display_name, state, labels, create_time, start_time,
                                       machine_type, replica_count, first_seen, last_seen, hourly_price,
                                       unpriced_reason)
     VALUES (?, 'ml-lab', 'us-central1', ?, ?, '{"team":"recsys"}', ?, ?, 'n1-standard-8', 3,
             '2026-11-01T00:00:00Z', '2026-11-28T12:00:00Z', ?, ?)`,
  );
  // Running since Nov 27 06:00 at $10/h for all its machines.
  persistent.run(
    `${PARENT}/persistentResources/ray`,
    'ray',
    'RUNNING',
    '2026-11-27T05:50:00Z',
    '2026-11-27T06:00:00Z',
    10,
    null,
  );
  // Still provisioning: not billed yet.
  persistent.run(
    `${PARENT}/persistentResources/new`,
    'new',
    'PROVISIONING',
    '2026-11-28T11:00:00Z',
    null,
    5,
    null,
  );
  // Running, but no price: listed as unpriced, never $0.
  persistent.run(
    `${PARENT}/persistentResources/a100`,
    'a100',
    'RUNNING',
    '2026-11-27T00:00:00Z',
    '2026-11-27T00:00:00Z',
    null,
    'no catalog SKU for A2 vCPU in us-central1 (training)',
  );
  // $2 per replica-hour, two replicas minimum, created Nov 26, deleted Nov 28 06:00.
  s.prepare(
    `INSERT INTO deployment_resource_pools (name, project, region, machine_type, min_replicas, max_replicas,
                                            create_time, first_seen, last_seen, gone_at, hourly_price)
     VALUES (?, 'ml-prod', 'us-central1', 'n1-standard-8', 2, 3, '2026-11-26T00:00:00Z', '2026-11-26T00:00:00Z',
             '2026-11-28T06:00:00Z', '2026-11-28T06:00:00Z', 2)`,
  ).run(POOL);
  // $1 per replica-hour, one replica, since Nov 28 00:00.
  s.prepare(
    `INSERT INTO deployment_resource_pools (name, project, region, machine_type, min_replicas, max_replicas,
                                            create_time, first_seen, last_seen, hourly_price)
     VALUES (?, 'ml-prod', 'us-central1', 'n1-standard-4', 1, 1, '2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z',
             '2026-11-28T12:00:00Z', 1)`,
  ).run('projects/ml-prod/locations/us-central1/deploymentResourcePools/live-pool');
  // A model on the pool: billed with the pool, so neither counted nor reported unpriced.
  s.prepare(
    `INSERT INTO endpoints (name, project, region, display_name, labels, kind, traffic_visibility, first_seen, last_seen)
     VALUES (?, 'ml-prod', 'us-central1', 'co-hosted', '{}', 'shared-public', 'prediction_count',
             '2026-11-26T00:00:00Z', '2026-11-28T12:00:00Z')`,
  ).run(EP);
  s.prepare(
    `INSERT INTO deployed_models (endpoint_name, deployed_model_id, model, display_name, dedicated, min_replicas,
                                  max_replicas, create_time, shared_resources, first_seen, last_seen, hourly_price,
                                  unpriced_reason)
     VALUES (?, '71', 'm', 'small-model', 0, 1, 1, '2026-11-26T00:00:00Z', ?, '2026-11-26T00:00:00Z',
             '2026-11-28T12:00:00Z', NULL, ?)`,
  ).run(EP, POOL, `billed with its deployment resource pool ${POOL}`);
});
afterEach(() => store.close());

describe('capacity in estimated spend', () => {
  it('counts persistent resources as training and pools as prediction, over the hours they existed', () => {
    const estimate = estimateSpend({
      store,
      fromDay: '2026-11-27',
      toDay: '2026-11-29',
      timezone: 'UTC',
      now: NOW,
    });
    expect(estimate.rows.map((r) => [r.day, r.kind, r.project, Number(r.amount.toFixed(6))])).toEqual([
      // Pool: 24 h × 2 replicas × $2. Persistent resource: 18 h × $10.
      ['2026-11-27', 'prediction', 'ml-prod', 96],
      ['2026-11-27', 'training', 'ml-lab', 180],
      // Until the pool was deleted (06:00), the other pool 12 h at $1, and until now (12:00).
      ['2026-11-28', 'prediction', 'ml-prod', 24 + 12],
      ['2026-11-28', 'training', 'ml-lab', 120],
    ]);
    expect(estimate.unpriced).toEqual([
      {
        resource: `${PARENT}/persistentResources/a100`,
        reason: 'no catalog SKU for A2 vCPU in us-central1 (training)',
      },
    ]);
  });
});

describe('what is running', () => {
  it('lists running persistent resources and live pools with their hourly cost', async () => {
    const config = configSchema.parse({ google: { projects: [{ id: 'ml-lab' }, { id: 'ml-prod' }] } });
    const answer = await askQuestion({ store, config, clock: fixedClock(NOW) }, "what's running right now?");
    expect(answer.text).toContain('persistent resource ray (3 machines) in ml-lab/us-central1: $10.00/h');
    expect(answer.text).toContain('persistent resource a100 (3 machines) in ml-lab/us-central1: unpriced');
    expect(answer.text).not.toContain('persistent resource new');
    expect(answer.text).toContain(
      'resource pool live-pool (1 replica minimum) in ml-prod/us-central1: $1.00/h',
    );
    // The other pool was deleted before now; a model on a pool is not a resource of its own.
    expect(answer.text).not.toContain('shared-t4');
    expect(answer.text).not.toContain('small-model');
    // $10/h and $1/h for a day.
    expect(answer.total).toBeCloseTo(264, 6);
  });
});

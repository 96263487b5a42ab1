// The billing export query has a deadline from the config (google.billingExport.timeoutMs): a BigQuery that
// accepts the connection and never answers fails the query — retried as a transient error, then reported —
// instead of holding the sync pass, and every later one behind it, for good.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gcp, GcpError } from '../../src/gcp/index.js';
import { NOW, scenario } from './scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const TIMEOUT_MS = 1_000;
const config = testConfig({
  projects: [{ id: 'ml-prod', regions: ['us-central1'] }],
  billingExport: {
    table: 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9',
    timeoutMs: TIMEOUT_MS,
  },
  retry: { attempts: 2, baseDelayMs: 1, timeoutMs: 5_000 },
});

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, config);
});

afterAll(async () => {
  await gcp.close();
  await harness.close();
});

beforeEach(async () => {
  await harness.reset();
});

describe('billing export deadline', () => {
  it('google.billingExport.timeoutMs defaults to two minutes', () => {
    expect(testConfig({}).google.billingExport.timeoutMs).toBe(120_000);
  });

  it('a BigQuery that never answers: the query fails as a transient error after its attempts', async () => {
    const billing = gcp.billing;
    if (!billing) throw new Error('billing export not configured');
    await harness.setFaults({ rules: [{ path: '^/bigquery/', code: 'timeout' }] });
    const error = await billing
      .dailyCosts({
        startDay: '2026-11-20',
        endDay: '2026-11-26',
        timezone: 'UTC',
        exportedAfter: '1970-01-01T00:00:00.000000Z',
        sinceDay: '2026-11-18',
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(error).toBeInstanceOf(GcpError);
    expect((error as GcpError).kind).toBe('retryable');
    const attempts = (await harness.requests()).filter((r) => r.path.startsWith('/bigquery/'));
    expect(attempts).toHaveLength(2);
  }, 30_000);
});

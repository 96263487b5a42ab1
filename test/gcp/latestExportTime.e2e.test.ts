// The cheap freshness query on the billing export, through the real BigQuery client against the simulator.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLatestExportTimeQuery } from '../../src/gcp/billingQuery.js';
import type { Gcp } from '../../src/gcp/index.js';
import { NOW, scenario } from './scenario.js';
import { gcpFor, type SimHarness, startHarness, testConfig } from './simHarness.js';

const TABLE = 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';

let harness: SimHarness;
let gcp: Gcp;

beforeAll(async () => {
  harness = await startHarness(scenario, NOW);
  gcp = gcpFor(harness.url, testConfig({ billingExport: { table: TABLE } }));
});
afterAll(async () => {
  await gcp.close();
  await harness.close();
});

describe('latest export time', () => {
  it('reads one column of the partitions from the given day on', () => {
    const sql = buildLatestExportTimeQuery(TABLE);
    expect(sql).toContain('MAX(export_time)');
    expect(sql).toContain(`FROM \`${TABLE}\``);
    expect(sql).toContain('WHERE _PARTITIONTIME >= TIMESTAMP(@since_day)');
    expect(() => buildLatestExportTimeQuery('not a table; DROP')).toThrow(/not project.dataset.table/);
  });

  it('answers the newest export time, or null when nothing was exported since', async () => {
    const billing = gcp.billing;
    if (!billing) throw new Error('billing export not configured');
    // Now is 2026-11-26 12:00. The export appends every 4 hours; usage reaches it 8 hours after its 6-hour
    // block ends, so the newest append holds Nov 25 18:00–24:00, exported at 08:00.
    expect(await billing.latestExportTime('2026-11-20')).toMatchObject({
      latestExportTime: '2026-11-26T08:00:00.000000Z',
      sinceDay: '2026-11-20',
    });
    expect(await billing.latestExportTime('2026-11-27')).toMatchObject({ latestExportTime: null });
    await expect(billing.latestExportTime('yesterday')).rejects.toThrow(/a day like/);
  });
});

describe('latest export time without running resources', () => {
  it('trails usage by the export lag', async () => {
    const quiet = await startHarness(
      {
        ...scenario,
        endpoints: [],
        jobs: [],
        billing: { ...(scenario.billing ?? {}), includeResourceUsage: false },
      },
      NOW,
    );
    const api = gcpFor(quiet.url, testConfig({ billingExport: { table: TABLE } }));
    try {
      // Nov 25 18:00–24:00 was exported at 08:00; today's first block is not due before 16:00.
      expect(await api.billing?.latestExportTime('2026-11-20')).toMatchObject({
        latestExportTime: '2026-11-26T08:00:00.000000Z',
      });
    } finally {
      await api.close();
      await quiet.close();
    }
  });
});

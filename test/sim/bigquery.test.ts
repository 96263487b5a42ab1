import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim/server.js';
import { bigQueryClient, SKU, startTestSimulator } from './fixtures.js';

const BILLING_SQL = `
SELECT
  DATE(usage_start_time) AS day,
  project.id AS project_id,
  service.description AS service,
  sku.id AS sku_id,
  sku.description AS sku_description,
  location.region AS location,
  (SELECT value FROM UNNEST(labels) WHERE key = 'team') AS label_team,
  (SELECT value FROM UNNEST(labels) WHERE key = 'expected-hours') AS label_expected_hours,
  SUM(cost) AS cost,
  SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits,
  currency
FROM \`billing-admin.billing_export.gcp_billing_export_v1_0123AB_456CDE_789EF0\`
WHERE DATE(usage_start_time) >= @start_day AND DATE(usage_start_time) < @end_day
  AND service.description IN UNNEST(@services)
GROUP BY day, project_id, service, sku_id, sku_description, location, label_team, label_expected_hours, currency`;

interface BillingResultRow {
  day: { value: string };
  project_id: string;
  service: string;
  sku_id: string;
  sku_description: string;
  location: string;
  label_team: string | null;
  label_expected_hours: string | null;
  cost: number;
  credits: number;
  currency: string;
}

let sim: RunningSimulator;
let bigquery: BigQuery;

beforeAll(async () => {
  sim = await startTestSimulator();
  bigquery = bigQueryClient(sim);
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
});

/** Runs a query and types its rows; the client returns `any[]` rows. */
async function billingRows(query: Parameters<BigQuery['query']>[0]): Promise<BillingResultRow[]> {
  const [rows] = await bigquery.query(query);
  return rows as BillingResultRow[];
}

function billingQuery(extra: Record<string, unknown> = {}) {
  return {
    query: BILLING_SQL,
    params: {
      start_day: BigQuery.date('2025-03-02'),
      end_day: BigQuery.date('2025-03-13'),
      services: ['Vertex AI'],
    },
    location: 'US',
    ...extra,
  };
}

async function loggedRequests(): Promise<{ method: string; path: string; query: string }[]> {
  return (await (await fetch(`${sim.url}/_sim/requests`)).json()) as {
    method: string;
    path: string;
    query: string;
  }[];
}

describe('BigQuery billing export query', () => {
  it('answers jobs.query with typed columns, one per selected label', async () => {
    const rows = await billingRows(billingQuery({ maximumBytesBilled: String(10 ** 10) }));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((row) => row.service === 'Vertex AI')).toBe(true);
    expect(rows.every((row) => row.day.value >= '2025-03-02' && row.day.value <= '2025-03-12')).toBe(true);

    const weekday = rows.find(
      (row) =>
        row.day.value === '2025-03-05' &&
        row.sku_id === SKU.trainingCore &&
        row.project_id === 'ml-prod' &&
        row.label_team === 'search',
    );
    expect(weekday).toMatchObject({
      cost: 100,
      credits: -10,
      currency: 'USD',
      location: 'us-central1',
      label_expected_hours: null,
    });
    const weekend = rows.find(
      (row) =>
        row.day.value === '2025-03-08' && row.sku_id === SKU.trainingCore && row.label_team === 'search',
    );
    expect(weekend?.cost).toBe(50);

    const spike = rows.find(
      (row) => row.day.value === '2025-03-09' && row.project_id === 'ml-research' && row.label_team === 'ads',
    );
    expect(spike).toMatchObject({ cost: 900, credits: -90, label_expected_hours: '6' });

    // Job 502: 3 replicas of n1-standard-4 for 5 hours on 2025-03-11, management fee per vCPU-hour.
    const fee = rows.find(
      (row) =>
        row.day.value === '2025-03-11' && row.sku_id === SKU.trainingFeeCore && row.label_team === 'search',
    );
    expect(fee?.cost).toBeCloseTo(4 * 0.0047417 * 15, 5);

    const unlabelled = rows.filter((row) => row.label_team === null);
    expect(unlabelled.length).toBeGreaterThan(0);

    const [request] = await loggedRequests();
    expect(request).toMatchObject({ method: 'POST', path: '/bigquery/v2/projects/billing-admin/queries' });
  });

  it('pages through results with getQueryResults and pageToken', async () => {
    const all = await billingRows(billingQuery());
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });

    // query() takes the first page from jobs.query and the rest from getQueryResults with the page token.
    const paged = await billingRows(billingQuery({ maxResults: 7 }));
    expect(paged).toEqual(all);
    const followUps = (await loggedRequests()).filter((entry) => entry.method === 'GET');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.query).toContain('pageToken=');

    // Manual paging with maxResults keeps every page that small.
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    const [job] = await bigquery.createQueryJob(billingQuery());
    const rows: unknown[] = [];
    let pageQuery: Record<string, unknown> | null = { maxResults: 7, autoPaginate: false };
    while (pageQuery) {
      const [pageRows, nextQuery] = (await job.getQueryResults(pageQuery)) as unknown as [
        unknown[],
        Record<string, unknown> | null,
      ];
      expect(pageRows.length).toBeLessThanOrEqual(7);
      rows.push(...pageRows);
      pageQuery = nextQuery;
    }
    expect(rows).toEqual(all);
    const pages = (await loggedRequests()).filter(
      (entry) => entry.method === 'GET' && entry.path.includes('/queries/'),
    );
    expect(pages).toHaveLength(Math.ceil(all.length / 7));
  });

  it('recognises the export query on a custom-named table with extra parameters', async () => {
    const sql = BILLING_SQL.replace(
      'billing_export.gcp_billing_export_v1_0123AB_456CDE_789EF0',
      'finops.vertex_costs',
    ).replace('DATE(usage_start_time)', 'DATE(usage_start_time, @timezone)');
    const rows = await billingRows({
      query: sql,
      params: { ...billingQuery().params, timezone: 'Europe/Paris' },
    });
    expect(rows.length).toBeGreaterThan(10);
  });

  it('supports jobs.insert followed by getQueryResults', async () => {
    const [job] = await bigquery.createQueryJob(billingQuery({ jobId: 'billing_sync_1' }));
    expect(job.id).toBe('billing_sync_1');
    const [rows] = (await job.getQueryResults()) as unknown as [BillingResultRow[]];
    expect(rows.length).toBeGreaterThan(10);
    const [metadata] = await job.getMetadata();
    expect(metadata.status?.state).toBe('DONE');
    expect(Number(metadata.statistics?.query?.totalBytesBilled)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
  });

  it('honours maximumBytesBilled with bytesBilledLimitExceeded', async () => {
    await expect(bigquery.query(billingQuery({ maximumBytesBilled: '1000' }))).rejects.toMatchObject({
      code: 400,
      errors: [expect.objectContaining({ reason: 'bytesBilledLimitExceeded' })],
    });
  });

  it('rejects SQL it does not recognise with invalidQuery', async () => {
    await expect(bigquery.query({ query: 'SELECT 1' })).rejects.toMatchObject({
      code: 400,
      errors: [expect.objectContaining({ reason: 'invalidQuery' })],
    });
    await expect(
      bigquery.query({ query: BILLING_SQL, params: { start_day: BigQuery.date('2025-03-02') } }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('keeps billing running resources as simulated time advances', async () => {
    const before = await billingRows(
      billingQuery({
        params: {
          start_day: BigQuery.date('2025-03-12'),
          end_day: BigQuery.date('2025-03-14'),
          services: ['Vertex AI'],
        },
      }),
    );
    await fetch(`${sim.url}/_sim/advance`, { method: 'POST', body: JSON.stringify({ hours: 24 }) });
    const after = await billingRows(
      billingQuery({
        params: {
          start_day: BigQuery.date('2025-03-12'),
          end_day: BigQuery.date('2025-03-14'),
          services: ['Vertex AI'],
        },
      }),
    );
    const total = (rows: BillingResultRow[]) => rows.reduce((sum, row) => sum + row.cost, 0);
    expect(total(after)).toBeGreaterThan(total(before));
    expect(after.some((row) => row.day.value === '2025-03-13')).toBe(true);
  });
});

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

    // Job 502: 3 replicas of n1-standard-4 on demand for 5 hours on 2025-03-11, billed on the Vertex AI core SKU
    // alone (no management fee on demand). At 10:00 the next day all but the late-reported share of the day (4 %,
    // exported 20 h after the day) is in the export.
    const core = rows.find(
      (row) =>
        row.day.value === '2025-03-11' && row.sku_id === SKU.trainingCore && row.label_team === 'search',
    );
    expect(core?.cost).toBeCloseTo((100 + 4 * 0.031611 * 15) * 0.96, 5);
    expect(rows.some((row) => row.sku_id === SKU.trainingFeeCore && row.label_team === 'search')).toBe(false);

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

  // Google: export_time "will always increase with each new export"; costs are "typically ... available within a
  // day, but can sometimes take more than 24 hours"; corrections and credits are appended, never rewritten.
  const INCREMENTAL_SQL = `
WITH exported AS (
  SELECT * FROM \`billing-admin.billing_export.gcp_billing_export_v1_0123AB_456CDE_789EF0\`
  WHERE _PARTITIONTIME >= TIMESTAMP(@since_day) AND export_time > @exported_after
), totals AS (
  SELECT DATE(usage_start_time) AS day, project.id AS project_id, service.description AS service,
    sku.id AS sku_id, sku.description AS sku_description, location.region AS location,
    (SELECT value FROM UNNEST(labels) WHERE key = 'team') AS label_team,
    (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = 'goog-vertex-ai-product' LIMIT 1) AS vertex_product,
    EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'vertex-ai-pipelines-run-billing-id') AS pipeline_run,
    SUM(cost) AS cost, SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS credits, currency
  FROM exported
  WHERE DATE(usage_start_time) >= @start_day AND DATE(usage_start_time) < @end_day
    AND (service.description IN UNNEST(@services)
      OR EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'goog-vertex-ai-product'))
  GROUP BY day, project_id, service, sku_id, sku_description, location, label_team, vertex_product, pipeline_run, currency
)
SELECT totals.*, FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', (SELECT MAX(export_time) FROM exported)) AS exported_through
FROM (SELECT 1) LEFT JOIN totals ON TRUE`;

  async function exportedAfter(after: string, sinceDay: string, startDay = '2025-02-01') {
    const [job] = await bigquery.createQueryJob({
      query: INCREMENTAL_SQL,
      params: {
        since_day: BigQuery.date(sinceDay),
        exported_after: BigQuery.timestamp(after),
        start_day: BigQuery.date(startDay),
        end_day: BigQuery.date('2025-03-20'),
        services: ['Vertex AI'],
      },
    });
    const [rows] = await job.getQueryResults();
    return rows as Array<
      BillingResultRow & {
        exported_through: string | null;
        pipeline_run: boolean;
        vertex_product: string | null;
      }
    >;
  }

  it('appends a day over the following day: rows exported after a watermark, and how far the export is', async () => {
    // Now is 2025-03-12 10:00. The 04:00 append held Mar 11 12:00–18:00, the 08:00 one Mar 11 18:00–24:00.
    const rows = await exportedAfter('2025-03-12T04:00:00Z', '2025-03-10');
    expect(new Set(rows.map((r) => r.day.value))).toEqual(new Set(['2025-03-11']));
    expect(rows.every((r) => r.exported_through === '2025-03-12T08:00:00.000000Z')).toBe(true);
    const stream = rows.find((r) => r.sku_id === SKU.trainingCore && r.label_team === 'search');
    // A Tuesday: $100 a day in four 6-hour blocks, 96 % of each on time (4 % of the day comes 20 h after it).
    expect(stream).toMatchObject({ cost: 24, credits: -2.4 });
    // Nothing after the last append: no rows, but still the row saying how far the export is.
    const none = await exportedAfter('2025-03-12T08:00:00Z', '2025-03-10');
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ day: null, cost: null, exported_through: null });
  });

  it('appends a late credit for an old usage day when it arrives, and nothing else is read twice', async () => {
    const before = await exportedAfter('2025-03-12T08:00:00Z', '2025-03-10');
    expect(before[0]?.day).toBeNull();
    await fetch(`${sim.url}/_sim/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 3 }),
    });
    const after = await exportedAfter('2025-03-12T08:00:00Z', '2025-03-10');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      day: { value: '2025-03-04' },
      sku_id: SKU.trainingCore,
      cost: 0,
      credits: -30,
      exported_through: '2025-03-12T12:00:00.000000Z',
    });
  });

  // "When consuming from a reservation or spot capacity, billing is spread across two SKUs: the Compute Engine SKU
  // with the label goog-vertex-ai-product:… and the … Management Fee SKU" (Use Spot VMs with inference).
  it('bills Spot VMs as Compute Engine Spot SKUs labelled by Vertex AI, plus the management fee', async () => {
    const rows = await exportedAfter('2025-01-01T00:00:00Z', '2025-02-01', '2025-03-10');
    // "nightly": n1-standard-4 on Spot for 2 hours from 14:00 each day, without labels of its own.
    const day = rows.filter((r) => r.day.value === '2025-03-10' && r.label_team === null);
    const spotCore = day.find((r) => r.sku_id === SKU.spotCore);
    expect(spotCore).toMatchObject({ service: 'Compute Engine', vertex_product: 'vertex-ai-training' });
    expect(spotCore?.cost).toBeCloseTo(2 * 4 * 0.00698, 5);
    const fee = day.find((r) => r.sku_id === SKU.trainingFeeCore);
    expect(fee).toMatchObject({ service: 'Vertex AI', vertex_product: null });
    expect(fee?.cost).toBeCloseTo(2 * 4 * 0.0047417, 5);
    // Compute Engine rows without the label are not Vertex AI's: the query's @services leaves them out.
    expect(rows.every((r) => r.service === 'Vertex AI' || r.vertex_product !== null)).toBe(true);
  });

  it('marks what a pipeline run launched with its billing label', async () => {
    const rows = await exportedAfter('2025-01-01T00:00:00Z', '2025-02-01', '2025-03-10');
    const pipeline = rows.filter((r) => r.pipeline_run);
    expect(pipeline.length).toBeGreaterThan(0);
    expect(new Set(pipeline.map((r) => r.day.value))).toEqual(new Set(['2025-03-10']));
    expect(rows.filter((r) => !r.pipeline_run).length).toBeGreaterThan(0);
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
    // 30 hours on it is 16:00 on the 13th: the 13th's first block has been exported (8 h after it ended).
    await fetch(`${sim.url}/_sim/advance`, { method: 'POST', body: JSON.stringify({ hours: 30 }) });
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

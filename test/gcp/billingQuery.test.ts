import { describe, expect, it } from 'vitest';
import {
  BillingQueryError,
  billingQueryParameters,
  buildBillingQuery,
  labelColumns,
} from '../../src/gcp/billingQuery.js';

const TABLE = 'billing-admin.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9';

describe('buildBillingQuery', () => {
  const { sql } = buildBillingQuery(TABLE, ['team', 'expected-hours']);

  it('reads only rows appended after the watermark, from the partitions that can hold them', () => {
    expect(sql).toContain(`SELECT * FROM \`${TABLE}\``);
    expect(sql).toContain('WHERE _PARTITIONTIME >= TIMESTAMP(@since_day) AND export_time > @exported_after');
    // How far the export is comes back even when nothing new was appended.
    expect(sql).toContain(
      "FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', (SELECT MAX(export_time) FROM exported)) AS exported_through",
    );
    expect(sql).toContain('FROM (SELECT 1) LEFT JOIN totals ON TRUE');
  });

  it('keeps Compute Engine rows Vertex AI labelled, and brings the labels that decide a kind', () => {
    expect(sql).toContain(
      "OR EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'goog-vertex-ai-product'))",
    );
    expect(sql).toContain(
      "(SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = 'goog-vertex-ai-product' LIMIT 1) AS vertex_product",
    );
    expect(sql).toContain(
      "EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'vertex-ai-pipelines-run-billing-id') AS pipeline_run",
    );
  });

  it('pushes the aggregation down and filters on usage time', () => {
    expect(sql).toContain('usage_start_time >= TIMESTAMP(@start_day, @timezone)');
    expect(sql).toContain('usage_start_time < TIMESTAMP(@end_day, @timezone)');
    expect(sql).toContain('service.description IN UNNEST(@services)');
    expect(sql).toContain('DATE(usage_start_time, @timezone) AS day');
    expect(sql).toContain('SUM(cost) AS cost');
    expect(sql).toContain('UNNEST(credits)');
    expect(sql).toMatch(
      /GROUP BY day, project_id, service, sku_id, sku_description, location, label_team, label_expected_hours, vertex_product, pipeline_run, currency/,
    );
  });

  it('returns one label_<key> column per configured key', () => {
    expect(sql).toContain("WHERE l.key = 'team' LIMIT 1) AS label_team");
    expect(sql).toContain("WHERE l.key = 'expected-hours' LIMIT 1) AS label_expected_hours");
    expect(labelColumns(['env'])).toEqual([{ key: 'env', column: 'label_env' }]);
  });

  it.each([
    ["team'; DROP TABLE x; --", /not a Google label key/],
    ['Team', /not a Google label key/],
    ['a b', /not a Google label key/],
  ])('refuses the label key %j before it reaches SQL', (key, message) => {
    expect(() => buildBillingQuery(TABLE, [key])).toThrow(BillingQueryError);
    expect(() => buildBillingQuery(TABLE, [key])).toThrow(message);
  });

  it('refuses keys that would share a column, and tables that are not project.dataset.table', () => {
    expect(() => buildBillingQuery(TABLE, ['cost-center', 'cost_center'])).toThrow(
      /share the column label_cost_center/,
    );
    expect(() => buildBillingQuery('x`; DROP', [])).toThrow(/not project.dataset.table/);
  });

  it('passes the watermark, days, services and the time zone as named parameters', () => {
    const query = {
      startDay: '2026-11-01',
      endDay: '2026-11-29',
      timezone: 'Europe/Berlin',
      exportedAfter: '2026-11-28T04:00:00.123456Z',
      sinceDay: '2026-11-26',
    };
    expect(billingQueryParameters(query, ['Vertex AI'])).toEqual([
      { name: 'since_day', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-11-26' } },
      {
        name: 'exported_after',
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: '2026-11-28T04:00:00.123456Z' },
      },
      { name: 'start_day', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-11-01' } },
      { name: 'end_day', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-11-29' } },
      {
        name: 'services',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [{ value: 'Vertex AI' }] },
      },
      { name: 'timezone', parameterType: { type: 'STRING' }, parameterValue: { value: 'Europe/Berlin' } },
    ]);
  });
});

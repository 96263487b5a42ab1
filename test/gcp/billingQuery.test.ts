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

  it('pushes the aggregation down and filters on partitions and usage time', () => {
    expect(sql).toContain(`FROM \`${TABLE}\``);
    expect(sql).toContain('_PARTITIONTIME >= TIMESTAMP(DATE_SUB(@start_day, INTERVAL 2 DAY))');
    expect(sql).toContain('usage_start_time >= TIMESTAMP(@start_day, @timezone)');
    expect(sql).toContain('usage_start_time < TIMESTAMP(@end_day, @timezone)');
    expect(sql).toContain('service.description IN UNNEST(@services)');
    expect(sql).toContain('DATE(usage_start_time, @timezone) AS day');
    expect(sql).toContain('SUM(cost) AS cost');
    expect(sql).toContain('UNNEST(credits)');
    expect(sql).toMatch(
      /GROUP BY day, project_id, service, sku_id, sku_description, location, label_team, label_expected_hours, currency/,
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

  it('passes days, services and the time zone as named parameters', () => {
    expect(billingQueryParameters('2026-11-01', '2026-11-29', ['Vertex AI'], 'Europe/Berlin')).toEqual([
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

// The billing export query (docs/simulator.md, "The billing export query contract"), answered from the billing
// ledger: rows exported after @exported_after in partitions from @since_day on, with usage in
// [@start_day, @end_day), of @services or labelled by Vertex AI, aggregated per usage day and key.

import {
  arrayParameter,
  dayParameter,
  invalidQuery,
  type QueryParameter,
  referencesParameter,
} from './bigqueryParameters.js';
import type { SchemaField } from './bigquerySchema.js';
import type { BillingLedger, BillingRow } from './billing.js';
import { PIPELINE_RUN_LABEL, VERTEX_PRODUCT_LABEL } from './billing.js';
import { partitionMs } from './billingExport.js';

/** What one day of an hourly export row set weighs per aggregated row, to make bytes processed plausible. */
const BYTES_PER_ROW_DAY = 24 * 640;

export interface BillingAnswer {
  schema: SchemaField[];
  rows: { f: { v: string | null }[] }[];
  bytesProcessed: number;
}

interface Group {
  keyColumns: (string | null)[];
  cost: number;
  credits: number;
  currency: string;
  baseAmount: number;
  baseUnit: string;
  pricingAmount: number;
  pricingUnit: string;
}

export function billingQueryAnswer(
  ledger: BillingLedger,
  sql: string,
  parameters: Map<string, QueryParameter>,
): BillingAnswer {
  const startDay = dayParameter(sql, parameters, 'start_day');
  const endDay = dayParameter(sql, parameters, 'end_day');
  const services = referencesParameter(sql, 'services') ? arrayParameter(parameters, 'services') : undefined;
  const afterMs = referencesParameter(sql, 'exported_after')
    ? timestampParameter(parameters, 'exported_after')
    : Number.NEGATIVE_INFINITY;
  const sinceMs = referencesParameter(sql, 'since_day')
    ? Date.parse(`${dayParameter(sql, parameters, 'since_day')}T00:00:00Z`)
    : Number.NEGATIVE_INFINITY;
  const labelColumns = [
    ...new Set([...sql.matchAll(/\bAS\s+label_([A-Za-z0-9_]+)/gi)].map((match) => match[1] ?? '')),
  ];
  const wantsProduct = /\bAS\s+vertex_product\b/i.test(sql);
  const wantsPipelineRun = /\bAS\s+pipeline_run\b/i.test(sql);
  const wantsExportedThrough = /\bAS\s+exported_through\b/i.test(sql);
  // usage.amount / usage.unit and usage.amount_in_pricing_units / usage.pricing_unit, summed per group.
  const wantsUsage = /\bAS\s+usage_amount\b/i.test(sql);
  const wantsPricingUsage = /\bAS\s+usage_pricing_amount\b/i.test(sql);
  // `OR EXISTS (SELECT … UNNEST(labels) … 'goog-vertex-ai-product')` also keeps other services' labelled rows.
  const keepsLabelled = new RegExp(
    `EXISTS\\s*\\([^)]*UNNEST\\(labels\\)[^)]*'${VERTEX_PRODUCT_LABEL}'`,
    'i',
  ).test(sql);

  // The partitions scanned, and of them the rows appended after the watermark.
  const scanned = ledger
    .rows()
    .filter((row) => partitionMs(row.exportMs) >= sinceMs && row.exportMs > afterMs);
  const exportedThrough = scanned.reduce<number | null>(
    (latest, row) => (latest === null || row.exportMs > latest ? row.exportMs : latest),
    null,
  );
  const selected = scanned
    .filter((row) => row.day >= startDay && row.day < endDay)
    .filter(
      (row) =>
        services === undefined ||
        services.includes(row.service) ||
        (keepsLabelled && VERTEX_PRODUCT_LABEL in row.labels),
    )
    .sort(compareRows);

  const extra = (row: BillingRow): (string | null)[] => [
    ...(wantsProduct ? [row.labels[VERTEX_PRODUCT_LABEL] ?? null] : []),
    ...(wantsPipelineRun ? [PIPELINE_RUN_LABEL in row.labels ? 'true' : 'false'] : []),
  ];
  const schema: SchemaField[] = [
    field('day', 'DATE'),
    field('project_id', 'STRING'),
    field('service', 'STRING'),
    field('sku_id', 'STRING'),
    field('sku_description', 'STRING'),
    field('location', 'STRING'),
    ...labelColumns.map((key) => field(`label_${key}`, 'STRING')),
    ...(wantsProduct ? [field('vertex_product', 'STRING')] : []),
    ...(wantsPipelineRun ? [field('pipeline_run', 'BOOLEAN')] : []),
    field('cost', 'FLOAT'),
    field('credits', 'FLOAT'),
    field('currency', 'STRING'),
    ...(wantsUsage ? [field('usage_amount', 'FLOAT'), field('usage_unit', 'STRING')] : []),
    ...(wantsPricingUsage
      ? [field('usage_pricing_amount', 'FLOAT'), field('usage_pricing_unit', 'STRING')]
      : []),
    ...(wantsExportedThrough ? [field('exported_through', 'STRING')] : []),
  ];
  const through = exportedThrough === null ? null : microsText(exportedThrough);
  const rows = groupBySelectedColumns(selected, labelColumns, extra).map((group) => ({
    f: [
      ...group.keyColumns,
      String(roundMicros(group.cost)),
      String(roundMicros(group.credits)),
      group.currency,
      ...(wantsUsage ? [String(roundMicros(group.baseAmount)), group.baseUnit] : []),
      ...(wantsPricingUsage ? [String(roundMicros(group.pricingAmount)), group.pricingUnit] : []),
      ...(wantsExportedThrough ? [through] : []),
    ].map((v) => ({ v })),
  }));
  // `FROM (SELECT 1) LEFT JOIN totals ON TRUE`: no totals still gives one row, carrying exported_through.
  if (rows.length === 0 && wantsExportedThrough) {
    rows.push({ f: schema.map((column) => ({ v: column.name === 'exported_through' ? through : null })) });
  }
  return { schema, rows, bytesProcessed: Math.max(1, scanned.length) * BYTES_PER_ROW_DAY };
}

function timestampParameter(parameters: Map<string, QueryParameter>, name: string): number {
  const parameter = parameters.get(name);
  if (!parameter) throw invalidQuery(`Query parameter '${name}' not found at [1:1]`);
  const value = parameter.parameterValue?.value ?? '';
  const ms = Date.parse(value);
  if (parameter.parameterType?.type !== 'TIMESTAMP' || Number.isNaN(ms)) {
    throw invalidQuery(`Query parameter '${name}' must be a TIMESTAMP, got "${value}".`);
  }
  return ms;
}

/** FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', …): RFC 3339 to the microsecond. */
export function microsText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The query groups by day, project, service, SKU, location and the selected label columns only, so ledger rows
 * that differ in labels the query did not select add up into one result row.
 */
function groupBySelectedColumns(
  rows: readonly BillingRow[],
  labelColumns: readonly string[],
  extra: (row: BillingRow) => (string | null)[],
): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const keyColumns = [
      row.day,
      row.projectId,
      row.service,
      row.skuId,
      row.skuDescription,
      row.location,
      ...labelColumns.map((key) => labelFor(row, key)),
      ...extra(row),
    ];
    const key = JSON.stringify([...keyColumns, row.currency]);
    const group = groups.get(key) ?? {
      keyColumns,
      cost: 0,
      credits: 0,
      currency: row.currency,
      baseAmount: 0,
      baseUnit: row.baseUnit,
      pricingAmount: 0,
      pricingUnit: row.pricingUnit,
    };
    group.cost += row.cost;
    group.credits += row.credits;
    group.baseAmount += row.baseAmount;
    group.pricingAmount += row.pricingAmount;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Label keys may contain "-" (expected-hours) but SQL aliases cannot, so aliases use "_" in their place. */
function labelFor(row: BillingRow, aliasKey: string): string | null {
  if (aliasKey in row.labels) return row.labels[aliasKey] ?? null;
  const normalised = aliasKey.toLowerCase();
  for (const [key, value] of Object.entries(row.labels)) {
    if (key.toLowerCase().replace(/[^a-z0-9_]/g, '_') === normalised) return value;
  }
  return null;
}

function compareRows(a: BillingRow, b: BillingRow): number {
  return (
    a.day.localeCompare(b.day) ||
    a.projectId.localeCompare(b.projectId) ||
    a.service.localeCompare(b.service) ||
    a.skuId.localeCompare(b.skuId) ||
    a.location.localeCompare(b.location)
  );
}

function roundMicros(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function field(name: string, type: SchemaField['type']): SchemaField {
  return { name, type, mode: 'NULLABLE' };
}

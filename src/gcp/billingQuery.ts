// The billing export query, built as text plus named parameters. Values always travel as parameters; the only
// things spliced into the SQL are the table name and the label keys, and both are validated first.

/** A label key as it is matched in the export (`key = '…'`) and the column alias it is returned under. */
export interface LabelColumn {
  key: string;
  column: string;
}

export interface BillingQueryText {
  sql: string;
  labelColumns: LabelColumn[];
}

/** One named query parameter in BigQuery's REST shape (jobs.insert configuration.query.queryParameters). */
export interface QueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string; arrayValues?: Array<{ value: string }> };
}

export class BillingQueryError extends Error {
  override name = 'BillingQueryError';
}

// project.dataset.table, the same shape the configuration accepts; nothing else may reach the FROM clause.
const TABLE_NAME = /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/;
// Google label keys: lowercase letters, digits, "_" and "-". "-" cannot appear in an alias, so it becomes "_".
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;

// Partitions are by export time, which trails usage; how Google dates a partition (its UTC or Pacific day) is not
// documented for the standard export, so a row appended after the watermark may sit in the partition of the day
// before the watermark's UTC day. Two days covers that and every time zone.
export const PARTITION_MARGIN_DAYS = 2;

/** Vertex AI puts this label on Compute Engine usage it runs on Spot, reserved or Flex-start VMs. */
export const VERTEX_PRODUCT_LABEL = 'goog-vertex-ai-product';
/** Vertex AI Pipelines puts this label on the resources a pipeline run launches. */
export const PIPELINE_RUN_LABEL = 'vertex-ai-pipelines-run-billing-id';

export function labelColumns(labelKeys: readonly string[]): LabelColumn[] {
  const columns: LabelColumn[] = [];
  for (const key of labelKeys) {
    if (!LABEL_KEY.test(key)) {
      throw new BillingQueryError(
        `label key ${JSON.stringify(key)} is not a Google label key (a-z, 0-9, _ and -)`,
      );
    }
    const column = `label_${key.replace(/-/g, '_')}`;
    const clash = columns.find((c) => c.column === column);
    if (clash)
      throw new BillingQueryError(`label keys ${clash.key} and ${key} would share the column ${column}`);
    columns.push({ key, column });
  }
  return columns;
}

/**
 * Daily aggregates of the rows appended after @exported_after (partitions from @since_day on), per (usage day in
 * @timezone, project, service, SKU, location, configured labels, Vertex AI product label, pipeline run,
 * currency): cost summed, credits (negative amounts) summed, usage summed in its base unit (usage.amount,
 * usage.unit) and in the catalog's pricing unit (usage.amount_in_pricing_units, usage.pricing_unit): one SKU
 * has one unit of each. Rows are those of @services, and Compute Engine (or
 * any) rows Vertex AI labelled as its own. Every row also carries exported_through, the newest export_time
 * scanned; when nothing new was appended, the one row returned carries only that (NULL then too).
 */
export function buildBillingQuery(table: string, labelKeys: readonly string[]): BillingQueryText {
  if (!TABLE_NAME.test(table))
    throw new BillingQueryError(`billing export table ${JSON.stringify(table)} is not project.dataset.table`);
  const labels = labelColumns(labelKeys);
  const labelSelects = labels.map(
    ({ key, column }) =>
      `    (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = '${key}' LIMIT 1) AS ${column},`,
  );
  const labelNames = labels.map(({ column }) => `${column}, `).join('');
  const sql = [
    'WITH exported AS (',
    `  SELECT * FROM \`${table}\``,
    '  WHERE _PARTITIONTIME >= TIMESTAMP(@since_day) AND export_time > @exported_after',
    '), usage_rows AS (',
    '  SELECT',
    '    DATE(usage_start_time, @timezone) AS day,',
    "    IFNULL(project.id, '') AS project_id,",
    '    service.description AS service,',
    '    sku.id AS sku_id,',
    '    sku.description AS sku_description,',
    "    COALESCE(location.region, location.location, 'global') AS location,",
    ...labelSelects,
    `    (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = '${VERTEX_PRODUCT_LABEL}' LIMIT 1) AS vertex_product,`,
    `    EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = '${PIPELINE_RUN_LABEL}') AS pipeline_run,`,
    '    cost,',
    '    IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0) AS credit_amount,',
    '    currency,',
    '    IFNULL(usage.amount, 0) AS base_amount, usage.unit AS base_unit,',
    '    IFNULL(usage.amount_in_pricing_units, 0) AS pricing_amount, usage.pricing_unit AS pricing_unit',
    '  FROM exported',
    '  WHERE usage_start_time >= TIMESTAMP(@start_day, @timezone)',
    '    AND usage_start_time < TIMESTAMP(@end_day, @timezone)',
    '    AND (service.description IN UNNEST(@services)',
    `      OR EXISTS(SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = '${VERTEX_PRODUCT_LABEL}'))`,
    '), totals AS (',
    `  SELECT day, project_id, service, sku_id, sku_description, location, ${labelNames}vertex_product, pipeline_run,`,
    '    SUM(cost) AS cost, SUM(credit_amount) AS credits, currency,',
    '    SUM(base_amount) AS usage_amount, ANY_VALUE(base_unit) AS usage_unit,',
    '    SUM(pricing_amount) AS usage_pricing_amount, ANY_VALUE(pricing_unit) AS usage_pricing_unit',
    '  FROM usage_rows',
    `  GROUP BY day, project_id, service, sku_id, sku_description, location, ${labelNames}vertex_product, pipeline_run, currency`,
    ')',
    "SELECT totals.*, FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', (SELECT MAX(export_time) FROM exported)) AS exported_through",
    'FROM (SELECT 1) LEFT JOIN totals ON TRUE',
    'ORDER BY day, project_id, service, sku_id',
  ].join('\n');
  return { sql, labelColumns: labels };
}

export function billingQueryParameters(
  query: { startDay: string; endDay: string; timezone: string; exportedAfter: string; sinceDay: string },
  services: readonly string[],
): QueryParameter[] {
  const { startDay, endDay, timezone, exportedAfter, sinceDay } = query;
  return [
    { name: 'since_day', parameterType: { type: 'DATE' }, parameterValue: { value: sinceDay } },
    {
      name: 'exported_after',
      parameterType: { type: 'TIMESTAMP' },
      parameterValue: { value: exportedAfter },
    },
    { name: 'start_day', parameterType: { type: 'DATE' }, parameterValue: { value: startDay } },
    { name: 'end_day', parameterType: { type: 'DATE' }, parameterValue: { value: endDay } },
    {
      name: 'services',
      parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
      parameterValue: { arrayValues: services.map((value) => ({ value })) },
    },
    { name: 'timezone', parameterType: { type: 'STRING' }, parameterValue: { value: timezone } },
  ];
}

/**
 * The newest export_time in partitions from @since_day on: how current the export is, for the price of a few
 * partitions of one column. The answer is RFC 3339 text (UTC) to the microsecond, as the billing query's
 * exported_through (so the two compare as text), or NULL when those partitions are empty.
 */
export function buildLatestExportTimeQuery(table: string): string {
  if (!TABLE_NAME.test(table))
    throw new BillingQueryError(`billing export table ${JSON.stringify(table)} is not project.dataset.table`);
  return [
    "SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', MAX(export_time)) AS latest_export_time",
    `FROM \`${table}\``,
    'WHERE _PARTITIONTIME >= TIMESTAMP(@since_day)',
  ].join('\n');
}

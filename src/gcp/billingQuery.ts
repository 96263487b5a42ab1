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

// Export partitions are by export time, which trails usage; a row's partition can still start slightly before
// the usage day in the configured time zone (zones ahead of UTC). Two days covers every zone offset.
export const PARTITION_MARGIN_DAYS = 2;

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
 * Daily aggregates per (day in @timezone, project, service, SKU, location, configured labels, currency): cost
 * summed, credits (negative amounts) summed. Scans only partitions from @start_day minus a margin and usage in
 * [@start_day, @end_day).
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
    'WITH usage_rows AS (',
    '  SELECT',
    '    DATE(usage_start_time, @timezone) AS day,',
    "    IFNULL(project.id, '') AS project_id,",
    '    service.description AS service,',
    '    sku.id AS sku_id,',
    '    sku.description AS sku_description,',
    "    COALESCE(location.region, location.location, 'global') AS location,",
    ...labelSelects,
    '    cost,',
    '    IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0) AS credit_amount,',
    '    currency',
    `  FROM \`${table}\``,
    `  WHERE _PARTITIONTIME >= TIMESTAMP(DATE_SUB(@start_day, INTERVAL ${PARTITION_MARGIN_DAYS} DAY))`,
    '    AND usage_start_time >= TIMESTAMP(@start_day, @timezone)',
    '    AND usage_start_time < TIMESTAMP(@end_day, @timezone)',
    '    AND service.description IN UNNEST(@services)',
    ')',
    `SELECT day, project_id, service, sku_id, sku_description, location, ${labelNames}`,
    '  SUM(cost) AS cost, SUM(credit_amount) AS credits, currency',
    'FROM usage_rows',
    `GROUP BY day, project_id, service, sku_id, sku_description, location, ${labelNames}currency`,
    'ORDER BY day, project_id, service, sku_id',
  ].join('\n');
  return { sql, labelColumns: labels };
}

export function billingQueryParameters(
  startDay: string,
  endDay: string,
  services: readonly string[],
  timezone: string,
): QueryParameter[] {
  return [
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
 * partitions of one column. The answer is RFC 3339 text (UTC), or NULL when those partitions are empty.
 */
export function buildLatestExportTimeQuery(table: string): string {
  if (!TABLE_NAME.test(table))
    throw new BillingQueryError(`billing export table ${JSON.stringify(table)} is not project.dataset.table`);
  return [
    "SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', MAX(export_time)) AS latest_export_time",
    `FROM \`${table}\``,
    'WHERE _PARTITIONTIME >= TIMESTAMP(@since_day)',
  ].join('\n');
}

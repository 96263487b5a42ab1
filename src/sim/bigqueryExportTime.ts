// The cheap freshness query on the billing export: the latest export_time in recent partitions, e.g.
//   SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', MAX(export_time)) AS latest_export_time
//   FROM `project.dataset.gcp_billing_export_v1_…` WHERE _PARTITIONTIME >= TIMESTAMP(@since_day)
// The export table is partitioned by export time (_PARTITIONTIME), so a recent @since_day scans only a few days.

import { microsText } from './bigqueryBilling.js';
import type { SchemaField } from './bigquerySchema.js';
import type { BillingLedger } from './billing.js';
import { partitionMs } from './billingExport.js';
import { rfc3339 } from './clock.js';

/** A day's partition holds only the export_time column for this query: a few bytes per row. */
const BYTES_PER_ROW = 8;

export function asksLatestExportTime(sql: string): boolean {
  return /\bMAX\s*\(\s*export_time\s*\)\s*\)?\s*AS\s+latest_export_time\b/i.test(sql);
}

export function latestExportTimeAnswer(
  ledger: BillingLedger,
  sql: string,
  sinceDay: string,
): { schema: SchemaField[]; rows: { f: { v: string | null }[] }[]; bytesProcessed: number } {
  const sinceMs = Date.parse(`${sinceDay}T00:00:00Z`);
  let latestMs: number | null = null;
  let scanned = 0;
  // ledger.rows() holds what has been exported by now: export_time never lies in the future.
  for (const row of ledger.rows()) {
    if (partitionMs(row.exportMs) < sinceMs) continue;
    scanned++;
    if (latestMs === null || row.exportMs > latestMs) latestMs = row.exportMs;
  }
  // The format the query asks for: to the microsecond (%E6S) or the second (%S).
  const micros = /%E6S/.test(sql);
  const value =
    latestMs === null ? null : micros ? microsText(latestMs) : rfc3339(latestMs).replace(/\.\d+Z$/, 'Z');
  return {
    schema: [{ name: 'latest_export_time', type: 'STRING', mode: 'NULLABLE' }],
    rows: [{ f: [{ v: value }] }],
    bytesProcessed: Math.max(1, scanned) * BYTES_PER_ROW,
  };
}

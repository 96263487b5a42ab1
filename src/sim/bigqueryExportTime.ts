// The cheap freshness query on the billing export: the latest export_time in recent partitions, e.g.
//   SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', MAX(export_time)) AS latest_export_time
//   FROM `project.dataset.gcp_billing_export_v1_…` WHERE _PARTITIONTIME >= TIMESTAMP(@since_day)
// The export table is partitioned by export time (_PARTITIONTIME), so a recent @since_day scans only a few days.

import type { SchemaField } from './bigquerySchema.js';
import type { BillingLedger } from './billing.js';
import { DAY_MS, HOUR_MS, rfc3339 } from './clock.js';

/**
 * Rows of a usage day are exported during that day and after it; the simulator writes a day's last rows this
 * long after the day ends (Google: "several hours" and up to days for some services).
 */
const EXPORT_LAG_HOURS = 6;
/** A day's partition holds only the export_time column for this query: a few bytes per row. */
const BYTES_PER_ROW = 8;

export function asksLatestExportTime(sql: string): boolean {
  return /\bMAX\s*\(\s*export_time\s*\)/i.test(sql);
}

export function latestExportTimeAnswer(
  ledger: BillingLedger,
  sinceDay: string,
): { schema: SchemaField[]; rows: { f: { v: string | null }[] }[]; bytesProcessed: number } {
  const sinceMs = Date.parse(`${sinceDay}T00:00:00Z`);
  const nowMs = ledger.state.clock.nowMs();
  let latestMs: number | null = null;
  let scanned = 0;
  for (const row of ledger.rows()) {
    const exportMs = Math.min(
      nowMs,
      Date.parse(`${row.day}T00:00:00Z`) + DAY_MS + EXPORT_LAG_HOURS * HOUR_MS,
    );
    if (exportMs < sinceMs) continue;
    scanned++;
    if (latestMs === null || exportMs > latestMs) latestMs = exportMs;
  }
  const value = latestMs === null ? null : rfc3339(latestMs).replace(/\.\d+Z$/, 'Z');
  return {
    schema: [{ name: 'latest_export_time', type: 'STRING', mode: 'NULLABLE' }],
    rows: [{ f: [{ v: value }] }],
    bytesProcessed: Math.max(1, scanned) * BYTES_PER_ROW,
  };
}

// Billing ingest: what the export appended since the last read, aggregated per day in BigQuery. Google appends
// rows and never rewrites one (corrections and late credits are new rows, for whatever usage day they concern),
// and export_time "will always increase with each new export". So the newest export_time read is a watermark:
// each pass reads, in one partition-filtered query, only the rows appended after it and adds them to the days
// they touch, however far back; and when the export's newest export_time (a query of one column) has not moved
// past the watermark, not even that. The first pass (or one after the time zone, services or label keys
// changed) reads `initialDays` back instead and replaces that range. docs/pipeline.md cites the facts.

import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { KV_KEYS, readKv, writeKv } from '../db/queries/syncState.js';
import { inTransaction } from '../db/rows.js';
import { lastActualDay } from '../domain/exportCutoff.js';
import type { Gcp } from '../gcp/api.js';
import { PARTITION_MARGIN_DAYS } from '../gcp/billingQuery.js';
import type { BillingAggregateRow } from '../gcp/types.js';
import { addDays, dayInZone } from '../time/days.js';
import {
  addBillingRows,
  billingRowKey,
  mergeBillingRows,
  removeStaleBillingRows,
  writeBillingRows,
} from './writeBilling.js';

/** Bumped when what a stored row means changes (e.g. how kinds are classified), so the next pass reads afresh. */
const READ_VERSION = 3;
/** export_time before any export: a full read takes every row. */
const BEFORE_ANY_EXPORT = '1970-01-01T00:00:00.000000Z';

export interface BillingIngestDeps {
  store: Store;
  gcp: Pick<Gcp, 'billing'>;
  config: Config;
  log: Logger;
}

export interface BillingIngestWork {
  resourcesSeen?: number;
  rowsWritten?: number;
  bytesScanned?: number;
  note?: string;
}

/**
 * A billing account has one currency, fixed when it is created ("Billing account currency is determined at the
 * time of billing account creation and cannot be updated", BillingAccount.currencyCode), and the export's `cost`
 * is "the currency that the cost is billed in". Rows in another currency than the configured one, or in two,
 * mean a misconfiguration or a table holding several accounts: amounts in different currencies are never added.
 */
function checkCurrency(rows: readonly BillingAggregateRow[], configured: string): void {
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  if (currencies.length > 1) {
    throw new Error(
      `the billing export holds rows in ${currencies.join(' and ')}: a billing account has one currency, so the ` +
        'table holds more than one account — export one account per table (or point billingExport.table at ' +
        'one); nothing was written',
    );
  }
  const [currency] = currencies;
  if (currency !== undefined && currency !== configured) {
    throw new Error(
      `the billing export is in ${currency} but currency is ${configured} in the configuration: set currency: ` +
        `${currency} (the billing account's currency), so catalog estimates are asked for in ${currency} too; ` +
        'nothing was written',
    );
  }
}

export async function ingestBilling(deps: BillingIngestDeps, now: Date): Promise<BillingIngestWork> {
  const { gcp, store, config } = deps;
  const billing = gcp.billing;
  if (!billing) return { note: 'no billing export configured' };
  const { timezone } = config;
  const { initialDays, lagHours, services, labelKeys } = config.google.billingExport;
  const sqlite = store.sqlite;
  const today = dayInZone(now, timezone);
  const shape = JSON.stringify([
    READ_VERSION,
    timezone,
    config.currency,
    [...services].sort(),
    [...labelKeys].sort(),
  ]);
  const watermark = readKv(sqlite, KV_KEYS.billingExportedThrough);
  const firstDay = readKv(sqlite, KV_KEYS.billingFirstDay);
  const incremental =
    watermark !== null && firstDay !== null && readKv(sqlite, KV_KEYS.billingReadShape) === shape;

  const startDay = incremental ? firstDay : addDays(today, -initialDays);
  const endDay = addDays(today, 1);
  const exportedAfter = incremental ? watermark : BEFORE_ANY_EXPORT;
  // Rows appended after the watermark lie in its partition or later (the margin covers how a partition is dated).
  const sinceDay = addDays(incremental ? watermark.slice(0, 10) : startDay, -PARTITION_MARGIN_DAYS);
  let freshnessBytes = 0;
  if (incremental) {
    // Both are RFC 3339 to the microsecond, so they compare as text.
    const fresh = await billing.latestExportTime(sinceDay);
    freshnessBytes = fresh.bytesProcessed;
    if (fresh.latestExportTime === null || fresh.latestExportTime <= watermark)
      return { bytesScanned: freshnessBytes, note: `export unchanged since ${minute(watermark)}` };
  }
  const result = await billing.dailyCosts({ startDay, endDay, timezone, exportedAfter, sinceDay });
  checkCurrency(result.rows, config.currency);
  const rows = mergeBillingRows(result.rows);
  const exportedThrough = result.exportedThrough ?? (incremental ? watermark : null);
  const nowIso = now.toISOString();

  const recordProgress = () => {
    if (exportedThrough === null) return;
    writeKv(sqlite, KV_KEYS.billingExportedThrough, exportedThrough, nowIso);
    writeKv(sqlite, KV_KEYS.billingFirstDay, startDay, nowIso);
    writeKv(sqlite, KV_KEYS.billingReadShape, shape, nowIso);
    writeKv(sqlite, KV_KEYS.billingActualThrough, lastActualDay(exportedThrough, timezone, lagHours), nowIso);
  };

  let written: number;
  if (incremental) {
    // Added rows and the watermark move together: a pass killed in between adds nothing twice.
    written = inTransaction(store, () => {
      const added = addBillingRows(sqlite, rows, nowIso);
      recordProgress();
      return added;
    });
  } else {
    written = writeBillingRows(sqlite, rows, { ingestedAt: nowIso }).written;
    // The range now mirrors the export; the watermark moves only once everything above has been written.
    written += inTransaction(store, () => {
      const deleted = removeStaleBillingRows(sqlite, startDay, endDay, new Set(rows.map(billingRowKey)));
      recordProgress();
      return deleted;
    });
  }
  return {
    resourcesSeen: rows.length,
    rowsWritten: written,
    bytesScanned: result.bytesProcessed + freshnessBytes,
    note: incremental ? `exported after ${minute(exportedAfter)}` : `${startDay}..${addDays(endDay, -1)}`,
  };
}

/** "2026-11-28 08:00" of an RFC 3339 instant, for the summary. */
function minute(instant: string): string {
  return instant.slice(0, 16).replace('T', ' ');
}

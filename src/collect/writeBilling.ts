// The billing write path: daily aggregates from the export → billing_daily, as idempotent upserts in batched
// transactions. A row whose values did not change is not rewritten, so re-ingesting the same days writes nothing.

import type Database from 'better-sqlite3';
import { billingKeysBetween, deleteBillingRow, upsertBillingRow } from '../db/queries/billingWrites.js';
import { inTransaction } from '../db/rows.js';
import { billingKind } from '../domain/billingKind.js';
import type { BillingAggregateRow } from '../gcp/types.js';

// Large enough that commit overhead is noise, small enough that a killed process loses little work and the
// write lock is released often for readers (Slack listeners) waiting on it.
export const BILLING_BATCH_SIZE = 2000;

export interface BillingWriteOptions {
  ingestedAt: string;
  batchSize?: number;
}

export interface BillingWriteResult {
  /** Rows inserted or changed. */
  written: number;
}

// SKU descriptions repeat on every day of the range: classify each once per connection.
const kindCache = new WeakMap<Database.Database, Map<string, string>>();

function kindOf(sqlite: Database.Database, skuDescription: string): string {
  let kinds = kindCache.get(sqlite);
  if (!kinds) {
    kinds = new Map();
    kindCache.set(sqlite, kinds);
  }
  let kind = kinds.get(skuDescription);
  if (kind === undefined) {
    kind = billingKind({ service: '', skuDescription });
    kinds.set(skuDescription, kind);
  }
  return kind;
}

function writeBatch(
  sqlite: Database.Database,
  rows: readonly BillingAggregateRow[],
  start: number,
  end: number,
  ingestedAt: string,
): number {
  return inTransaction(sqlite, () => {
    let written = 0;
    for (let i = start; i < end; i++) {
      const row = rows[i] as BillingAggregateRow;
      const labels = canonicalLabels(row.labels);
      written += upsertBillingRow(sqlite, {
        day: row.day,
        project: row.project,
        service: row.service,
        skuId: row.skuId,
        skuDescription: row.skuDescription,
        location: row.location,
        labelKey: labels.key,
        labels: labels.json,
        kind: kindOf(sqlite, row.skuDescription),
        cost: row.cost,
        credits: row.credits,
        currency: row.currency,
        ingestedAt,
      });
    }
    return written;
  });
}

/**
 * Upserts daily aggregates, one transaction per batch. Rows with the same key (day, project, service, SKU,
 * location, labels) must already be merged (see mergeBillingRows); otherwise the last one wins.
 */
export function writeBillingRows(
  sqlite: Database.Database,
  rows: readonly BillingAggregateRow[],
  opts: BillingWriteOptions,
): BillingWriteResult {
  const batchSize = opts.batchSize ?? BILLING_BATCH_SIZE;
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    written += writeBatch(sqlite, rows, start, Math.min(rows.length, start + batchSize), opts.ingestedAt);
  }
  return { written };
}

/** Labels as stored: "k=v;k=v" sorted by key (part of the primary key) and the same as a JSON object. */
export function canonicalLabels(labels: Readonly<Record<string, string>>): { key: string; json: string } {
  const keys = Object.keys(labels);
  if (keys.length === 0) return { key: '', json: '{}' };
  keys.sort();
  const sorted: Record<string, string> = {};
  let key = '';
  for (const k of keys) {
    const value = labels[k] as string;
    sorted[k] = value;
    key += `${key ? ';' : ''}${k}=${value}`;
  }
  return { key, json: JSON.stringify(sorted) };
}

/** The identity of a billing row in billing_daily. */
export function billingRowKey(row: BillingAggregateRow): string {
  return [row.day, row.project, row.service, row.skuId, row.location, canonicalLabels(row.labels).key].join(
    '\u0000',
  );
}

/**
 * Sums rows that land on the same billing_daily key (the export can split one SKU-day across descriptions or
 * currencies' rounding), so the write path sees each key once.
 */
export function mergeBillingRows(rows: readonly BillingAggregateRow[]): BillingAggregateRow[] {
  const merged = new Map<string, BillingAggregateRow>();
  for (const row of rows) {
    const key = billingRowKey(row);
    const existing = merged.get(key);
    if (existing) {
      existing.cost += row.cost;
      existing.credits += row.credits;
    } else {
      merged.set(key, { ...row, labels: { ...row.labels } });
    }
  }
  return [...merged.values()];
}

/**
 * Deletes rows in [startDay, endDay) that the latest query did not return (a label or SKU moved), so a
 * re-ingested range mirrors the export exactly. Returns the number of rows deleted.
 */
export function removeStaleBillingRows(
  sqlite: Database.Database,
  startDay: string,
  endDay: string,
  seenKeys: ReadonlySet<string>,
): number {
  let deleted = 0;
  for (const row of billingKeysBetween(sqlite, startDay, endDay)) {
    const key = [row.day, row.project, row.service, row.skuId, row.location, row.labelKey].join('\u0000');
    if (!seenKeys.has(key)) deleted += deleteBillingRow(sqlite, row);
  }
  return deleted;
}

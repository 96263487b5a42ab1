// The billing write path: daily aggregates from the export → billing_daily, as idempotent upserts in batched
// transactions. A row whose values did not change is not rewritten, so re-ingesting the same days writes nothing.

import type Database from 'better-sqlite3';
import type { BillingAggregateRow } from '../gcp/types.js';
import { billingKind } from './billingKind.js';

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

const UPSERT_SQL = `
  INSERT INTO billing_daily
    (day, project, service, sku_id, sku_description, location, label_key, labels, kind, cost, credits, currency, ingested_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (day, project, service, sku_id, location, label_key) DO UPDATE SET
    sku_description = excluded.sku_description, labels = excluded.labels, kind = excluded.kind,
    cost = excluded.cost, credits = excluded.credits, currency = excluded.currency, ingested_at = excluded.ingested_at
  WHERE billing_daily.cost IS NOT excluded.cost OR billing_daily.credits IS NOT excluded.credits
     OR billing_daily.sku_description IS NOT excluded.sku_description OR billing_daily.kind IS NOT excluded.kind
     OR billing_daily.labels IS NOT excluded.labels OR billing_daily.currency IS NOT excluded.currency`;

interface PreparedBillingWrites {
  upsert: Database.Statement;
  writeBatch: (
    rows: readonly BillingAggregateRow[],
    start: number,
    end: number,
    ingestedAt: string,
  ) => number;
}

const prepared = new WeakMap<Database.Database, PreparedBillingWrites>();

function statements(sqlite: Database.Database): PreparedBillingWrites {
  let p = prepared.get(sqlite);
  if (p) return p;
  const upsert = sqlite.prepare(UPSERT_SQL);
  // SKU descriptions repeat on every day of the range: classify each once.
  const kinds = new Map<string, string>();
  const writeBatch = sqlite.transaction(
    (rows: readonly BillingAggregateRow[], start: number, end: number, ingestedAt: string): number => {
      let written = 0;
      for (let i = start; i < end; i++) {
        const row = rows[i] as BillingAggregateRow;
        let kind = kinds.get(row.skuDescription);
        if (kind === undefined) {
          kind = billingKind(row.skuDescription);
          kinds.set(row.skuDescription, kind);
        }
        const labels = canonicalLabels(row.labels);
        written += upsert.run(
          row.day,
          row.project,
          row.service,
          row.skuId,
          row.skuDescription,
          row.location,
          labels.key,
          labels.json,
          kind,
          row.cost,
          row.credits,
          row.currency,
          ingestedAt,
        ).changes;
      }
      return written;
    },
  );
  p = { upsert, writeBatch };
  prepared.set(sqlite, p);
  return p;
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
  const { writeBatch } = statements(sqlite);
  const batchSize = opts.batchSize ?? BILLING_BATCH_SIZE;
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    written += writeBatch(rows, start, Math.min(rows.length, start + batchSize), opts.ingestedAt);
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
  const existing = sqlite
    .prepare<
      [string, string],
      { day: string; project: string; service: string; skuId: string; location: string; labelKey: string }
    >(
      `SELECT day, project, service, sku_id AS skuId, location, label_key AS labelKey
         FROM billing_daily WHERE day >= ? AND day < ?`,
    )
    .all(startDay, endDay);
  const remove = sqlite.prepare(
    'DELETE FROM billing_daily WHERE day = ? AND project = ? AND service = ? AND sku_id = ? AND location = ? AND label_key = ?',
  );
  let deleted = 0;
  for (const row of existing) {
    const key = [row.day, row.project, row.service, row.skuId, row.location, row.labelKey].join('\u0000');
    if (!seenKeys.has(key))
      deleted += remove.run(row.day, row.project, row.service, row.skuId, row.location, row.labelKey).changes;
  }
  return deleted;
}

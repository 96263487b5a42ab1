// The billing write path: daily aggregates from the export → billing_daily. A full read replaces a day range
// with idempotent upserts in batched transactions (a row whose values did not change is not rewritten); an
// incremental read adds what was appended to the export since the last one to the stored rows.

import type Database from 'better-sqlite3';
import {
  addToBillingRow,
  type BillingDailyRow,
  billingKeysBetween,
  deleteBillingRow,
  upsertBillingRow,
} from '../db/queries/billingWrites.js';
import { inTransaction } from '../db/rows.js';
import { billingKind, genaiModelFamily } from '../domain/billingKind.js';
import { genaiTokenType } from '../domain/genaiUsage.js';
import type { SpendKind } from '../domain/kinds.js';
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

// SKU descriptions and labels repeat on every day of the range: classify each combination once. The number of
// combinations is bounded by the SKUs a billing account uses.
const kinds = new Map<string, SpendKind>();

/** The kind a row is stored under (see src/domain/billingKind.ts). */
export function kindOfRow(row: BillingAggregateRow): SpendKind {
  const key = [row.service, row.skuDescription, row.vertexProduct ?? '', row.pipelineRun ? '1' : ''].join(
    '\u0000',
  );
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = billingKind(row);
    kinds.set(key, kind);
  }
  return kind;
}

function dailyRow(row: BillingAggregateRow, ingestedAt: string): BillingDailyRow {
  const labels = canonicalLabels(row.labels);
  const kind = kindOfRow(row);
  const genai = kind === 'genai';
  return {
    day: row.day,
    project: row.project,
    service: row.service,
    skuId: row.skuId,
    skuDescription: row.skuDescription,
    location: row.location,
    labelKey: labels.key,
    labels: labels.json,
    kind,
    cost: row.cost,
    credits: row.credits,
    currency: row.currency,
    ingestedAt,
    modelFamily: genai ? genaiModelFamily(row.skuDescription) : null,
    tokenType: genai ? genaiTokenType(row.skuDescription) : null,
    usageAmount: row.usageAmount,
    usageUnit: row.usageUnit,
  };
}

/**
 * Upserts daily aggregates, one transaction per batch. Rows with the same key (day, project, service, SKU,
 * location, labels, kind) must already be merged (see mergeBillingRows); otherwise the last one wins.
 */
export function writeBillingRows(
  sqlite: Database.Database,
  rows: readonly BillingAggregateRow[],
  opts: BillingWriteOptions,
): BillingWriteResult {
  const batchSize = opts.batchSize ?? BILLING_BATCH_SIZE;
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const end = Math.min(rows.length, start + batchSize);
    written += inTransaction(sqlite, () => {
      let changed = 0;
      for (let i = start; i < end; i++)
        changed += upsertBillingRow(sqlite, dailyRow(rows[i] as BillingAggregateRow, opts.ingestedAt));
      return changed;
    });
  }
  return { written };
}

/**
 * Adds rows newly appended to the export to the stored rows of their keys. Call it inside the transaction that
 * also moves the export watermark: added twice, a row would count twice.
 */
export function addBillingRows(
  sqlite: Database.Database,
  rows: readonly BillingAggregateRow[],
  ingestedAt: string,
): number {
  let written = 0;
  for (const row of rows) written += addToBillingRow(sqlite, dailyRow(row, ingestedAt));
  return written;
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
  return storedKey({ ...row, labelKey: canonicalLabels(row.labels).key, kind: kindOfRow(row) });
}

function storedKey(row: {
  day: string;
  project: string;
  service: string;
  skuId: string;
  location: string;
  labelKey: string;
  kind: string;
}): string {
  return [row.day, row.project, row.service, row.skuId, row.location, row.labelKey, row.kind].join('\u0000');
}

/**
 * Sums rows that land on the same billing_daily key (the export can split one SKU-day across descriptions, or
 * across Vertex AI product labels of one kind), so the write path sees each key once.
 */
export function mergeBillingRows(rows: readonly BillingAggregateRow[]): BillingAggregateRow[] {
  const merged = new Map<string, BillingAggregateRow>();
  for (const row of rows) {
    const key = billingRowKey(row);
    const existing = merged.get(key);
    if (existing) {
      existing.cost += row.cost;
      existing.credits += row.credits;
      existing.usageAmount += row.usageAmount;
      existing.usageUnit ??= row.usageUnit;
    } else {
      merged.set(key, { ...row, labels: { ...row.labels } });
    }
  }
  return [...merged.values()];
}

/**
 * Deletes rows in [startDay, endDay) that the latest full read did not return (a label or SKU moved), so a
 * re-read range mirrors the export exactly. Returns the number of rows deleted.
 */
export function removeStaleBillingRows(
  sqlite: Database.Database,
  startDay: string,
  endDay: string,
  seenKeys: ReadonlySet<string>,
): number {
  let deleted = 0;
  for (const row of billingKeysBetween(sqlite, startDay, endDay)) {
    if (!seenKeys.has(storedKey(row))) deleted += deleteBillingRow(sqlite, row);
  }
  return deleted;
}

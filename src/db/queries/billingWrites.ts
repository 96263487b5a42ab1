// Writes to billing_daily. The rollup tables follow by triggers (migrations 0003, 0005), so every writer keeps
// them exact.

import { allRows, type Conn, execute } from '../rows.js';

/** A billing_daily row as written: labels already canonical (sorted key string and JSON). */
export interface BillingDailyRow {
  day: string;
  project: string;
  service: string;
  skuId: string;
  skuDescription: string;
  location: string;
  labelKey: string;
  labels: string;
  kind: string;
  cost: number;
  credits: number;
  currency: string;
  ingestedAt: string;
  modelFamily: string | null;
  tokenType: string | null;
  usageAmount: number;
  usageUnit: string | null;
}

const INSERT_SQL = `
  INSERT INTO billing_daily
    (day, project, service, sku_id, sku_description, location, label_key, labels, kind, cost, credits, currency, ingested_at,
     model_family, token_type, usage_amount, usage_unit)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (day, project, service, sku_id, location, label_key, kind) DO UPDATE SET`;

const UPSERT_SQL = `${INSERT_SQL}
    sku_description = excluded.sku_description, labels = excluded.labels,
    cost = excluded.cost, credits = excluded.credits, currency = excluded.currency, ingested_at = excluded.ingested_at,
    model_family = excluded.model_family, token_type = excluded.token_type,
    usage_amount = excluded.usage_amount, usage_unit = excluded.usage_unit
  WHERE billing_daily.cost IS NOT excluded.cost OR billing_daily.credits IS NOT excluded.credits
     OR billing_daily.usage_amount IS NOT excluded.usage_amount OR billing_daily.usage_unit IS NOT excluded.usage_unit
     OR billing_daily.model_family IS NOT excluded.model_family OR billing_daily.token_type IS NOT excluded.token_type
     OR billing_daily.sku_description IS NOT excluded.sku_description
     OR billing_daily.labels IS NOT excluded.labels OR billing_daily.currency IS NOT excluded.currency`;

// Rows appended to the export after the last read add to what is stored: Google never rewrites an exported row,
// corrections and late credits arrive as new rows.
const ADD_SQL = `${INSERT_SQL}
    sku_description = excluded.sku_description, labels = excluded.labels,
    cost = billing_daily.cost + excluded.cost, credits = billing_daily.credits + excluded.credits,
    currency = excluded.currency, ingested_at = excluded.ingested_at,
    model_family = excluded.model_family, token_type = excluded.token_type,
    usage_amount = billing_daily.usage_amount + excluded.usage_amount,
    usage_unit = COALESCE(excluded.usage_unit, billing_daily.usage_unit)
  WHERE excluded.cost != 0 OR excluded.credits != 0 OR excluded.usage_amount != 0
     OR billing_daily.sku_description IS NOT excluded.sku_description`;

/** Inserts or updates one row; an unchanged row writes nothing. Returns rows changed (0 or 1). */
export function upsertBillingRow(conn: Conn, r: BillingDailyRow): number {
  return writeRow(conn, UPSERT_SQL, r);
}

/** Adds one row's cost and credits to the stored row of its key (or inserts it). Returns rows changed. */
export function addToBillingRow(conn: Conn, r: BillingDailyRow): number {
  return writeRow(conn, ADD_SQL, r);
}

function writeRow(conn: Conn, sql: string, r: BillingDailyRow): number {
  return execute(
    conn,
    sql,
    r.day,
    r.project,
    r.service,
    r.skuId,
    r.skuDescription,
    r.location,
    r.labelKey,
    r.labels,
    r.kind,
    r.cost,
    r.credits,
    r.currency,
    r.ingestedAt,
    r.modelFamily,
    r.tokenType,
    r.usageAmount,
    r.usageUnit,
  );
}

export interface BillingRowIdentity {
  day: string;
  project: string;
  service: string;
  skuId: string;
  location: string;
  labelKey: string;
  kind: string;
}

/** The keys of every row in [startDay, endDay). */
export function billingKeysBetween(conn: Conn, startDay: string, endDay: string): BillingRowIdentity[] {
  return allRows(
    conn,
    'billing row keys',
    {
      day: 'text',
      project: 'text',
      service: 'text',
      skuId: 'text',
      location: 'text',
      labelKey: 'text',
      kind: 'text',
    },
    `SELECT day, project, service, sku_id AS skuId, location, label_key AS labelKey, kind
       FROM billing_daily WHERE day >= ? AND day < ?`,
    startDay,
    endDay,
  );
}

export function deleteBillingRow(conn: Conn, row: BillingRowIdentity): number {
  return execute(
    conn,
    `DELETE FROM billing_daily
      WHERE day = ? AND project = ? AND service = ? AND sku_id = ? AND location = ? AND label_key = ? AND kind = ?`,
    row.day,
    row.project,
    row.service,
    row.skuId,
    row.location,
    row.labelKey,
    row.kind,
  );
}

// Small named values sync keeps between passes (the kv table). Other modules read them through these helpers
// so the key names live in one place.

import type Database from 'better-sqlite3';

export const KV_KEYS = {
  /** When the catalog was last fetched (RFC 3339). */
  catalogRefreshedAt: 'catalog.refreshedAt',
  /** Latest day (YYYY-MM-DD, configured time zone) the billing export has rows for. */
  billingActualThrough: 'billing.actualThrough',
  /** The day (configured time zone) of the last successful billing query; the next pass re-reads from before it. */
  billingQueriedOn: 'billing.queriedOn',
} as const;

export function readKv(sqlite: Database.Database, key: string): string | null {
  const row = sqlite.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?').get(key);
  return row?.value ?? null;
}

/** Sets a value; returns true when it changed. */
export function writeKv(sqlite: Database.Database, key: string, value: string, at: string): boolean {
  const result = sqlite
    .prepare(
      `INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
       WHERE kv.value IS NOT excluded.value`,
    )
    .run(key, value, at);
  return result.changes > 0;
}

/**
 * The last day billing-export figures cover: what sync recorded, else the latest day present in billing_daily
 * (data loaded by other means); null when there is no billing data at all.
 */
export function billingActualThrough(sqlite: Database.Database): string | null {
  const recorded = readKv(sqlite, KV_KEYS.billingActualThrough);
  if (recorded && /^\d{4}-\d{2}-\d{2}$/.test(recorded)) return recorded;
  const latest = sqlite
    .prepare<[], { day: string | null }>('SELECT MAX(day) AS day FROM billing_daily')
    .get();
  return latest?.day ?? null;
}

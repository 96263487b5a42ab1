// What sync leaves for everyone else: small named values (kv) and a row per sync pass and scope (sync_runs).

import { allRows, type Conn, execute, insertRow, oneRow } from '../rows.js';

export const KV_KEYS = {
  /** When the catalog was last fetched (RFC 3339). */
  catalogRefreshedAt: 'catalog.refreshedAt',
  /**
   * Last day (YYYY-MM-DD, configured time zone) the billing export is actual for: the export has moved the
   * configured lag past its end (src/domain/exportCutoff.ts). Later days are estimated.
   */
  billingActualThrough: 'billing.actualThrough',
  /** The newest export_time read from the billing export (RFC 3339, microseconds): the next pass reads after it. */
  billingExportedThrough: 'billing.exportedThrough',
  /** The first usage day billing_daily holds from the export (the full read's start). */
  billingFirstDay: 'billing.firstDay',
  /** What the stored rows were read with (time zone, services, label keys): a change means a full read. */
  billingReadShape: 'billing.readShape',
} as const;

/** When a region's jobs were last listed (RFC 3339): incremental lists ask for what changed since. */
export const jobsListedAtKey = (project: string, region: string) => `jobs.listedAt.${project}/${region}`;
/** When a region's jobs were last listed whole (RFC 3339), without a filter. */
export const jobsFullListAtKey = (project: string, region: string) => `jobs.fullListAt.${project}/${region}`;

export function readKv(conn: Conn, key: string): string | null {
  return (
    oneRow(conn, 'kv value', { value: 'text' }, 'SELECT value FROM kv WHERE key = ?', key)?.value ?? null
  );
}

/** Sets a value; returns true when it changed. */
export function writeKv(conn: Conn, key: string, value: string, at: string): boolean {
  return (
    execute(
      conn,
      `INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
       WHERE kv.value IS NOT excluded.value`,
      key,
      value,
      at,
    ) > 0
  );
}

/**
 * The last day billing-export figures cover: what sync recorded, else the latest day present in billing_daily
 * (data loaded by other means); null when there is no billing data at all.
 */
export function billingActualThrough(conn: Conn): string | null {
  const recorded = readKv(conn, KV_KEYS.billingActualThrough);
  if (recorded && /^\d{4}-\d{2}-\d{2}$/.test(recorded)) return recorded;
  return (
    oneRow(conn, 'latest billing day', { day: 'text?' }, 'SELECT MAX(day) AS day FROM billing_daily')?.day ??
    null
  );
}

export function startSyncRun(conn: Conn, passId: string, scope: string, startedAt: string): number {
  return insertRow(
    conn,
    'INSERT INTO sync_runs (pass_id, scope, started_at, ok) VALUES (?, ?, ?, 0)',
    passId,
    scope,
    startedAt,
  );
}

export interface SyncRunOutcome {
  endedAt: string;
  ok: boolean;
  error: string | null;
  resourcesSeen: number;
  rowsWritten: number;
  bytesScanned: number;
}

export function finishSyncRun(conn: Conn, id: number, outcome: SyncRunOutcome): void {
  execute(
    conn,
    `UPDATE sync_runs SET ended_at = ?, ok = ?, error = ?, resources_seen = ?, rows_written = ?, bytes_scanned = ?
      WHERE id = ?`,
    outcome.endedAt,
    outcome.ok ? 1 : 0,
    outcome.error,
    outcome.resourcesSeen,
    outcome.rowsWritten,
    outcome.bytesScanned,
    id,
  );
}

/** When the last successful sync of any scope ended (as stored), or null. */
export function lastSuccessfulSyncAt(conn: Conn): string | null {
  return (
    oneRow(
      conn,
      'last successful sync',
      { at: 'text?' },
      'SELECT MAX(COALESCE(ended_at, started_at)) AS at FROM sync_runs WHERE ok = 1',
    )?.at ?? null
  );
}

/** When the last successful sync of any scope finished, or null. */
export function lastSyncEndedAt(conn: Conn): string | null {
  return (
    oneRow(conn, 'last sync end', { at: 'text?' }, 'SELECT MAX(ended_at) AS at FROM sync_runs WHERE ok = 1')
      ?.at ?? null
  );
}

/** The scopes of the latest sync pass, or null when no pass ran. */
export function latestSyncPass(
  conn: Conn,
): Array<{ started_at: string; ended_at: string | null; ok: number; error: string | null }> | null {
  const last = oneRow(
    conn,
    'latest sync pass',
    { pass_id: 'text' },
    'SELECT pass_id FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT 1',
  );
  if (!last) return null;
  return allRows(
    conn,
    'sync pass scopes',
    { started_at: 'text', ended_at: 'text?', ok: 'number', error: 'text?' },
    'SELECT started_at, ended_at, ok, error FROM sync_runs WHERE pass_id = ?',
    last.pass_id,
  );
}

/**
 * A value that changes whenever the database's data does: a commit by another connection (a sync in its own
 * process) moves data_version, a write on this connection moves total_changes(). Lets a reader keep what it
 * derived from the data until the data changes.
 */
export function dataVersion(conn: Conn): string {
  const row = oneRow(
    conn,
    'data version',
    { version: 'number', changes: 'number' },
    'SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes',
  );
  return `${row?.version ?? 0}:${row?.changes ?? 0}`;
}

// Remediation claims on findings: the exactly-once guard of a click, and what ends a claim (settled, given back,
// or released as stale). A claim is named by its holder and the instant it was taken, so a step that ends one
// never ends a newer claim on the same finding.

import { allRows, type Conn, execute } from '../rows.js';

/** A claim as taken: who holds it and since when (RFC 3339 instant, as stored). */
export interface ClaimRef {
  userId: string;
  claimedAt: string;
}

/**
 * The exactly-once guard: of any number of concurrent clicks, one changes the row. A claim older than
 * `staleBefore` (its holder died mid-operation) can be taken over.
 */
export function claimFindingRow(
  conn: Conn,
  id: number,
  userId: string,
  now: string,
  staleBefore: string,
): boolean {
  return (
    execute(
      conn,
      `UPDATE findings SET claimed_by = ?, claimed_at = ?
       WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed', 'allowed')
         AND (claimed_by IS NULL OR claimed_at < ?)`,
      userId,
      now,
      id,
      staleBefore,
    ) === 1
  );
}

/** Gives this claim back; true when it was still held (no one took it over or released it meanwhile). */
export function releaseClaimRow(conn: Conn, id: number, claim: ClaimRef): boolean {
  return (
    execute(
      conn,
      'UPDATE findings SET claimed_by = NULL, claimed_at = NULL WHERE id = ? AND claimed_by = ? AND claimed_at = ?',
      id,
      claim.userId,
      claim.claimedAt,
    ) === 1
  );
}

/** Settles a successful action; true only when this claim still held the row it changed. */
export function markRemediatedRow(conn: Conn, id: number, claim: ClaimRef, now: string): boolean {
  return (
    execute(
      conn,
      `UPDATE findings SET status = 'remediated', acted_by = ?, acted_at = ?
       WHERE id = ? AND claimed_by = ? AND claimed_at = ?`,
      claim.userId,
      now,
      id,
      claim.userId,
      claim.claimedAt,
    ) === 1
  );
}

export interface StaleClaimRow {
  id: number;
  claimed_by: string;
  claimed_at: string;
  suggested_action: string | null;
  resource: string;
}

/** Claims taken before `staleBefore`: their holders never settled them. */
export function staleClaimRows(conn: Conn, staleBefore: string): StaleClaimRow[] {
  return allRows(
    conn,
    'stale claims',
    { id: 'number', claimed_by: 'text', claimed_at: 'text', suggested_action: 'text?', resource: 'text' },
    `SELECT id, claimed_by, claimed_at, suggested_action, resource FROM findings
     WHERE claimed_by IS NOT NULL AND claimed_at < ? ORDER BY id`,
    staleBefore,
  );
}

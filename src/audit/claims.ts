// Remediation claims: one click at a time acts on a finding. A claim ends when its holder settles it (the action
// went through), gives it back (refused, failed, dry run), or — when the holder never came back, because the
// process was killed or Google's operation outran the wait — when the audit finds it stale and releases it.

import type { Store } from '../db/open.js';
import {
  type ClaimRef,
  claimFindingRow,
  markRemediatedRow,
  releaseClaimRow,
  staleClaimRows,
} from '../db/queries/findingClaims.js';
import { insertAttempt } from '../db/queries/remediations.js';
import { inTransaction } from '../db/rows.js';
import { type Finding, getFinding } from './findings.js';

// A holder waits at most the operation timeout for Google; a claim older than that plus this margin (slow
// bookkeeping, clock steps) belongs to a holder that will never settle it.
export const STALE_CLAIM_MARGIN_MS = 60_000;

/** A claim as taken: its holder and the instant (as stored), which together name it. */
export type Claim = ClaimRef;

/** Claims taken before this instant are stale: their holder is gone or gave up waiting long ago. */
export function claimStaleBefore(now: Date, operationTimeoutSeconds: number): Date {
  return new Date(now.getTime() - operationTimeoutSeconds * 1000 - STALE_CLAIM_MARGIN_MS);
}

export type ClaimResult = { claimed: true; claim: Claim } | { claimed: false; finding: Finding | null };

/**
 * Takes the finding for one remediation: of any number of concurrent clicks, exactly one claims it and the
 * others see who holds it. A claim older than `staleBefore` (its holder crashed mid-operation) can be taken over.
 */
export function claimFinding(
  store: Store,
  id: number,
  userId: string,
  now: Date,
  staleBefore: Date,
): ClaimResult {
  const claimedAt = now.toISOString();
  return claimFindingRow(store, id, userId, claimedAt, staleBefore.toISOString())
    ? { claimed: true, claim: { userId, claimedAt } }
    : { claimed: false, finding: getFinding(store, id) };
}

/** Gives a claim back (the live re-check refused, or the call failed); false when it was no longer held. */
export function releaseClaim(store: Store, id: number, claim: Claim): boolean {
  return releaseClaimRow(store, id, claim);
}

/**
 * Marks the finding remediated by the claim's holder. False when the claim no longer held the row (released as
 * stale, or taken over): the action still happened at Google, but the finding was left as it is.
 */
export function markRemediated(store: Store, id: number, claim: Claim, now: Date): boolean {
  return markRemediatedRow(store, id, claim, now.toISOString());
}

export interface ReleasedClaim {
  findingId: number;
  userId: string;
  claimedAt: string;
}

/**
 * Releases every claim taken before the stale time, each with a remediation_log row (result `released`) naming
 * its holder, so the finding can be resolved, alerted and acted on again. Acting again is safe: the next click
 * re-checks the live resource, and undeploy, scale and cancel leave the same state when repeated.
 */
export function releaseStaleClaims(
  store: Store,
  now: Date,
  settings: { operationTimeoutSeconds: number; mode: string },
): ReleasedClaim[] {
  const staleBefore = claimStaleBefore(now, settings.operationTimeoutSeconds);
  const released: ReleasedClaim[] = [];
  inTransaction(store, () => {
    for (const row of staleClaimRows(store, staleBefore.toISOString())) {
      const claim = { userId: row.claimed_by, claimedAt: row.claimed_at };
      if (!releaseClaimRow(store, row.id, claim)) continue;
      insertAttempt(store, {
        findingId: row.id,
        at: now.toISOString(),
        userId: row.claimed_by,
        action: row.suggested_action ?? 'none',
        resource: row.resource,
        mode: settings.mode,
        result: 'released',
        detail: `claim taken at ${row.claimed_at} released by the audit: no outcome was settled within the operation timeout (${settings.operationTimeoutSeconds} s) and a minute; the process stopped or Google's operation outran the wait`,
      });
      released.push({ findingId: row.id, ...claim });
    }
  });
  return released;
}

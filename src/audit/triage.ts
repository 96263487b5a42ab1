// Triage: snoozing a finding and calling it "not waste". Each is a change of the finding and a triage_log row,
// written together, so the history of who silenced what stays complete (the finding keeps only the latest actor).

import type { Store } from '../db/open.js';
import { allowFindingRow, snoozeFindingRow } from '../db/queries/findings.js';
import { insertTriage, type TriageRow, triageRows } from '../db/queries/triage.js';
import { inTransaction } from '../db/rows.js';

export type TriageAction = 'snooze' | 'not-waste';
export type TriageResult = 'ok' | 'unauthorized' | 'refused';

/** Who acted and where: a Slack user in a workspace and channel (both null at the demo's terminal). */
export interface TriageActor {
  userId: string;
  teamId: string | null;
  channel: string | null;
}

export interface TriageEntry {
  findingId: number;
  at: Date;
  actor: TriageActor;
  action: TriageAction;
  result: TriageResult;
  until?: Date | null;
  reason?: string | null;
  detail?: string | null;
}

/** Keeps one triage attempt in the log (refusals included). */
export function recordTriage(store: Store, entry: TriageEntry): void {
  insertTriage(store, {
    findingId: entry.findingId,
    at: entry.at.toISOString(),
    userId: entry.actor.userId,
    teamId: entry.actor.teamId,
    channelId: entry.actor.channel,
    action: entry.action,
    result: entry.result,
    until: entry.until?.toISOString() ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
}

/** Snoozes until `until` and logs it; false (nothing written) when the finding is in no state to snooze. */
export function snoozeFinding(store: Store, id: number, until: Date, actor: TriageActor, now: Date): boolean {
  return inTransaction(store, () => {
    if (!snoozeFindingRow(store, id, until.toISOString(), actor.userId, now.toISOString())) return false;
    recordTriage(store, { findingId: id, at: now, actor, action: 'snooze', result: 'ok', until });
    return true;
  });
}

/** Marks "not waste" with the reason and logs it; false (nothing written) when the finding cannot take it. */
export function allowFinding(
  store: Store,
  id: number,
  reason: string,
  actor: TriageActor,
  now: Date,
): boolean {
  return inTransaction(store, () => {
    if (!allowFindingRow(store, id, reason, actor.userId, now.toISOString())) return false;
    recordTriage(store, { findingId: id, at: now, actor, action: 'not-waste', result: 'ok', reason });
    return true;
  });
}

export type { TriageRow };

/** A finding's triage history, oldest first. */
export function listTriage(store: Store, findingId: number): TriageRow[] {
  return triageRows(store, findingId);
}

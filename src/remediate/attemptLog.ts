import type { Store } from '../db/open.js';
import { attemptRows, insertAttempt, type AttemptRow as StoredAttempt } from '../db/queries/remediations.js';

export type AttemptResult =
  | 'ok'
  | 'dry-run'
  | 'unauthorized'
  | 'already-claimed'
  | 'already-done'
  | 'refused'
  | 'disabled'
  | 'failed'
  | 'timeout'
  | 'released';

export interface AttemptRecord {
  findingId: number | null;
  at: Date;
  userId: string;
  action: string;
  resource: string;
  mode: string;
  result: AttemptResult;
  detail: string | null;
}

/** One remediation_log row per click on an action button, whatever came of it. */
export function recordAttempt(store: Store, attempt: AttemptRecord): void {
  insertAttempt(store, { ...attempt, at: attempt.at.toISOString() });
}

export interface AttemptRow extends Omit<StoredAttempt, 'result'> {
  result: AttemptResult;
}

export function listAttempts(store: Store, findingId?: number): AttemptRow[] {
  return attemptRows(store, findingId) as AttemptRow[];
}

import type { Store } from '../db/open.js';

export type AttemptResult =
  | 'ok'
  | 'dry-run'
  | 'unauthorized'
  | 'already-claimed'
  | 'already-done'
  | 'refused'
  | 'disabled'
  | 'failed'
  | 'timeout';

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
  store.sqlite
    .prepare(
      `INSERT INTO remediation_log (finding_id, at, user_id, action, resource, mode, result, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      attempt.findingId,
      attempt.at.toISOString(),
      attempt.userId,
      attempt.action,
      attempt.resource,
      attempt.mode,
      attempt.result,
      attempt.detail,
    );
}

export interface AttemptRow {
  id: number;
  findingId: number | null;
  at: string;
  userId: string;
  action: string;
  resource: string;
  mode: string;
  result: AttemptResult;
  detail: string | null;
}

export function listAttempts(store: Store, findingId?: number): AttemptRow[] {
  const sql = `SELECT id, finding_id AS findingId, at, user_id AS userId, action, resource, mode, result, detail
    FROM remediation_log ${findingId === undefined ? '' : 'WHERE finding_id = ?'} ORDER BY id`;
  const stmt = store.sqlite.prepare(sql);
  return (findingId === undefined ? stmt.all() : stmt.all(findingId)) as AttemptRow[];
}

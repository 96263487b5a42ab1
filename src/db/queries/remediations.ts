// The remediation audit log: one row per click on an action button, whatever came of it.

import { allRows, type Conn, execute } from '../rows.js';

export interface AttemptRow {
  id: number;
  findingId: number | null;
  at: string;
  userId: string;
  action: string;
  resource: string;
  mode: string;
  result: string;
  detail: string | null;
}

export function insertAttempt(conn: Conn, attempt: Omit<AttemptRow, 'id'>): void {
  execute(
    conn,
    `INSERT INTO remediation_log (finding_id, at, user_id, action, resource, mode, result, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    attempt.findingId,
    attempt.at,
    attempt.userId,
    attempt.action,
    attempt.resource,
    attempt.mode,
    attempt.result,
    attempt.detail,
  );
}

const ATTEMPT_ROW = {
  id: 'number',
  findingId: 'number?',
  at: 'text',
  userId: 'text',
  action: 'text',
  resource: 'text',
  mode: 'text',
  result: 'text',
  detail: 'text?',
} as const;

/** Every attempt (or a finding's), oldest first. */
export function attemptRows(conn: Conn, findingId?: number): AttemptRow[] {
  const sql = `SELECT id, finding_id AS findingId, at, user_id AS userId, action, resource, mode, result, detail
    FROM remediation_log ${findingId === undefined ? '' : 'WHERE finding_id = ?'} ORDER BY id`;
  return findingId === undefined
    ? allRows(conn, 'remediation attempts', ATTEMPT_ROW, sql)
    : allRows(conn, 'remediation attempts', ATTEMPT_ROW, sql, findingId);
}

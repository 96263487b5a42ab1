// The triage log: one row per snooze or "not waste" on a finding, allowed or not.

import { allRows, type Conn, execute } from '../rows.js';

export interface TriageRow {
  id: number;
  findingId: number;
  at: string;
  userId: string;
  teamId: string | null;
  channelId: string | null;
  action: string;
  result: string;
  until: string | null;
  reason: string | null;
  detail: string | null;
}

export function insertTriage(conn: Conn, entry: Omit<TriageRow, 'id'>): void {
  execute(
    conn,
    `INSERT INTO triage_log (finding_id, at, user_id, team_id, channel_id, action, result, until, reason, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    entry.findingId,
    entry.at,
    entry.userId,
    entry.teamId,
    entry.channelId,
    entry.action,
    entry.result,
    entry.until,
    entry.reason,
    entry.detail,
  );
}

const TRIAGE_ROW = {
  id: 'number',
  findingId: 'number',
  at: 'text',
  userId: 'text',
  teamId: 'text?',
  channelId: 'text?',
  action: 'text',
  result: 'text',
  until: 'text?',
  reason: 'text?',
  detail: 'text?',
} as const;

/** A finding's triage history, oldest first. */
export function triageRows(conn: Conn, findingId: number): TriageRow[] {
  return allRows(
    conn,
    'triage log',
    TRIAGE_ROW,
    `SELECT id, finding_id AS findingId, at, user_id AS userId, team_id AS teamId, channel_id AS channelId,
       action, result, until, reason, detail
     FROM triage_log WHERE finding_id = ? ORDER BY id`,
    findingId,
  );
}

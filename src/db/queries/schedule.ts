// The scheduler's run history (schedule_runs): one row per run, skipped runs included.

import { allRows, type Conn, execute, insertRow, oneRow } from '../rows.js';

export type RunOutcome = 'ok' | 'failed' | 'skipped';

export interface ScheduleRun {
  id: number;
  job: string;
  scheduledFor: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: RunOutcome | 'running';
  error: string | null;
}

export function insertScheduleRun(
  conn: Conn,
  run: {
    job: string;
    scheduledFor: string;
    startedAt: string;
    endedAt: string | null;
    outcome: string;
    error: string | null;
  },
): number {
  return insertRow(
    conn,
    'INSERT INTO schedule_runs (job, scheduled_for, started_at, ended_at, outcome, error) VALUES (?, ?, ?, ?, ?, ?)',
    run.job,
    run.scheduledFor,
    run.startedAt,
    run.endedAt,
    run.outcome,
    run.error,
  );
}

export function finishScheduleRun(
  conn: Conn,
  id: number,
  endedAt: string,
  outcome: RunOutcome,
  error: string | null,
): void {
  execute(
    conn,
    'UPDATE schedule_runs SET ended_at = ?, outcome = ?, error = ? WHERE id = ?',
    endedAt,
    outcome,
    error,
    id,
  );
}

/** Closes runs left "running" by a process that died; returns how many. */
export function closeInterruptedRuns(conn: Conn, at: string, why: string): number {
  return execute(
    conn,
    "UPDATE schedule_runs SET outcome = 'failed', ended_at = ?, error = ? WHERE outcome = 'running'",
    at,
    why,
  );
}

/** True when the job ran successfully for a time at or after `scheduledFor`. */
export function ranSince(conn: Conn, job: string, scheduledFor: string): boolean {
  return (
    oneRow(
      conn,
      'successful run since',
      { one: 'number' },
      "SELECT 1 AS one FROM schedule_runs WHERE job = ? AND outcome = 'ok' AND scheduled_for >= ?",
      job,
      scheduledFor,
    ) !== null
  );
}

const RUN_ROW = {
  id: 'number',
  job: 'text',
  scheduledFor: 'text?',
  startedAt: 'text',
  endedAt: 'text?',
  outcome: 'text',
  error: 'text?',
} as const;

/** Run history, newest first. */
export function recentRuns(conn: Conn, job?: string, limit = 50): ScheduleRun[] {
  const sql = `SELECT id, job, scheduled_for AS scheduledFor, started_at AS startedAt, ended_at AS endedAt, outcome, error
                 FROM schedule_runs ${job ? 'WHERE job = ?' : ''} ORDER BY id DESC LIMIT ?`;
  const rows = job
    ? allRows(conn, 'schedule runs', RUN_ROW, sql, job, limit)
    : allRows(conn, 'schedule runs', RUN_ROW, sql, limit);
  return rows as ScheduleRun[];
}

// The catalog estimate of each day per kind as it was shown before the day was billed (estimate_days).

import { allRows, type Conn, execute } from '../rows.js';

export interface DayEstimate {
  day: string;
  kind: string;
  estimated: number;
  unpriced: number;
}

/** Replaces what is recorded for `day` with `rows` (a kind no longer estimated goes). Returns rows written. */
export function replaceDayEstimates(
  conn: Conn,
  day: string,
  rows: readonly DayEstimate[],
  at: string,
): number {
  let written = execute(conn, 'DELETE FROM estimate_days WHERE day = ?', day);
  for (const r of rows) {
    written += execute(
      conn,
      'INSERT INTO estimate_days (day, kind, estimated, unpriced, recorded_at) VALUES (?, ?, ?, ?, ?)',
      r.day,
      r.kind,
      r.estimated,
      r.unpriced,
      at,
    );
  }
  return written;
}

/** Recorded estimates of days in [fromDay, toDay). */
export function estimatesBetween(conn: Conn, fromDay: string, toDay: string): DayEstimate[] {
  return allRows(
    conn,
    'recorded estimates',
    { day: 'text', kind: 'text', estimated: 'number', unpriced: 'number' },
    'SELECT day, kind, estimated, unpriced FROM estimate_days WHERE day >= ? AND day < ? ORDER BY day, kind',
    fromDay,
    toDay,
  );
}

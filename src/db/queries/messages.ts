// What burnrate posted to Slack (to update alerts, not to repeat digests), which notifications went out once, and
// which Slack deliveries were handled (retry dedup).

import { allRows, type Conn, execute, inTransaction, isBusy, oneRow, withBusyTimeout } from '../rows.js';

export interface PostedMessage {
  /** alert | digest | anomaly | budget */
  kind: string;
  /** Finding id, digest week and channel, notification key, … */
  ref: string;
  channel: string;
  ts: string;
  threadTs?: string | null;
}

export function rememberMessage(conn: Conn, message: PostedMessage, at: Date): void {
  execute(
    conn,
    'INSERT INTO slack_messages (kind, ref, channel, ts, thread_ts, posted_at) VALUES (?, ?, ?, ?, ?, ?)',
    message.kind,
    message.ref,
    message.channel,
    message.ts,
    message.threadTs ?? null,
    at.toISOString(),
  );
}

/** Every message of a kind posted for a reference, oldest first (one per channel for alerts). */
export function messagesFor(conn: Conn, kind: string, ref: string): Array<{ channel: string; ts: string }> {
  return allRows(
    conn,
    'posted messages',
    { channel: 'text', ts: 'text' },
    'SELECT channel, ts FROM slack_messages WHERE kind = ? AND ref = ? ORDER BY id',
    kind,
    ref,
  );
}

/** True when a notification with this key has gone out already. */
export function wasSent(conn: Conn, key: string): boolean {
  return (
    oneRow(
      conn,
      'notification sent',
      { one: 'number' },
      'SELECT 1 AS one FROM notifications_sent WHERE key = ?',
      key,
    ) !== null
  );
}

/** Records keys as sent (idempotent). */
export function markSent(conn: Conn, keys: readonly string[], at: Date): void {
  inTransaction(conn, () => {
    for (const key of keys)
      execute(
        conn,
        'INSERT OR IGNORE INTO notifications_sent (key, sent_at) VALUES (?, ?)',
        key,
        at.toISOString(),
      );
  });
}

/**
 * Records a Slack event id; true when this is the first delivery, false for a retry of one already handled. The
 * insert is the claim, so two deliveries racing each other cannot both win.
 */
export function claimEvent(conn: Conn, eventId: string, receivedAt: Date): boolean {
  return (
    execute(
      conn,
      'INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING',
      eventId,
      receivedAt.toISOString(),
    ) === 1
  );
}

/**
 * claimEvent, waiting at most `busyTimeoutMs` for another writer: null when the database stayed locked (the
 * caller decides without it).
 */
export function claimEventWithin(
  conn: Conn,
  eventId: string,
  receivedAt: Date,
  busyTimeoutMs: number,
): boolean | null {
  try {
    return withBusyTimeout(conn, busyTimeoutMs, () => claimEvent(conn, eventId, receivedAt));
  } catch (err) {
    if (isBusy(err)) return null;
    throw err;
  }
}

/** pruneEvents, waiting at most `busyTimeoutMs` for another writer: null when the database stayed locked. */
export function pruneEventsWithin(conn: Conn, before: Date, busyTimeoutMs: number): number | null {
  try {
    return withBusyTimeout(conn, busyTimeoutMs, () => pruneEvents(conn, before));
  } catch (err) {
    if (isBusy(err)) return null;
    throw err;
  }
}

/** Forgets event ids older than `before`. */
export function pruneEvents(conn: Conn, before: Date): number {
  return execute(conn, 'DELETE FROM slack_events WHERE received_at < ?', before.toISOString());
}

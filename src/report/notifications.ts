import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { RetryOptions, SlackClient } from '../slack/post.js';
import type { SpendEstimator } from './source.js';

/** What posting a scheduled report (digest, anomaly and budget alerts) needs. */
export interface ReportPostingDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  client: SlackClient;
  estimate?: SpendEstimator;
  retry?: RetryOptions;
}

/** True when a notification with this key has gone out already. */
export function wasSent(store: Store, key: string): boolean {
  return store.sqlite.prepare('SELECT 1 FROM notifications_sent WHERE key = ?').get(key) !== undefined;
}

/** Records keys as sent (idempotent). */
export function markSent(store: Store, keys: readonly string[], at: Date): void {
  const insert = store.sqlite.prepare(
    'INSERT OR IGNORE INTO notifications_sent (key, sent_at) VALUES (?, ?)',
  );
  store.sqlite.transaction(() => {
    for (const key of keys) insert.run(key, at.toISOString());
  })();
}

/** Remembers a posted report message (kind digest | anomaly | budget) so it is not posted twice. */
export function rememberMessage(
  store: Store,
  message: { kind: string; ref: string; channel: string; ts: string; threadTs?: string | null },
  at: Date,
): void {
  store.sqlite
    .prepare(
      'INSERT INTO slack_messages (kind, ref, channel, ts, thread_ts, posted_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(message.kind, message.ref, message.channel, message.ts, message.threadTs ?? null, at.toISOString());
}

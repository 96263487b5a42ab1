import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Slack messages burnrate posted, so they can be updated (alerts) and not posted twice (digests).
export const slackMessages = sqliteTable(
  'slack_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(), // alert | digest | anomaly | budget
    ref: text('ref').notNull(), // finding id, digest week + channel, …
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    threadTs: text('thread_ts'),
    postedAt: text('posted_at').notNull(),
  },
  (t) => [index('slack_messages_ref_idx').on(t.kind, t.ref)],
);

// Slack retries deliveries; an event id seen here is acknowledged and not answered again.
export const slackEvents = sqliteTable('slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: text('received_at').notNull(),
});

// Notifications that must go out once per key (anomaly per day and scope, budget threshold per month, …).
export const notificationsSent = sqliteTable('notifications_sent', {
  key: text('key').primaryKey(),
  sentAt: text('sent_at').notNull(),
});

export const scheduleRuns = sqliteTable(
  'schedule_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(), // sync | audit | anomalies | digest
    scheduledFor: text('scheduled_for'),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    outcome: text('outcome').notNull(), // running | ok | failed | skipped
    error: text('error'),
  },
  (t) => [index('schedule_runs_job_idx').on(t.job, t.startedAt)],
);

// One row per sync pass and scope (project × region, or project for catalog/monitoring/billing).
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    passId: text('pass_id').notNull(),
    scope: text('scope').notNull(),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
    resourcesSeen: integer('resources_seen').notNull().default(0),
    rowsWritten: integer('rows_written').notNull().default(0),
    bytesScanned: integer('bytes_scanned').notNull().default(0),
  },
  (t) => [index('sync_runs_pass_idx').on(t.passId), index('sync_runs_started_idx').on(t.startedAt)],
);

// Small named values: catalog last refresh, billing actual-through date, …
export const kv = sqliteTable('kv', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

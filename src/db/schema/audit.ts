import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// One finding per (rule, resource); its status moves through the lifecycle and survives restarts.
export const findings = sqliteTable(
  'findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    rule: text('rule').notNull(),
    resource: text('resource').notNull(),
    project: text('project').notNull(),
    region: text('region').notNull(),
    // open | alerted | acknowledged | snoozed | allowed | resolved | remediated
    status: text('status').notNull(),
    severity: text('severity').notNull(), // low | medium | high | critical
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull().default('{}'), // JSON
    labels: text('labels').notNull().default('{}'),
    impactPerDay: real('impact_per_day'), // null = unpriced
    suggestedAction: text('suggested_action'), // undeploy | scale | cancel | null
    suggestedValue: integer('suggested_value'), // e.g. the min replica count to scale to
    firstSeen: text('first_seen').notNull(),
    lastEvaluated: text('last_evaluated').notNull(),
    alertedAt: text('alerted_at'),
    alertedSeverity: text('alerted_severity'),
    // The traffic split (evidence.trafficSplit, JSON) the last alert showed: an undeploy acts only while the
    // endpoint's split is still this one, since the alert said where the model's share would go.
    alertedSplit: text('alerted_split'),
    snoozedUntil: text('snoozed_until'),
    allowedReason: text('allowed_reason'),
    actedBy: text('acted_by'),
    actedAt: text('acted_at'),
    // Atomic claim for remediation: set with a conditional UPDATE so exactly one click proceeds.
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    resolvedAt: text('resolved_at'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
  },
  (t) => [
    uniqueIndex('findings_rule_resource_uq').on(t.rule, t.resource),
    index('findings_status_idx').on(t.status),
  ],
);

// Every remediation attempt, allowed or not: who, what, on which resource, and how it ended.
export const remediationLog = sqliteTable('remediation_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  findingId: integer('finding_id'),
  at: text('at').notNull(),
  userId: text('user_id').notNull(),
  action: text('action').notNull(),
  resource: text('resource').notNull(),
  mode: text('mode').notNull(),
  // ok | dry-run | unauthorized | already-claimed | refused | failed | timeout
  result: text('result').notNull(),
  detail: text('detail'),
});

// Every snooze and "not waste" on a finding, allowed or not: who, when, from which workspace and channel, and why.
// The finding keeps only the latest actor; this keeps the history.
export const triageLog = sqliteTable(
  'triage_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    findingId: integer('finding_id').notNull(),
    at: text('at').notNull(),
    userId: text('user_id').notNull(),
    teamId: text('team_id'), // null from the demo's terminal
    channelId: text('channel_id'),
    action: text('action').notNull(), // snooze | not-waste
    result: text('result').notNull(), // ok | unauthorized | refused
    until: text('until'), // end of a snooze
    reason: text('reason'), // why it is not waste
    detail: text('detail'),
  },
  (t) => [index('triage_log_finding_idx').on(t.findingId)],
);

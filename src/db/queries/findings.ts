// The findings table: one row per (rule, resource), moved through its lifecycle by src/audit/findings.ts. Every
// status change is a conditional UPDATE, so two writers never both win.

import { allRows, type Conn, execute, insertRow, oneRow, placeholders, type RowOf } from '../rows.js';

export const FINDING_ROW = {
  id: 'number',
  rule: 'text',
  resource: 'text',
  project: 'text',
  region: 'text',
  status: 'text',
  severity: 'text',
  title: 'text',
  reason: 'text',
  evidence: 'text',
  labels: 'text',
  impact_per_day: 'number?',
  suggested_action: 'text?',
  suggested_value: 'number?',
  first_seen: 'text',
  last_evaluated: 'text',
  alerted_at: 'text?',
  alerted_severity: 'text?',
  alerted_split: 'text?',
  snoozed_until: 'text?',
  allowed_reason: 'text?',
  acted_by: 'text?',
  acted_at: 'text?',
  claimed_by: 'text?',
  claimed_at: 'text?',
  resolved_at: 'text?',
  slack_channel: 'text?',
  slack_ts: 'text?',
} as const;
export type FindingRow = RowOf<typeof FINDING_ROW>;

// Statuses a finding can still be acted on or alerted from (not resolved, remediated or allowed).
const LIVE = "('open', 'alerted', 'acknowledged', 'snoozed')";

export function findingRow(conn: Conn, id: number): FindingRow | null {
  return oneRow(conn, 'finding by id', FINDING_ROW, 'SELECT * FROM findings WHERE id = ?', id);
}

export function findingRowFor(conn: Conn, rule: string, resource: string): FindingRow | null {
  return oneRow(
    conn,
    'finding by rule and resource',
    FINDING_ROW,
    'SELECT * FROM findings WHERE rule = ? AND resource = ?',
    rule,
    resource,
  );
}

export interface FindingRowQuery {
  statuses?: readonly string[] | undefined;
  rule?: string | undefined;
  project?: string | undefined;
}

/** Findings, most costly first (unpriced after priced), then newest. */
export function findingRows(conn: Conn, query: FindingRowQuery = {}): FindingRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.statuses && query.statuses.length > 0) {
    where.push(`status IN (${placeholders(query.statuses.length)})`);
    params.push(...query.statuses);
  }
  if (query.rule) {
    where.push('rule = ?');
    params.push(query.rule);
  }
  if (query.project) {
    where.push('project = ?');
    params.push(query.project);
  }
  const sql = `SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY impact_per_day IS NULL, impact_per_day DESC, first_seen DESC, id`;
  return allRows(conn, 'findings', FINDING_ROW, sql, ...params);
}

/** Findings remediated with acted_at in [from, to) (ISO instants). */
export function remediatedFindingRows(conn: Conn, from: string, to: string): FindingRow[] {
  return allRows(
    conn,
    'remediated findings',
    FINDING_ROW,
    "SELECT * FROM findings WHERE status = 'remediated' AND acted_at >= ? AND acted_at < ? ORDER BY acted_at",
    from,
    to,
  );
}

export function countFindings(conn: Conn): number {
  return oneRow(conn, 'finding count', { n: 'number' }, 'SELECT COUNT(*) AS n FROM findings')?.n ?? 0;
}

/** A rule's draft as the row stores it (evidence and labels as JSON). */
export interface FindingDraftRow {
  rule: string;
  resource: string;
  project: string;
  region: string;
  severity: string;
  title: string;
  reason: string;
  evidence: string;
  labels: string;
  impactPerDay: number | null;
  suggestedAction: string | null;
  suggestedValue: number | null;
  now: string;
}

export function insertFinding(conn: Conn, draft: FindingDraftRow): number {
  return insertRow(
    conn,
    `INSERT INTO findings (rule, resource, project, region, status, severity, title, reason, evidence, labels,
       impact_per_day, suggested_action, suggested_value, first_seen, last_evaluated)
     VALUES (@rule, @resource, @project, @region, 'open', @severity, @title, @reason, @evidence, @labels,
       @impactPerDay, @suggestedAction, @suggestedValue, @now, @now)`,
    draft,
  );
}

export function refreshFinding(conn: Conn, id: number, draft: FindingDraftRow): void {
  execute(
    conn,
    `UPDATE findings SET project = @project, region = @region, severity = @severity, title = @title,
       reason = @reason, evidence = @evidence, labels = @labels, impact_per_day = @impactPerDay,
       suggested_action = @suggestedAction, suggested_value = @suggestedValue, last_evaluated = @now
     WHERE id = @id`,
    { ...draft, id },
  );
}

/** Back to open with a clean slate: the condition came back after it was resolved or remediated. */
export function reopenFinding(conn: Conn, id: number, now: string): void {
  execute(
    conn,
    `UPDATE findings SET status = 'open', first_seen = @now, alerted_at = NULL, alerted_severity = NULL,
       alerted_split = NULL,
       snoozed_until = NULL, allowed_reason = NULL, acted_by = NULL, acted_at = NULL, claimed_by = NULL,
       claimed_at = NULL, resolved_at = NULL, slack_channel = NULL, slack_ts = NULL WHERE id = @id`,
    { id, now },
  );
}

export function touchFinding(conn: Conn, id: number, now: string): void {
  execute(conn, 'UPDATE findings SET last_evaluated = ? WHERE id = ?', now, id);
}

/** Findings of these rules in these statuses: the ones an audit may resolve. */
export function findingKeysOf(
  conn: Conn,
  rules: readonly string[],
  statuses: readonly string[],
): Array<{ id: number; rule: string; resource: string }> {
  return allRows(
    conn,
    'finding keys',
    { id: 'number', rule: 'text', resource: 'text' },
    `SELECT id, rule, resource FROM findings WHERE rule IN (${placeholders(rules.length)})
       AND status IN (${placeholders(statuses.length)})`,
    ...rules,
    ...statuses,
  );
}

/** Resolves a finding nobody holds a claim on; true when it did. */
export function resolveFinding(conn: Conn, id: number, now: string): boolean {
  return (
    execute(
      conn,
      "UPDATE findings SET status = 'resolved', resolved_at = ?, last_evaluated = ? WHERE id = ? AND claimed_by IS NULL",
      now,
      now,
      id,
    ) === 1
  );
}

export function markFindingAlerted(
  conn: Conn,
  id: number,
  now: string,
  message: { channel: string; ts: string } | undefined,
): void {
  execute(
    conn,
    `UPDATE findings SET status = 'alerted', alerted_at = ?, alerted_severity = severity, snoozed_until = NULL,
       alerted_split = json_extract(evidence, '$.trafficSplit'),
       slack_channel = COALESCE(?, slack_channel), slack_ts = COALESCE(?, slack_ts)
     WHERE id = ? AND status IN ${LIVE}`,
    now,
    message?.channel ?? null,
    message?.ts ?? null,
    id,
  );
}

export function snoozeFindingRow(
  conn: Conn,
  id: number,
  until: string,
  userId: string,
  now: string,
): boolean {
  return (
    execute(
      conn,
      `UPDATE findings SET status = 'snoozed', snoozed_until = ?, acted_by = ?, acted_at = ?
       WHERE id = ? AND status IN ${LIVE}`,
      until,
      userId,
      now,
      id,
    ) === 1
  );
}

export function allowFindingRow(
  conn: Conn,
  id: number,
  reason: string,
  userId: string,
  now: string,
): boolean {
  return (
    execute(
      conn,
      `UPDATE findings SET status = 'allowed', allowed_reason = ?, snoozed_until = NULL, acted_by = ?, acted_at = ?
       WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed', 'allowed')`,
      reason,
      userId,
      now,
      id,
    ) === 1
  );
}

export function acknowledgeFindingRow(conn: Conn, id: number, userId: string, now: string): boolean {
  return (
    execute(
      conn,
      `UPDATE findings SET status = 'acknowledged', acted_by = ?, acted_at = ?
       WHERE id = ? AND status IN ('open', 'alerted', 'snoozed')`,
      userId,
      now,
      id,
    ) === 1
  );
}

/** Idle-endpoint style findings with a price, for what they cost over a past week. */
export function pricedFindingsOfRule(
  conn: Conn,
  rule: string,
): Array<{
  resource: string;
  project: string;
  title: string;
  labels: string;
  impact_per_day: number;
  first_seen: string;
  resolved_at: string | null;
  acted_at: string | null;
}> {
  return allRows(
    conn,
    'priced findings of a rule',
    {
      resource: 'text',
      project: 'text',
      title: 'text',
      labels: 'text',
      impact_per_day: 'number',
      first_seen: 'text',
      resolved_at: 'text?',
      acted_at: 'text?',
    },
    `SELECT resource, project, title, labels, impact_per_day, first_seen, resolved_at, acted_at
       FROM findings WHERE rule = ? AND impact_per_day IS NOT NULL`,
    rule,
  );
}

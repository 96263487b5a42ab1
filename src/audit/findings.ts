// The findings lifecycle, kept in SQLite so it survives restarts:
//   open → alerted → acknowledged | snoozed (until T) | allowed ("not waste", with a reason)
//        → resolved (the condition cleared) | remediated (someone acted from Slack)
// One row per (rule, resource). Re-alerting happens only when severity rises above what was alerted, or when a
// snooze ends.

import type { Scope } from '../config/schema.js';
import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import { inScope } from '../spend/dailyBreakdown.js';
import {
  type Evidence,
  type FindingDraft,
  type Severity,
  type SuggestedAction,
  severityRank,
  type Verdict,
} from './model.js';

export type FindingStatus =
  | 'open'
  | 'alerted'
  | 'acknowledged'
  | 'snoozed'
  | 'allowed'
  | 'resolved'
  | 'remediated';

/** Statuses in which the wasteful condition is still believed to hold. */
export const ACTIVE_STATUSES: readonly FindingStatus[] = [
  'open',
  'alerted',
  'acknowledged',
  'snoozed',
  'allowed',
];

/** A rule's draft as stored (its unpriced reason kept in the evidence), with its place in the lifecycle. */
export interface Finding extends Omit<FindingDraft, 'unpricedReason' | 'observedAt'> {
  id: number;
  status: FindingStatus;
  firstSeen: string;
  lastEvaluated: string;
  alertedAt: string | null;
  alertedSeverity: Severity | null;
  snoozedUntil: string | null;
  allowedReason: string | null;
  actedBy: string | null;
  actedAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  resolvedAt: string | null;
  slackChannel: string | null;
  slackTs: string | null;
}

interface FindingRow {
  id: number;
  rule: string;
  resource: string;
  project: string;
  region: string;
  status: string;
  severity: string;
  title: string;
  reason: string;
  evidence: string;
  labels: string;
  impact_per_day: number | null;
  suggested_action: string | null;
  suggested_value: number | null;
  first_seen: string;
  last_evaluated: string;
  alerted_at: string | null;
  alerted_severity: string | null;
  snoozed_until: string | null;
  allowed_reason: string | null;
  acted_by: string | null;
  acted_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  resolved_at: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
}

function toFinding(row: FindingRow): Finding {
  let evidence: Evidence;
  try {
    evidence = JSON.parse(row.evidence) as Evidence;
  } catch {
    evidence = {
      target: { type: 'job', jobName: row.resource, kind: 'unknown', displayName: row.resource },
      facts: [],
    };
  }
  return {
    id: row.id,
    rule: row.rule,
    resource: row.resource,
    project: row.project,
    region: row.region,
    status: row.status as FindingStatus,
    severity: row.severity as Severity,
    title: row.title,
    reason: row.reason,
    evidence,
    labels: parseLabels(row.labels),
    impactPerDay: row.impact_per_day,
    suggestedAction: row.suggested_action as SuggestedAction | null,
    suggestedValue: row.suggested_value,
    firstSeen: row.first_seen,
    lastEvaluated: row.last_evaluated,
    alertedAt: row.alerted_at,
    alertedSeverity: row.alerted_severity as Severity | null,
    snoozedUntil: row.snoozed_until,
    allowedReason: row.allowed_reason,
    actedBy: row.acted_by,
    actedAt: row.acted_at,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    resolvedAt: row.resolved_at,
    slackChannel: row.slack_channel,
    slackTs: row.slack_ts,
  };
}

export function getFinding(store: Store, id: number): Finding | null {
  const row = store.sqlite.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
  return row ? toFinding(row) : null;
}

export interface FindingQuery {
  statuses?: readonly FindingStatus[];
  rule?: string;
  project?: string;
}

/** Findings, most costly first (unpriced after priced), then newest. */
export function listFindings(store: Store, query: FindingQuery = {}): Finding[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.statuses && query.statuses.length > 0) {
    where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
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
  return (store.sqlite.prepare(sql).all(...params) as FindingRow[]).map(toFinding);
}

/** Findings whose condition still holds and nobody has called "not waste" (snoozed ones included). */
export function listActiveFindings(store: Store, query: Omit<FindingQuery, 'statuses'> = {}): Finding[] {
  return listFindings(store, { ...query, statuses: ['open', 'alerted', 'acknowledged', 'snoozed'] });
}

/** Statuses of findings that still cost money and nobody has decided about (not snoozed, not allowed). */
export const OPEN_STATUSES: readonly FindingStatus[] = ['open', 'alerted', 'acknowledged'];

/** The open findings within a channel scope (its projects and labels): what answers, digests and App Home list. */
export function listOpenFindings(store: Store, scope?: Scope): Finding[] {
  const open = listFindings(store, { statuses: OPEN_STATUSES });
  return scope ? open.filter((f) => inScope(f.project, f.labels, scope)) : open;
}

export interface WasteSummary {
  /** Findings with a suggested fix (undeploy, scale, cancel). */
  count: number;
  /** Sum of their priced impact per day; unrounded. */
  pricedPerDay: number;
  unpricedCount: number;
  /** Informational findings (risks such as a missing timeout): counted, never added to the $ total. */
  riskCount: number;
}

/**
 * What the findings are worth per day. Risks are left out of the sum: their impact is what a hung job would
 * cost, not money being spent for nothing, and the same job may already be counted as runaway.
 */
export function summarizeWaste(findings: readonly Finding[]): WasteSummary {
  const summary: WasteSummary = { count: 0, pricedPerDay: 0, unpricedCount: 0, riskCount: 0 };
  for (const f of findings) {
    if (f.suggestedAction === null) summary.riskCount += 1;
    else if (f.impactPerDay === null) {
      summary.count += 1;
      summary.unpricedCount += 1;
    } else {
      summary.count += 1;
      summary.pricedPerDay += f.impactPerDay;
    }
  }
  return summary;
}

/** Findings remediated from Slack with acted_at in [from, to) (ISO instants): what the savings report counts. */
export function listRemediatedBetween(store: Store, from: string, to: string): Finding[] {
  const rows = store.sqlite
    .prepare(
      "SELECT * FROM findings WHERE status = 'remediated' AND acted_at >= ? AND acted_at < ? ORDER BY acted_at",
    )
    .all(from, to) as FindingRow[];
  return rows.map(toFinding);
}

export interface ApplyResult {
  opened: number[];
  reopened: number[];
  updated: number[];
  resolved: number[];
}

/**
 * Writes one audit's verdicts: new findings open, existing ones are refreshed, findings of the evaluated rules
 * that no verdict mentions are resolved. "Unknown" verdicts leave their finding exactly as it was. A
 * remediated finding reopens only when sync saw the resource after the remediation.
 */
export function applyVerdicts(
  store: Store,
  verdicts: readonly Verdict[],
  evaluatedRules: readonly string[],
  now: Date,
): ApplyResult {
  const nowIso = now.toISOString();
  const result: ApplyResult = { opened: [], reopened: [], updated: [], resolved: [] };
  const select = store.sqlite.prepare('SELECT * FROM findings WHERE rule = ? AND resource = ?');
  const insert = store.sqlite.prepare(
    `INSERT INTO findings (rule, resource, project, region, status, severity, title, reason, evidence, labels,
       impact_per_day, suggested_action, suggested_value, first_seen, last_evaluated)
     VALUES (@rule, @resource, @project, @region, 'open', @severity, @title, @reason, @evidence, @labels,
       @impactPerDay, @suggestedAction, @suggestedValue, @now, @now)`,
  );
  const refresh = store.sqlite.prepare(
    `UPDATE findings SET project = @project, region = @region, severity = @severity, title = @title,
       reason = @reason, evidence = @evidence, labels = @labels, impact_per_day = @impactPerDay,
       suggested_action = @suggestedAction, suggested_value = @suggestedValue, last_evaluated = @now
     WHERE id = @id`,
  );
  const reopen = store.sqlite.prepare(
    `UPDATE findings SET status = 'open', first_seen = @now, alerted_at = NULL, alerted_severity = NULL,
       snoozed_until = NULL, allowed_reason = NULL, acted_by = NULL, acted_at = NULL, claimed_by = NULL,
       claimed_at = NULL, resolved_at = NULL, slack_channel = NULL, slack_ts = NULL WHERE id = @id`,
  );
  const touch = store.sqlite.prepare('UPDATE findings SET last_evaluated = ? WHERE id = ?');
  const resolve = store.sqlite.prepare(
    "UPDATE findings SET status = 'resolved', resolved_at = ?, last_evaluated = ? WHERE id = ? AND claimed_by IS NULL",
  );

  store.sqlite.transaction(() => {
    const seen = new Set<string>();
    for (const verdict of verdicts) {
      const rule = verdict.kind === 'finding' ? verdict.finding.rule : verdict.rule;
      const resource = verdict.kind === 'finding' ? verdict.finding.resource : verdict.resource;
      seen.add(`${rule}\u0000${resource}`);
      const existing = select.get(rule, resource) as FindingRow | undefined;
      if (verdict.kind === 'unknown') {
        if (existing) touch.run(nowIso, existing.id);
        continue;
      }
      const params = draftParams(verdict.finding, nowIso);
      if (!existing) {
        const info = insert.run(params);
        result.opened.push(Number(info.lastInsertRowid));
        continue;
      }
      const status = existing.status as FindingStatus;
      const staleAfterRemediation =
        status === 'remediated' &&
        existing.acted_at !== null &&
        verdict.finding.observedAt <= existing.acted_at;
      if (staleAfterRemediation) {
        touch.run(nowIso, existing.id);
        continue;
      }
      refresh.run({ ...params, id: existing.id });
      if (status === 'resolved' || status === 'remediated') {
        reopen.run({ id: existing.id, now: nowIso });
        result.reopened.push(existing.id);
      } else {
        result.updated.push(existing.id);
      }
    }
    if (evaluatedRules.length === 0) return;
    const active = store.sqlite
      .prepare(
        `SELECT id, rule, resource FROM findings WHERE rule IN (${evaluatedRules.map(() => '?').join(', ')})
           AND status IN (${ACTIVE_STATUSES.map(() => '?').join(', ')})`,
      )
      .all(...evaluatedRules, ...ACTIVE_STATUSES) as Array<{ id: number; rule: string; resource: string }>;
    for (const row of active) {
      if (seen.has(`${row.rule}\u0000${row.resource}`)) continue;
      if (resolve.run(nowIso, nowIso, row.id).changes === 1) result.resolved.push(row.id);
    }
  })();
  return result;
}

function draftParams(draft: FindingDraft, nowIso: string) {
  const evidence: Evidence = { ...draft.evidence, unpricedReason: draft.unpricedReason };
  return {
    rule: draft.rule,
    resource: draft.resource,
    project: draft.project,
    region: draft.region,
    severity: draft.severity,
    title: draft.title,
    reason: draft.reason,
    evidence: JSON.stringify(evidence),
    labels: JSON.stringify(draft.labels),
    impactPerDay: draft.impactPerDay,
    suggestedAction: draft.suggestedAction,
    suggestedValue: draft.suggestedValue,
    now: nowIso,
  };
}

/** Why a finding should be alerted now, or null when it should stay quiet. */
export function alertDueReason(finding: Finding, now: Date): 'new' | 'severity-rose' | 'snooze-ended' | null {
  switch (finding.status) {
    case 'open':
      return 'new';
    case 'alerted':
    case 'acknowledged':
      return finding.alertedSeverity === null ||
        severityRank(finding.severity) > severityRank(finding.alertedSeverity)
        ? 'severity-rose'
        : null;
    case 'snoozed':
      return finding.snoozedUntil !== null && Date.parse(finding.snoozedUntil) <= now.getTime()
        ? 'snooze-ended'
        : null;
    default:
      return null;
  }
}

export function findingsDueForAlert(store: Store, now: Date): Finding[] {
  return listFindings(store, { statuses: ['open', 'alerted', 'acknowledged', 'snoozed'] }).filter(
    (f) => f.claimedBy === null && alertDueReason(f, now) !== null,
  );
}

/** Records that an alert went out (the message to update later is kept in slack_messages as well). */
export function markAlerted(
  store: Store,
  id: number,
  now: Date,
  message?: { channel: string; ts: string },
): void {
  store.sqlite
    .prepare(
      `UPDATE findings SET status = 'alerted', alerted_at = ?, alerted_severity = severity, snoozed_until = NULL,
         slack_channel = COALESCE(?, slack_channel), slack_ts = COALESCE(?, slack_ts)
       WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed')`,
    )
    .run(now.toISOString(), message?.channel ?? null, message?.ts ?? null, id);
}

/** True when the finding was in a state that can take the change. */
export function snoozeFinding(store: Store, id: number, until: Date, userId: string, now: Date): boolean {
  return (
    store.sqlite
      .prepare(
        `UPDATE findings SET status = 'snoozed', snoozed_until = ?, acted_by = ?, acted_at = ?
         WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed')`,
      )
      .run(until.toISOString(), userId, now.toISOString(), id).changes === 1
  );
}

export function allowFinding(store: Store, id: number, reason: string, userId: string, now: Date): boolean {
  return (
    store.sqlite
      .prepare(
        `UPDATE findings SET status = 'allowed', allowed_reason = ?, snoozed_until = NULL, acted_by = ?, acted_at = ?
         WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed', 'allowed')`,
      )
      .run(reason, userId, now.toISOString(), id).changes === 1
  );
}

export function acknowledgeFinding(store: Store, id: number, userId: string, now: Date): boolean {
  return (
    store.sqlite
      .prepare(
        `UPDATE findings SET status = 'acknowledged', acted_by = ?, acted_at = ?
         WHERE id = ? AND status IN ('open', 'alerted', 'snoozed')`,
      )
      .run(userId, now.toISOString(), id).changes === 1
  );
}

export type ClaimResult = { claimed: true } | { claimed: false; finding: Finding | null };

/**
 * Takes the finding for one remediation. The conditional UPDATE is the exactly-once guard: of any number of
 * concurrent clicks, one changes the row and the others see who holds it. A claim older than `staleBefore`
 * (its holder crashed mid-operation) can be taken over.
 */
export function claimFinding(
  store: Store,
  id: number,
  userId: string,
  now: Date,
  staleBefore: Date,
): ClaimResult {
  const changes = store.sqlite
    .prepare(
      `UPDATE findings SET claimed_by = ?, claimed_at = ?
       WHERE id = ? AND status IN ('open', 'alerted', 'acknowledged', 'snoozed', 'allowed')
         AND (claimed_by IS NULL OR claimed_at < ?)`,
    )
    .run(userId, now.toISOString(), id, staleBefore.toISOString()).changes;
  return changes === 1 ? { claimed: true } : { claimed: false, finding: getFinding(store, id) };
}

/** Gives a claim back (the live re-check refused, or the call failed) so the finding can be acted on again. */
export function releaseClaim(store: Store, id: number, userId: string): void {
  store.sqlite
    .prepare('UPDATE findings SET claimed_by = NULL, claimed_at = NULL WHERE id = ? AND claimed_by = ?')
    .run(id, userId);
}

export function markRemediated(store: Store, id: number, userId: string, now: Date): void {
  store.sqlite
    .prepare(
      `UPDATE findings SET status = 'remediated', acted_by = ?, acted_at = ? WHERE id = ? AND claimed_by = ?`,
    )
    .run(userId, now.toISOString(), id, userId);
}

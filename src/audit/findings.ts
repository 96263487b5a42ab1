// The findings lifecycle, kept in SQLite so it survives restarts:
//   open → alerted → acknowledged | snoozed (until T) | allowed ("not waste", with a reason)
//        → resolved (the condition cleared) | remediated (someone acted from Slack)
// One row per (rule, resource). Re-alerting happens only when severity rises above what was alerted, or when a
// snooze ends.

import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import {
  acknowledgeFindingRow,
  countFindings,
  type FindingDraftRow,
  type FindingRow,
  findingKeysOf,
  findingRow,
  findingRowFor,
  findingRows,
  insertFinding,
  markFindingAlerted,
  refreshFinding,
  remediatedFindingRows,
  reopenFinding,
  resolveFinding,
  touchFinding,
} from '../db/queries/findings.js';
import { inTransaction } from '../db/rows.js';
import { inSlice, type Slice } from '../domain/slice.js';
import { readAlertedSplit, readEvidence } from './evidence.js';
import type { Evidence, FindingDraft, Severity, SuggestedAction, TrafficShare, Verdict } from './model.js';

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
  /** The traffic split the last alert showed (idle deployed models); null when none was alerted with one. */
  alertedSplit: TrafficShare[] | null;
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

function toFinding(row: FindingRow): Finding {
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
    evidence: readEvidence(row.evidence, row.resource),
    labels: parseLabels(row.labels),
    impactPerDay: row.impact_per_day,
    suggestedAction: row.suggested_action as SuggestedAction | null,
    suggestedValue: row.suggested_value,
    firstSeen: row.first_seen,
    lastEvaluated: row.last_evaluated,
    alertedAt: row.alerted_at,
    alertedSeverity: row.alerted_severity as Severity | null,
    alertedSplit: readAlertedSplit(row.alerted_split),
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
  const row = findingRow(store, id);
  return row ? toFinding(row) : null;
}

export interface FindingQuery {
  statuses?: readonly FindingStatus[];
  rule?: string;
  project?: string;
}

/** Findings, most costly first (unpriced after priced), then newest. */
export function listFindings(store: Store, query: FindingQuery = {}): Finding[] {
  return findingRows(store, query).map(toFinding);
}

/** Findings whose condition still holds and nobody has called "not waste" (snoozed ones included). */
export function listActiveFindings(store: Store, query: Omit<FindingQuery, 'statuses'> = {}): Finding[] {
  return listFindings(store, { ...query, statuses: ['open', 'alerted', 'acknowledged', 'snoozed'] });
}

/** Statuses of findings that still cost money and nobody has decided about (not snoozed, not allowed). */
export const OPEN_STATUSES: readonly FindingStatus[] = ['open', 'alerted', 'acknowledged'];

/** The open findings within a scope (a channel's projects and labels): what answers, digests and App Home list. */
export function listOpenFindings(store: Store, scope?: Slice): Finding[] {
  const open = listFindings(store, { statuses: OPEN_STATUSES });
  return scope ? open.filter((f) => inSlice({ project: f.project, labels: f.labels }, scope)) : open;
}

/** True when any audit has recorded a finding. */
export function anyFindings(store: Store): boolean {
  return countFindings(store) > 0;
}

export interface WasteSummary {
  /** Findings with a suggested fix (undeploy, scale, cancel, or a recommended redeploy). */
  count: number;
  /** Sum of their priced impact per day; unrounded. */
  pricedPerDay: number;
  unpricedCount: number;
  /** Informational findings (risks such as a missing timeout): counted, never added to the $ total. */
  riskCount: number;
}

/**
 * A finding with no fix to make, only a risk to know about (a job that could hang for a week): neither a button
 * nor a recommended change.
 */
export function isRisk(finding: Pick<Finding, 'suggestedAction' | 'evidence'>): boolean {
  return finding.suggestedAction === null && finding.evidence.recommendation === undefined;
}

/**
 * What the findings are worth per day. Risks are left out of the sum: their impact is what a hung job would
 * cost, not money being spent for nothing, and the same job may already be counted as runaway.
 */
export function summarizeWaste(findings: readonly Finding[]): WasteSummary {
  const summary: WasteSummary = { count: 0, pricedPerDay: 0, unpricedCount: 0, riskCount: 0 };
  for (const f of findings) {
    if (isRisk(f)) summary.riskCount += 1;
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
  return remediatedFindingRows(store, from, to).map(toFinding);
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
  inTransaction(store, () => {
    const seen = new Set<string>();
    for (const verdict of verdicts) {
      const rule = verdict.kind === 'finding' ? verdict.finding.rule : verdict.rule;
      const resource = verdict.kind === 'finding' ? verdict.finding.resource : verdict.resource;
      seen.add(`${rule}\u0000${resource}`);
      const existing = findingRowFor(store, rule, resource);
      if (verdict.kind === 'unknown') {
        if (existing) touchFinding(store, existing.id, nowIso);
        continue;
      }
      const draft = draftRow(verdict.finding, nowIso);
      if (!existing) {
        result.opened.push(insertFinding(store, draft));
        continue;
      }
      const status = existing.status as FindingStatus;
      const staleAfterRemediation =
        status === 'remediated' &&
        existing.acted_at !== null &&
        verdict.finding.observedAt <= existing.acted_at;
      if (staleAfterRemediation) {
        touchFinding(store, existing.id, nowIso);
        continue;
      }
      refreshFinding(store, existing.id, draft);
      if (status === 'resolved' || status === 'remediated') {
        reopenFinding(store, existing.id, nowIso);
        result.reopened.push(existing.id);
      } else {
        result.updated.push(existing.id);
      }
    }
    if (evaluatedRules.length === 0) return;
    for (const row of findingKeysOf(store, evaluatedRules, ACTIVE_STATUSES)) {
      if (seen.has(`${row.rule}\u0000${row.resource}`)) continue;
      if (resolveFinding(store, row.id, nowIso)) result.resolved.push(row.id);
    }
  });
  return result;
}

function draftRow(draft: FindingDraft, nowIso: string): FindingDraftRow {
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

/** Records that an alert went out (the message to update later is kept in slack_messages as well). */
export function markAlerted(
  store: Store,
  id: number,
  now: Date,
  message?: { channel: string; ts: string },
): void {
  markFindingAlerted(store, id, now.toISOString(), message);
}

export function acknowledgeFinding(store: Store, id: number, userId: string, now: Date): boolean {
  return acknowledgeFindingRow(store, id, userId, now.toISOString());
}

// When a finding is due for an alert: new, its severity rose, the traffic split its alert showed is no longer the
// endpoint's, or its snooze ended. Delivery posts the due ones; the audit reports how many there are.

import type { Store } from '../db/open.js';
import { sameTrafficSplit } from '../gcp/trafficSplit.js';
import { type Finding, listFindings } from './findings.js';
import { severityRank } from './model.js';
import { splitOfShares } from './trafficHandOver.js';

/** Why a finding should be alerted now, or null when it should stay quiet. */
export function alertDueReason(
  finding: Finding,
  now: Date,
): 'new' | 'severity-rose' | 'split-changed' | 'snooze-ended' | null {
  switch (finding.status) {
    case 'open':
      return 'new';
    case 'alerted':
    case 'acknowledged':
      if (
        finding.alertedSeverity === null ||
        severityRank(finding.severity) > severityRank(finding.alertedSeverity)
      )
        return 'severity-rose';
      // The alert said where an undeployed model's traffic share goes; with another split that is no longer true.
      return splitChanged(finding) ? 'split-changed' : null;
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

function splitChanged(finding: Finding): boolean {
  const now = finding.evidence.trafficSplit;
  const alerted = finding.alertedSplit;
  if (!now || !alerted) return false;
  return !sameTrafficSplit(splitOfShares(alerted), splitOfShares(now));
}

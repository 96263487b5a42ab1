// How findings read outside Slack: `burnrate audit` text and JSON.

import type { Finding } from '../audit/findings.js';
import { perMonth } from '../audit/model.js';
import { describeOwner } from '../audit/rules/ownerLabels.js';
import { formatMaybeMoney, roundCents } from '../money/format.js';
import { formatFact } from './blocks/alert.js';

const IMPACT_SOURCE = 'estimate from catalog list prices';

export function findingText(finding: Finding, timeZone: string): string {
  const perDay = formatMaybeMoney(finding.impactPerDay);
  const month = formatMaybeMoney(perMonth(finding.impactPerDay));
  const unpriced =
    finding.impactPerDay === null && finding.evidence.unpricedReason
      ? ` — ${finding.evidence.unpricedReason}`
      : '';
  const status =
    finding.status === 'snoozed' && finding.snoozedUntil
      ? `snoozed until ${finding.snoozedUntil}`
      : finding.status === 'allowed'
        ? `not waste: ${finding.allowedReason ?? ''}`
        : finding.status;
  const recommendation = finding.evidence.recommendation;
  const lines = [
    `#${finding.id} [${finding.severity}] ${finding.title} (${status})`,
    `  why:   ${finding.reason}`,
    `  ${finding.suggestedAction === 'scale' || recommendation ? 'saves:' : 'cost: '} ${perDay}/day, ${month}/month (${IMPACT_SOURCE})${unpriced}`,
    `  owner: ${describeOwner(finding.labels)}`,
    `  what:  ${finding.resource}`,
  ];
  const action =
    finding.suggestedAction === 'scale'
      ? `scale min replicas to ${finding.suggestedValue}`
      : (finding.suggestedAction ??
        (recommendation
          ? `${recommendation.change} (a recommendation: a redeploy is not a one-click action; run the commands below)`
          : 'none (informational)'));
  lines.push(`  fix:   ${action}`);
  for (const fact of finding.evidence.facts)
    lines.push(`         ${fact.label}: ${formatFact(fact, timeZone)}`);
  for (const command of recommendation?.commands ?? [])
    lines.push(...command.split('\n').map((line) => `    ${line}`));
  return lines.join('\n');
}

export function findingJson(finding: Finding) {
  return {
    id: finding.id,
    rule: finding.rule,
    resource: finding.resource,
    project: finding.project,
    region: finding.region,
    status: finding.status,
    severity: finding.severity,
    title: finding.title,
    reason: finding.reason,
    labels: finding.labels,
    impact: {
      perDay: finding.impactPerDay === null ? null : roundCents(finding.impactPerDay),
      perMonth: finding.impactPerDay === null ? null : roundCents(perMonth(finding.impactPerDay) ?? 0),
      currency: 'USD',
      source: 'catalog-estimate',
      unpricedReason: finding.impactPerDay === null ? (finding.evidence.unpricedReason ?? null) : null,
    },
    suggestedAction: finding.suggestedAction,
    suggestedValue: finding.suggestedValue,
    evidence: finding.evidence,
    firstSeen: finding.firstSeen,
    alertedAt: finding.alertedAt,
    snoozedUntil: finding.snoozedUntil,
    allowedReason: finding.allowedReason,
    actedBy: finding.actedBy,
    actedAt: finding.actedAt,
  };
}

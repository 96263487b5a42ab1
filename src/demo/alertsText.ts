// The open alerts as the demo prints them: numbered by finding id, with the same cost line a Slack alert
// shows (impactLine) and the command that performs the suggested fix.

import type { Finding } from '../audit/findings.js';
import { summarizeWaste } from '../audit/findings.js';
import { perMonth } from '../audit/model.js';
import { describeOwner } from '../audit/rules/ownerLabels.js';
import { formatInstant, impactLine } from '../delivery/blocks/alert.js';
import { formatMoney } from '../money/format.js';

/** The prompt command that applies a finding's suggested fix, or null for informational findings. */
export function fixCommand(finding: Finding): string | null {
  switch (finding.suggestedAction) {
    case 'undeploy':
      return `undeploy ${finding.id}`;
    case 'cancel':
      return `cancel ${finding.id}`;
    case 'scale':
      return `scale ${finding.id}`;
    default:
      return null;
  }
}

function fixLine(finding: Finding): string {
  const command = fixCommand(finding);
  const target = finding.evidence.target.displayName;
  switch (finding.suggestedAction) {
    case 'undeploy':
      return `Fix: undeploy ${target} → type \`${command}\``;
    case 'cancel':
      return `Fix: cancel job ${target} → type \`${command}\``;
    case 'scale':
      return `Fix: lower min replicas to ${finding.suggestedValue ?? '?'} → type \`${command}\``;
    default: {
      const recommendation = finding.evidence.recommendation;
      if (recommendation)
        return [
          `Fix: ${recommendation.change} — a redeploy, not a one-click action; run:`,
          ...recommendation.commands.flatMap((command) => command.split('\n')),
        ].join('\n      ');
      return `No fix to run (a risk to know about) → \`snooze ${finding.id}\` or \`allow ${finding.id} <reason>\``;
    }
  }
}

function statusNote(finding: Finding, timeZone: string): string {
  if (finding.status === 'snoozed' && finding.snoozedUntil) {
    return ` (snoozed until ${formatInstant(finding.snoozedUntil, timeZone)})`;
  }
  return finding.status === 'open' || finding.status === 'alerted' ? '' : ` (${finding.status})`;
}

/** One alert: headline, why, cost (as in Slack), owner, fix. */
export function alertText(finding: Finding, timeZone: string): string {
  return [
    `#${finding.id} [${finding.severity}] ${finding.title}${statusNote(finding, timeZone)}`,
    `    ${finding.reason}`,
    `    ${impactLine(finding)}`,
    `    Owner: ${describeOwner(finding.labels)} · ${finding.project}/${finding.region}`,
    `    ${fixLine(finding)}`,
  ].join('\n');
}

/** "Open alerts (4): 3 with a fix: $123.52/day, …; 1 risk to know about" — risks are not added (as in the digest). */
export function alertsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'Open alerts: none. Nothing in the synced data looks wasteful.';
  const waste = summarizeWaste(findings);
  const unpriced = waste.unpricedCount > 0 ? ` + ${waste.unpricedCount} unpriced` : '';
  const total =
    waste.count > 0
      ? `${waste.count} with a fix: ${formatMoney(waste.pricedPerDay)}/day, ${formatMoney(perMonth(waste.pricedPerDay) ?? 0)}/month at current rates (estimate from catalog list prices)${unpriced}`
      : 'none with a fix';
  const risks =
    waste.riskCount > 0 ? `; ${waste.riskCount} risk${waste.riskCount === 1 ? '' : 's'} to know about` : '';
  return `Open alerts (${findings.length}): ${total}${risks}`;
}

/** The summary, then each open alert. */
export function alertsText(findings: readonly Finding[], timeZone: string): string {
  return [alertsSummary(findings), ...findings.map((f) => alertText(f, timeZone))].join('\n\n');
}

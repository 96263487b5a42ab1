import type { Finding } from '../../audit/findings.js';
import { targetHash } from '../../audit/targetHash.js';
import { REMEDIATION_ACTIONS } from '../../remediate/actions/index.js';

// Action and view ids of alert messages. Buttons carry the finding id and a short hash of what the finding is
// about ("7:3f2a9c0b1d4e"); everything else is read back from SQLite when the click arrives.

export const ALERT_ACTIONS = {
  undeploy: REMEDIATION_ACTIONS.undeploy.buttonId,
  scale: REMEDIATION_ACTIONS.scale.buttonId,
  cancel: REMEDIATION_ACTIONS.cancel.buttonId,
  snooze24h: 'burnrate_alert_snooze_24h',
  snooze7d: 'burnrate_alert_snooze_7d',
  notWaste: 'burnrate_alert_not_waste',
} as const;

export const NOT_WASTE_VIEW = 'burnrate_not_waste';
export const NOT_WASTE_REASON_BLOCK = 'reason';
export const NOT_WASTE_REASON_INPUT = 'reason_input';

/** Snooze lengths offered on alerts. */
export const SNOOZE_HOURS = { [ALERT_ACTIONS.snooze24h]: 24, [ALERT_ACTIONS.snooze7d]: 24 * 7 } as const;

/** What a button names: the finding, and the hash of its resource (null on buttons posted before hashes). */
export interface ButtonRef {
  findingId: number;
  targetHash: string | null;
}

/** The value of every button on a finding's alert: bound to the finding's rule and resource. */
export function buttonValue(finding: Pick<Finding, 'id' | 'rule' | 'resource'>): string {
  return `${finding.id}:${targetHash(finding)}`;
}

/** What a button value names, or null when it is no value burnrate puts on a button. */
export function parseButtonValue(value: unknown): ButtonRef | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,15})(?::([0-9a-f]{12}))?$/.exec(value);
  if (!match) return null;
  return { findingId: Number(match[1]), targetHash: match[2] ?? null };
}

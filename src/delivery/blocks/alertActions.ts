import { REMEDIATION_ACTIONS } from '../../remediate/actions/index.js';

// Action and view ids of alert messages. Buttons carry only the finding id as their value; everything else
// is read back from SQLite when the click arrives.

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

/** The finding id a button carries, or null when the value is not one. */
export function findingIdFromValue(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

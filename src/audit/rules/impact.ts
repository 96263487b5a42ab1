import type { Severity } from '../model.js';

// Daily waste at which a finding stops being housekeeping: $20/day is ~$600/month, $100/day ~$3k/month,
// $500/day ~$15k/month.
const DAILY_COST_TIERS: ReadonlyArray<{ atLeast: number; severity: Severity }> = [
  { atLeast: 500, severity: 'critical' },
  { atLeast: 100, severity: 'high' },
  { atLeast: 20, severity: 'medium' },
];

/** Severity from what a finding costs per day; unpriced findings are medium so they still get looked at. */
export function severityForDailyCost(perDay: number | null): Severity {
  if (perDay === null) return 'medium';
  return DAILY_COST_TIERS.find((tier) => perDay >= tier.atLeast)?.severity ?? 'low';
}

import type { CoverageFacts } from '../facts.js';

// Monitoring metric whose coverage tells "no predictions" apart from "no data".
export const PREDICTION_METRIC = 'prediction_count';

// Hourly points land after their hour closes and sync runs on a cron, so the newest data may trail "now" by
// up to this much and still count as covering the window.
export const COVERAGE_LAG_MS = 2 * 3_600_000;

/**
 * Why Monitoring data cannot vouch for [from, to) in a project, or null when it covers the whole span and the
 * latest fetch succeeded.
 */
export function telemetryGap(
  coverage: readonly CoverageFacts[],
  project: string,
  from: Date,
  to: Date,
  metric = PREDICTION_METRIC,
): string | null {
  const row = coverage.find((c) => c.project === project && c.metric === metric);
  if (!row) return `no Monitoring data has been fetched for ${project}`;
  if (row.lastError) return `the latest Monitoring fetch for ${project} failed: ${row.lastError}`;
  if (!row.coveredFrom || !row.coveredTo) return `Monitoring data for ${project} covers no time yet`;
  if (Date.parse(row.coveredFrom) > from.getTime()) {
    return `Monitoring data for ${project} starts ${row.coveredFrom}, after the window start ${from.toISOString()}`;
  }
  if (Date.parse(row.coveredTo) < to.getTime() - COVERAGE_LAG_MS) {
    return `Monitoring data for ${project} ends ${row.coveredTo}, too long before ${to.toISOString()}`;
  }
  return null;
}

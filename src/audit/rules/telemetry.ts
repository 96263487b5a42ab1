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
  // The usual metric goes without saying; another one is named, so the reason says which data is missing.
  const data = metric === PREDICTION_METRIC ? 'Monitoring data' : `Monitoring data of ${metric}`;
  if (!row) return `no ${data} has been fetched for ${project}`;
  if (row.lastError)
    return `the latest ${data.replace('data', 'fetch')} for ${project} failed: ${row.lastError}`;
  if (!row.coveredFrom || !row.coveredTo) return `${data} for ${project} covers no time yet`;
  if (Date.parse(row.coveredFrom) > from.getTime()) {
    return `${data} for ${project} starts ${row.coveredFrom}, after the window start ${from.toISOString()}`;
  }
  if (Date.parse(row.coveredTo) < to.getTime() - COVERAGE_LAG_MS) {
    return `${data} for ${project} ends ${row.coveredTo}, too long before ${to.toISOString()}`;
  }
  return null;
}

/** The Monitoring metrics that count a deployed model's requests, as coverage rows name them. */
export type ServedMetric = 'prediction_count' | 'private_response_count';

/**
 * Which metric counts the requests of an endpoint with this traffic visibility: prediction_count for shared
 * public endpoints, private/response_count for private services access ones; null where Google documents none
 * (dedicated public and Private Service Connect endpoints, or a kind no sync has read yet).
 */
export function servedMetric(trafficVisibility: string): ServedMetric | null {
  if (trafficVisibility === 'prediction_count') return 'prediction_count';
  if (trafficVisibility === 'private_response_count') return 'private_response_count';
  return null;
}

/** Requests a model served in an hour, by the metric that counts them; 0 when that metric has no point. */
export function servedIn(
  hour: { predictions: number | null; privateResponses: number | null },
  metric: ServedMetric,
): number {
  return (metric === 'prediction_count' ? hour.predictions : hour.privateResponses) ?? 0;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  'dedicated-public': 'a dedicated endpoint (its own DNS name)',
  'private-service-connect': 'a Private Service Connect endpoint',
};

/** Why nobody can tell from Monitoring whether an endpoint's models serve requests. */
export function invisibleTrafficReason(endpointDisplayName: string, endpointKind: string | null): string {
  if (endpointKind === null)
    return `the kind of endpoint ${endpointDisplayName} has not been read yet, so the metric that counts its requests is unknown`;
  const what = KIND_WORDS[endpointKind] ?? `an endpoint of kind ${endpointKind}`;
  return `endpoint ${endpointDisplayName} is ${what}: Google documents no Monitoring metric that counts its requests, so its traffic cannot be seen`;
}

// Builders for rule inputs: plain objects with sensible defaults, overridden per table row.
import type { CoverageFacts, DeployedModelFacts, JobFacts, TrafficHour } from '../../src/audit/facts.js';
import type { RuleContext } from '../../src/audit/rules/rule.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { PriceBook } from '../../src/pricing/priceBook.js';

export const NOW = new Date('2026-11-25T12:00:00Z');
const HOUR_MS = 3_600_000;

export function hoursAgo(hours: number, from: Date = NOW): string {
  return new Date(from.getTime() - hours * HOUR_MS).toISOString();
}

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return configSchema.parse(overrides);
}

export function ruleContext(rules: Record<string, unknown> = {}, now: Date = NOW): RuleContext {
  return { now, rules: testConfig({ rules }).rules };
}

/**
 * Hourly traffic for the `hours` hours before `NOW`, oldest first: predictions, or a private endpoint's
 * responses (prediction_count stays empty for those).
 */
export function hourlyTraffic(
  hours: number,
  perHour: (hoursAgo: number) => number,
  replicas: number | null = 1,
  metric: 'prediction_count' | 'private_response_count' = 'prediction_count',
): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let h = hours; h >= 1; h -= 1) {
    const served = perHour(h);
    out.push(
      metric === 'prediction_count'
        ? { hour: hoursAgo(h), predictions: served, replicas, privateResponses: null }
        : { hour: hoursAgo(h), predictions: null, replicas, privateResponses: served },
    );
  }
  return out;
}

export function deployedModel(overrides: Partial<DeployedModelFacts> = {}): DeployedModelFacts {
  return {
    endpointName: 'projects/ml-prod/locations/us-central1/endpoints/111',
    endpointDisplayName: 'churn-endpoint',
    deployedModelId: '222',
    displayName: 'churn-gpu',
    model: 'projects/ml-prod/locations/us-central1/models/333',
    project: 'ml-prod',
    region: 'us-central1',
    labels: { team: 'growth', owner: 'alice' },
    dedicated: true,
    machineType: 'n1-standard-8',
    acceleratorType: 'NVIDIA_TESLA_T4',
    acceleratorCount: 1,
    minReplicas: 1,
    maxReplicas: 2,
    spot: false,
    deployedSince: hoursAgo(24 * 10),
    hourlyPrice: 0.9,
    unpricedReason: null,
    lastSeen: hoursAgo(0.1),
    endpointKind: 'shared-public',
    trafficVisibility: 'prediction_count',
    trafficPercent: 100,
    endpointSplit: [{ deployedModelId: '222', displayName: 'churn-gpu', percent: 100 }],
    sharedResources: null,
    traffic: hourlyTraffic(24 * 7, () => 0),
    utilization: [],
    minReplicaHistory: [],
    ...overrides,
  };
}

/** A price book without prices, for rules that price nothing. */
export const NO_PRICES = new PriceBook([], 'catalog');

export function job(overrides: Partial<JobFacts> = {}): JobFacts {
  return {
    name: 'projects/ml-prod/locations/us-central1/customJobs/900',
    project: 'ml-prod',
    region: 'us-central1',
    kind: 'custom',
    displayName: 'train-bert-20261124',
    state: 'RUNNING',
    labels: { team: 'nlp' },
    machineType: 'n1-standard-8',
    acceleratorType: null,
    acceleratorCount: 0,
    replicaCount: 1,
    spot: false,
    createTime: hoursAgo(10.1),
    startTime: hoursAgo(10),
    endTime: null,
    timeoutSeconds: 3600 * 48,
    hourlyPrice: 2,
    unpricedReason: null,
    lastSeen: hoursAgo(0.1),
    ...overrides,
  };
}

/** A finished earlier run of the same job that took `hours`. */
export function earlierRun(id: number, hours: number, overrides: Partial<JobFacts> = {}): JobFacts {
  const start = 24 * (id + 2);
  return job({
    name: `projects/ml-prod/locations/us-central1/customJobs/${id}`,
    displayName: `train-bert-2026110${id}`,
    state: 'SUCCEEDED',
    createTime: hoursAgo(start + 0.1),
    startTime: hoursAgo(start),
    endTime: hoursAgo(start - hours),
    ...overrides,
  });
}

export function fullCoverage(project = 'ml-prod', overrides: Partial<CoverageFacts> = {}): CoverageFacts {
  return {
    project,
    metric: 'prediction_count',
    coveredFrom: hoursAgo(24 * 7),
    coveredTo: hoursAgo(0.5),
    lastAttemptAt: hoursAgo(0.2),
    lastError: null,
    ...overrides,
  };
}

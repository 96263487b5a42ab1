// The idle-endpoint rule on a deployment resource pool. A pool's machines are billed once, for the pool, whatever
// the models on it serve ("Share resources across deployments"), so no single model on it is idle by itself: the
// pool is, when every model on it served no request for the whole window — each judged in the metric that sees
// its endpoint's traffic, with Monitoring vouching for the window — or when no model uses it at all.

import type { DeployedModelFacts, ResourcePoolFacts } from '../facts.js';
import { type EvidenceFact, HOURS_PER_DAY, type Verdict } from '../model.js';
import { describeAccelerators, hasAccelerators } from './accelerators.js';
import { severityForDailyCost } from './impact.js';
import type { RuleContext } from './rule.js';
import { invisibleTrafficReason, servedIn, servedMetric } from './telemetry.js';

const HOUR_MS = 3_600_000;
// Model names listed in a pool finding's reason; more are counted, not named.
const NAMED_MODELS = 5;

/** The models deployed on a pool: their `sharedResources` names it (matched on region and pool id). */
export function modelsOnPool(
  pool: ResourcePoolFacts,
  models: readonly DeployedModelFacts[],
): DeployedModelFacts[] {
  const key = poolKey(pool.project, pool.region, pool.name);
  return models.filter((m) => m.sharedResources && poolKey(m.project, m.region, m.sharedResources) === key);
}

// Google may spell the project by number in one name and by id in another; region and pool id are enough.
function poolKey(project: string, region: string, name: string): string {
  return `${project}/${region}/${name.slice(name.lastIndexOf('/') + 1)}`;
}

export function evaluateIdlePool(
  pool: ResourcePoolFacts,
  models: readonly DeployedModelFacts[],
  ctx: RuleContext,
  coverageGap: (project: string, metric: string) => string | null,
  rule: string,
): Verdict | null {
  if (pool.minReplicas < 1) return null;
  const windowHours = ctx.rules.idleEndpoint.windowHours;
  const windowStart = ctx.now.getTime() - windowHours * HOUR_MS;
  if (Date.parse(pool.since) > windowStart) return null;
  // A model deployed on it inside the window has not had the whole window to be called.
  if (models.some((m) => Date.parse(m.deployedSince) > windowStart)) return null;
  const resource = pool.name;
  for (const model of models) {
    const metric = servedMetric(model.trafficVisibility);
    const named = `${model.displayName} on ${model.endpointDisplayName}`;
    if (!metric) {
      const why = `${named}: ${invisibleTrafficReason(model.endpointDisplayName, model.endpointKind)}`;
      return { kind: 'unknown', rule, resource, why };
    }
    const gap = coverageGap(model.project, metric);
    if (gap) return { kind: 'unknown', rule, resource, why: gap };
    const served = model.traffic
      .filter((t) => Date.parse(t.hour) >= windowStart && Date.parse(t.hour) < ctx.now.getTime())
      .reduce((sum, t) => sum + servedIn(t, metric), 0);
    if (served > 0) return null;
  }

  const id = pool.name.slice(pool.name.lastIndexOf('/') + 1);
  const perDay = pool.hourlyPrice === null ? null : pool.minReplicas * pool.hourlyPrice * HOURS_PER_DAY;
  const gpu = hasAccelerators(pool.machineType, pool.acceleratorType, pool.acceleratorCount);
  const byCost = severityForDailyCost(perDay);
  // Idle accelerators are the most expensive kind of nothing: never below high.
  const severity = gpu && (byCost === 'low' || byCost === 'medium') ? 'high' : byCost;
  const replicas = `${pool.minReplicas} replica${pool.minReplicas === 1 ? '' : 's'} of ${pool.machineType ?? 'an unknown machine'}`;
  const names = models.map((m) => `${m.displayName} on ${m.endpointDisplayName}`);
  const listed =
    names.length > NAMED_MODELS
      ? `${names.slice(0, NAMED_MODELS).join(', ')} and ${names.length - NAMED_MODELS} more`
      : names.join(', ');
  const reason =
    models.length === 0
      ? `No model is deployed on it, yet its ${replicas} ${pool.minReplicas === 1 ? 'is' : 'are'} kept running.`
      : `None of the ${models.length} model${models.length === 1 ? '' : 's'} sharing it (${listed}) served a ` +
        `request in the last ${windowHours} h, yet its ${replicas} ${pool.minReplicas === 1 ? 'is' : 'are'} kept ` +
        'running. Undeploy its models, then delete the pool.';
  const facts: EvidenceFact[] = [
    { label: 'Models on the pool', value: models.length, unit: 'count' },
    { label: 'Requests in window', value: 0, unit: 'count' },
    { label: 'Window', value: windowHours, unit: 'hours' },
    { label: 'Min replicas', value: pool.minReplicas, unit: 'count' },
    { label: 'Machine', value: pool.machineType ?? 'unknown', unit: 'text' },
    {
      label: 'Accelerators',
      value: describeAccelerators(pool.machineType, pool.acceleratorType, pool.acceleratorCount),
      unit: 'text',
    },
    { label: 'Price per replica', value: pool.hourlyPrice, unit: 'money-per-hour' },
    { label: 'Created', value: pool.since, unit: 'time' },
  ];
  return {
    kind: 'finding',
    finding: {
      rule,
      resource,
      project: pool.project,
      region: pool.region,
      severity,
      title: `Idle resource pool: ${id}`,
      reason,
      evidence: {
        target: { type: 'resource-pool', poolName: pool.name, displayName: id },
        facts,
        unpricedReason: pool.hourlyPrice === null ? (pool.unpricedReason ?? 'no catalog price') : null,
      },
      labels: sharedLabels(models),
      impactPerDay: perDay,
      unpricedReason: pool.hourlyPrice === null ? (pool.unpricedReason ?? 'no catalog price') : null,
      suggestedAction: null,
      suggestedValue: null,
      observedAt: pool.lastSeen,
    },
  };
}

/** The labels every model's endpoint carries (a pool has none of its own): what routes the alert. */
function sharedLabels(models: readonly DeployedModelFacts[]): Record<string, string> {
  const [first, ...rest] = models;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first.labels).filter(([key, value]) => rest.every((m) => m.labels[key] === value)),
  );
}

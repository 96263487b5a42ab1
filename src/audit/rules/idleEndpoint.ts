import type { DeployedModelFacts } from '../facts.js';
import { deployedModelResource, type EvidenceFact, type Verdict } from '../model.js';
import { describeHandOver, handOverOfShares } from '../trafficHandOver.js';
import { hasAccelerators } from './accelerators.js';
import { evaluateIdlePool, modelsOnPool } from './idlePool.js';
import {
  deployedModelMachineFacts,
  deployedModelTarget,
  replicasPerDay,
  severityForDailyCost,
  unpricedReasonOf,
} from './impact.js';
import { describeOwner } from './ownerLabels.js';
import type { AuditRule, RuleContext } from './rule.js';
import { invisibleTrafficReason, servedIn, servedMetric, telemetryGap } from './telemetry.js';

export const IDLE_ENDPOINT_RULE = 'idle-endpoint';

const HOUR_MS = 3_600_000;

/**
 * A dedicated deployment keeps its minimum replicas running (and billed) whether or not anyone calls it; one
 * that served no request for the whole window, with Monitoring vouching for that window in the metric that
 * counts the endpoint's requests, is paying for nothing. Where no metric counts them, it cannot be judged.
 */
export function evaluateIdleModel(
  model: DeployedModelFacts,
  ctx: RuleContext,
  coverageGap: (metric: string) => string | null,
): Verdict | null {
  if (!model.dedicated || model.minReplicas < 1) return null;
  const windowHours = ctx.rules.idleEndpoint.windowHours;
  const windowStart = new Date(ctx.now.getTime() - windowHours * HOUR_MS);
  if (Date.parse(model.deployedSince) > windowStart.getTime()) return null;
  const resource = deployedModelResource(model.endpointName, model.deployedModelId);
  const metric = servedMetric(model.trafficVisibility);
  if (!metric) {
    const why = invisibleTrafficReason(model.endpointDisplayName, model.endpointKind);
    return { kind: 'unknown', rule: IDLE_ENDPOINT_RULE, resource, why };
  }
  const gap = coverageGap(metric);
  if (gap) return { kind: 'unknown', rule: IDLE_ENDPOINT_RULE, resource, why: gap };

  const inWindow = model.traffic.filter(
    (t) => Date.parse(t.hour) >= windowStart.getTime() && Date.parse(t.hour) < ctx.now.getTime(),
  );
  const served = inWindow.reduce((sum, t) => sum + servedIn(t, metric), 0);
  if (served > 0) return null;

  const requests = metric === 'prediction_count' ? 'predictions' : 'responses';
  const lastServed = [...model.traffic].reverse().find((t) => servedIn(t, metric) > 0)?.hour ?? null;
  const handOver = handOverOfShares(model.endpointSplit, model.deployedModelId);
  const perDay = replicasPerDay(model, model.minReplicas);
  const gpu = hasAccelerators(model.machineType, model.acceleratorType, model.acceleratorCount);
  // Idle accelerators are the most expensive kind of nothing: never below high.
  const byCost = severityForDailyCost(perDay);
  const severity = gpu && (byCost === 'low' || byCost === 'medium') ? 'high' : byCost;
  const target = deployedModelTarget(model);
  return {
    kind: 'finding',
    finding: {
      rule: IDLE_ENDPOINT_RULE,
      resource,
      project: model.project,
      region: model.region,
      severity,
      title: `Idle endpoint: ${target.displayName}`,
      reason:
        `No ${requests} in the last ${windowHours} h, yet ${model.minReplicas} dedicated ` +
        `replica${model.minReplicas === 1 ? '' : 's'} of ${model.machineType ?? 'an unknown machine'} ` +
        `${model.minReplicas === 1 ? 'is' : 'are'} kept running (${describeOwner(model.labels)}).` +
        (handOver ? ` If undeployed, ${describeHandOver(handOver)}.` : ''),
      evidence: {
        target,
        facts: [
          {
            label: metric === 'prediction_count' ? 'Last prediction seen' : 'Last response seen',
            value: lastServed ?? 'none in the data kept',
            unit: lastServed ? 'time' : 'text',
          },
          {
            label: metric === 'prediction_count' ? 'Predictions in window' : 'Responses in window',
            value: 0,
            unit: 'count',
          },
          { label: 'Window', value: windowHours, unit: 'hours' },
          { label: 'Min replicas', value: model.minReplicas, unit: 'count' },
          ...deployedModelMachineFacts(model),
          { label: 'Deployed since', value: model.deployedSince, unit: 'time' },
          ...shareFacts(model),
        ],
        trafficSplit: model.endpointSplit,
      },
      labels: model.labels,
      impactPerDay: perDay,
      unpricedReason: unpricedReasonOf(model),
      suggestedAction: 'undeploy',
      suggestedValue: null,
      observedAt: model.lastSeen,
    },
  };
}

/** The model's share of its endpoint, shown when other models share the endpoint. */
function shareFacts(model: DeployedModelFacts): EvidenceFact[] {
  if (model.endpointSplit.length < 2) return [];
  return [
    {
      label: 'Traffic share',
      value: `${model.trafficPercent} % of ${model.endpointDisplayName}`,
      unit: 'text',
    },
  ];
}

export const idleEndpointRule: AuditRule = {
  id: IDLE_ENDPOINT_RULE,
  resourceType: 'deployed-model',
  description:
    'Dedicated deployments with min replicas ≥ 1 that served no request for the whole window, and deployment ' +
    'resource pools none of whose models did.',
  enabled: (rules) => rules.idleEndpoint.enabled,
  evaluate(facts, ctx) {
    const windowStart = new Date(ctx.now.getTime() - ctx.rules.idleEndpoint.windowHours * HOUR_MS);
    const gap = (project: string, metric: string) =>
      telemetryGap(facts.coverage, project, windowStart, ctx.now, metric);
    const verdicts: Verdict[] = [];
    for (const model of facts.deployedModels) {
      const verdict = evaluateIdleModel(model, ctx, (metric) => gap(model.project, metric));
      if (verdict) verdicts.push(verdict);
    }
    for (const pool of facts.resourcePools) {
      const models = modelsOnPool(pool, facts.deployedModels);
      const verdict = evaluateIdlePool(pool, models, ctx, gap, IDLE_ENDPOINT_RULE);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

import type { DeployedModelFacts } from '../facts.js';
import { deployedModelResource, type Verdict } from '../model.js';
import {
  deployedModelMachineFacts,
  deployedModelTarget,
  replicasPerDay,
  severityForDailyCost,
  unpricedReasonOf,
} from './impact.js';
import type { AuditRule, RuleContext } from './rule.js';
import { invisibleTrafficReason, telemetryGap } from './telemetry.js';

export const OVER_PROVISIONED_RULE = 'over-provisioned-endpoint';

const HOUR_MS = 3_600_000;

export interface ReplicaCapacity {
  predictionsPerReplicaHour: number;
  source: 'history' | 'config';
}

/**
 * Predictions one replica demonstrably handled: the busiest hour per replica while the model ran on fewer
 * replicas than today's minimum (it coped then, so it copes now); else the configured capacity.
 */
export function replicaCapacity(model: DeployedModelFacts, configured: number): ReplicaCapacity {
  let best = 0;
  for (const hour of model.traffic) {
    if (hour.replicas === null || hour.predictions === null) continue;
    if (hour.replicas <= 0 || hour.replicas >= model.minReplicas) continue;
    best = Math.max(best, hour.predictions / hour.replicas);
  }
  return best > 0
    ? { predictionsPerReplicaHour: best, source: 'history' }
    : { predictionsPerReplicaHour: configured, source: 'config' };
}

export function evaluateOverProvisioned(
  model: DeployedModelFacts,
  ctx: RuleContext,
  coverageGap: string | null,
): Verdict | null {
  const cfg = ctx.rules.overProvisioned;
  if (!model.dedicated || model.minReplicas <= 1) return null;
  const windowStart = new Date(ctx.now.getTime() - cfg.windowDays * 24 * HOUR_MS);
  if (Date.parse(model.deployedSince) > windowStart.getTime()) return null;
  const resource = deployedModelResource(model.endpointName, model.deployedModelId);
  // Peaks and per-replica capacity are measured in predictions: elsewhere the traffic to size for is not seen.
  if (model.trafficVisibility !== 'prediction_count') {
    const why = `its requests are not counted in prediction_count, which sizes replicas (${model.trafficVisibility === 'unknown' ? invisibleTrafficReason(model.endpointDisplayName, model.endpointKind) : 'a private endpoint counts responses instead'})`;
    return { kind: 'unknown', rule: OVER_PROVISIONED_RULE, resource, why };
  }
  if (coverageGap) return { kind: 'unknown', rule: OVER_PROVISIONED_RULE, resource, why: coverageGap };

  const inWindow = model.traffic.filter(
    (t) => Date.parse(t.hour) >= windowStart.getTime() && Date.parse(t.hour) < ctx.now.getTime(),
  );
  const peak = Math.max(0, ...inWindow.map((t) => t.predictions ?? 0));
  // A model with no traffic at all is the idle rule's finding (undeploy), not a scaling one.
  if (peak <= 0) return null;
  const capacity = replicaCapacity(model, cfg.predictionsPerReplicaHour);
  const needed = Math.max(1, Math.ceil((peak * cfg.headroom) / capacity.predictionsPerReplicaHour));
  const spare = model.minReplicas - needed;
  if (spare < cfg.minSavingReplicas) return null;

  const perDay = replicasPerDay(model, spare);
  const target = deployedModelTarget(model);
  return {
    kind: 'finding',
    finding: {
      rule: OVER_PROVISIONED_RULE,
      resource,
      project: model.project,
      region: model.region,
      severity: severityForDailyCost(perDay),
      title: `Over-provisioned endpoint: ${target.displayName}`,
      reason:
        `Min replicas is ${model.minReplicas}, but the busiest hour in ${cfg.windowDays} days had ${Math.round(peak)} ` +
        `predictions, which ${needed} replica${needed === 1 ? '' : 's'} serve${needed === 1 ? 's' : ''} with ` +
        `${cfg.headroom}× headroom. Lowering the minimum to ${needed} saves up to ${spare} always-on replica${spare === 1 ? '' : 's'}.`,
      evidence: {
        target,
        facts: [
          { label: 'Min replicas now', value: model.minReplicas, unit: 'count' },
          { label: 'Suggested min replicas', value: needed, unit: 'count' },
          { label: 'Peak predictions per hour', value: peak, unit: 'per-hour' },
          { label: 'Per-replica capacity', value: capacity.predictionsPerReplicaHour, unit: 'per-hour' },
          {
            label: 'Capacity from',
            value:
              capacity.source === 'history'
                ? "the model's own busiest hour on fewer replicas"
                : 'configuration',
            unit: 'text',
          },
          ...deployedModelMachineFacts(model),
        ],
      },
      labels: model.labels,
      impactPerDay: perDay,
      unpricedReason: unpricedReasonOf(model),
      suggestedAction: 'scale',
      suggestedValue: needed,
      observedAt: model.lastSeen,
    },
  };
}

export const overProvisionedRule: AuditRule = {
  id: OVER_PROVISIONED_RULE,
  resourceType: 'deployed-model',
  description: 'Dedicated deployments whose min replicas exceed what the observed peak traffic needs.',
  enabled: (rules) => rules.overProvisioned.enabled,
  evaluate(facts, ctx) {
    const windowStart = new Date(ctx.now.getTime() - ctx.rules.overProvisioned.windowDays * 24 * HOUR_MS);
    const verdicts: Verdict[] = [];
    for (const model of facts.deployedModels) {
      const gap = telemetryGap(facts.coverage, model.project, windowStart, ctx.now);
      const verdict = evaluateOverProvisioned(model, ctx, gap);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

import type { DeployedModelFacts } from '../facts.js';
import { deployedModelResource, type Verdict } from '../model.js';
import { hasAccelerators } from './accelerators.js';
import {
  deployedModelMachineFacts,
  deployedModelTarget,
  replicasPerDay,
  severityForDailyCost,
  unpricedReasonOf,
} from './impact.js';
import { describeOwner } from './ownerLabels.js';
import type { AuditRule, RuleContext } from './rule.js';
import { telemetryGap } from './telemetry.js';

export const IDLE_ENDPOINT_RULE = 'idle-endpoint';

const HOUR_MS = 3_600_000;

/**
 * A dedicated deployment keeps its minimum replicas running (and billed) whether or not anyone calls it; one
 * that served no prediction for the whole window, with Monitoring vouching for that window, is paying for
 * nothing.
 */
export function evaluateIdleModel(
  model: DeployedModelFacts,
  ctx: RuleContext,
  coverageGap: string | null,
): Verdict | null {
  if (!model.dedicated || model.minReplicas < 1) return null;
  const windowHours = ctx.rules.idleEndpoint.windowHours;
  const windowStart = new Date(ctx.now.getTime() - windowHours * HOUR_MS);
  if (Date.parse(model.deployedSince) > windowStart.getTime()) return null;
  const resource = deployedModelResource(model.endpointName, model.deployedModelId);
  if (coverageGap) return { kind: 'unknown', rule: IDLE_ENDPOINT_RULE, resource, why: coverageGap };

  const inWindow = model.traffic.filter(
    (t) => Date.parse(t.hour) >= windowStart.getTime() && Date.parse(t.hour) < ctx.now.getTime(),
  );
  const predictions = inWindow.reduce((sum, t) => sum + (t.predictions ?? 0), 0);
  if (predictions > 0) return null;

  const lastPrediction = [...model.traffic].reverse().find((t) => (t.predictions ?? 0) > 0)?.hour ?? null;
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
        `No predictions in the last ${windowHours} h, yet ${model.minReplicas} dedicated ` +
        `replica${model.minReplicas === 1 ? '' : 's'} of ${model.machineType ?? 'an unknown machine'} ` +
        `${model.minReplicas === 1 ? 'is' : 'are'} kept running (${describeOwner(model.labels)}).`,
      evidence: {
        target,
        facts: [
          {
            label: 'Last prediction seen',
            value: lastPrediction ?? 'none in the data kept',
            unit: lastPrediction ? 'time' : 'text',
          },
          { label: 'Predictions in window', value: 0, unit: 'count' },
          { label: 'Window', value: windowHours, unit: 'hours' },
          { label: 'Min replicas', value: model.minReplicas, unit: 'count' },
          ...deployedModelMachineFacts(model),
          { label: 'Deployed since', value: model.deployedSince, unit: 'time' },
        ],
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

export const idleEndpointRule: AuditRule = {
  id: IDLE_ENDPOINT_RULE,
  resourceType: 'deployed-model',
  description: 'Dedicated deployments with min replicas ≥ 1 that served no prediction for the whole window.',
  enabled: (rules) => rules.idleEndpoint.enabled,
  evaluate(facts, ctx) {
    const windowStart = new Date(ctx.now.getTime() - ctx.rules.idleEndpoint.windowHours * HOUR_MS);
    const verdicts: Verdict[] = [];
    for (const model of facts.deployedModels) {
      const gap = telemetryGap(facts.coverage, model.project, windowStart, ctx.now);
      const verdict = evaluateIdleModel(model, ctx, gap);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

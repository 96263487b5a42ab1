import type { Finding } from '../../audit/findings.js';
import type { RemediationAction } from './action.js';
import { liveDeployment } from './liveTraffic.js';
import { settleOperation } from './operation.js';

function replicas(n: number | null): string {
  return `${n ?? '?'} min replica${n === 1 ? '' : 's'}`;
}

function capacityOf(finding: Finding): number | null {
  const capacity = finding.evidence.facts.find((f) => f.label === 'Per-replica capacity')?.value;
  return typeof capacity === 'number' ? capacity : null;
}

/** Lowers an over-provisioned deployment's minimum replicas to what its traffic needs. */
export const scaleAction: RemediationAction = {
  id: 'scale',
  target: 'deployed-model',
  buttonId: 'burnrate_alert_scale',
  label: (finding) => `Scale min replicas to ${finding.suggestedValue}`,
  pastTense: 'Scaled down',
  describe: (finding) =>
    `scale ${finding.evidence.target.displayName} to ${replicas(finding.suggestedValue)}`,
  googleCalls: [
    'EndpointService.GetEndpoint',
    'MetricService.ListTimeSeries',
    'EndpointService.MutateDeployedModel',
  ],
  async recheck(finding, ctx) {
    const live = await liveDeployment(finding, ctx);
    if (!live.ok) return live;
    const { model, traffic } = live;
    // Fewer replicas are safe only when the traffic they must carry can be seen.
    if (!traffic.seen) return { ok: false, reason: `its traffic cannot be seen: ${traffic.why}` };
    const recent = traffic.served;
    const wanted = finding.suggestedValue;
    if (wanted === null || wanted < 1)
      return { ok: false, reason: 'the finding has no replica count to scale to' };
    if (!model.dedicated) return { ok: false, reason: 'the model no longer runs on dedicated resources' };
    if (model.minReplicas <= wanted) {
      return { ok: false, reason: `min replicas is already ${model.minReplicas}, at or below ${wanted}` };
    }
    const capacity = capacityOf(finding);
    if (capacity !== null && recent > wanted * capacity) {
      return {
        ok: false,
        reason: `${Math.round(recent)} ${traffic.unit} in the last hour need more than ${wanted} replica${wanted === 1 ? '' : 's'}`,
      };
    }
    return {
      ok: true,
      detail: `min replicas ${model.minReplicas}, ${Math.round(recent)} ${traffic.unit} in the last hour`,
    };
  },
  async perform(finding, ctx) {
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model')
      return { result: 'refused', summary: 'the finding names no deployed model' };
    const value = finding.suggestedValue ?? 1;
    const outcome = await ctx.port.vertex.setMinReplicas(
      target.endpointName,
      target.deployedModelId,
      value,
      ctx.timeoutMs,
    );
    if (outcome.status === 'not-found')
      return { result: 'refused', summary: `${target.displayName} no longer exists` };
    return settleOperation(outcome, `set min replicas of ${target.displayName} to ${finding.suggestedValue}`);
  },
};

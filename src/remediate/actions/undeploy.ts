import type { RemediationAction } from './action.js';
import { predictionsInLastHour } from './liveTraffic.js';
import { settleOperation } from './operation.js';

/** Undeploys an idle model from its endpoint, which stops its replicas (and their bill). */
export const undeployAction: RemediationAction = {
  id: 'undeploy',
  target: 'deployed-model',
  buttonId: 'burnrate_alert_undeploy',
  label: () => 'Undeploy model',
  pastTense: 'Undeployed',
  describe: (finding) => `undeploy ${finding.evidence.target.displayName}`,
  googleCalls: [
    'EndpointService.GetEndpoint',
    'MetricService.ListTimeSeries',
    'EndpointService.UndeployModel',
  ],
  async recheck(finding, ctx) {
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model')
      return { ok: false, reason: 'the finding does not name a deployed model' };
    const endpoint = await ctx.port.vertex.getEndpoint(target.endpointName, finding.project);
    if (!endpoint) return { ok: false, reason: `endpoint ${target.endpointName} no longer exists` };
    if (!endpoint.deployedModels.some((m) => m.deployedModelId === target.deployedModelId))
      return { ok: false, reason: `${target.displayName} is no longer deployed on the endpoint` };
    let recent: number;
    try {
      recent = await predictionsInLastHour(ctx, finding.project, target.endpointName, target.deployedModelId);
    } catch (err) {
      // Without Monitoring we cannot tell that nobody is calling it; doing nothing is the safe answer.
      return {
        ok: false,
        reason: `cannot confirm recent traffic (Monitoring failed: ${(err as Error).message})`,
      };
    }
    if (recent > 0) {
      return {
        ok: false,
        reason: `it served ${Math.round(recent)} predictions in the last hour, so it is not idle any more`,
      };
    }
    return { ok: true, detail: 'still deployed, no predictions in the last hour' };
  },
  async perform(finding, ctx) {
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model')
      return { result: 'refused', summary: 'the finding names no deployed model' };
    const outcome = await ctx.port.vertex.undeployModel(
      target.endpointName,
      target.deployedModelId,
      ctx.timeoutMs,
    );
    if (outcome.status === 'not-found')
      return { result: 'ok', summary: `${target.displayName} was already gone` };
    return settleOperation(outcome, `undeployed ${target.displayName}`);
  },
};

import type { Finding } from '../../audit/findings.js';
import type { TrafficShare } from '../../audit/model.js';
import { describeHandOver, shareHandOver, splitOfShares } from '../../audit/trafficHandOver.js';
import { GcpError } from '../../gcp/errors.js';
import { sameTrafficSplit, type TrafficSplit, trafficShare } from '../../gcp/trafficSplit.js';
import type { VertexEndpoint } from '../../gcp/types.js';
import type { RecheckResult, RemediationAction } from './action.js';
import { liveDeployment } from './liveTraffic.js';
import { settleOperation } from './operation.js';

/**
 * Undeploys an idle model from its endpoint, which stops its replicas (and their bill). Google undeploys a model
 * that has a share of the endpoint's traffic only when the request gives that share to the others
 * (UndeployModelRequest.traffic_split): the re-check works that split out from the live endpoint, and acts only
 * while the endpoint's split is still the one the alert showed, since the alert said where the share would go.
 */
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
    const live = await liveDeployment(finding, ctx);
    if (!live.ok) return live;
    const { endpoint, model, traffic: recent } = live;
    if (!recent.seen) return { ok: false, reason: `its traffic cannot be confirmed idle: ${recent.why}` };
    if (recent.served > 0) {
      return {
        ok: false,
        reason: `it served ${Math.round(recent.served)} ${recent.unit} in the last hour, so it is not idle any more`,
      };
    }
    return planUndeploy(finding, endpoint, model.deployedModelId);
  },
  async perform(finding, ctx, checked) {
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model')
      return { result: 'refused', summary: 'the finding names no deployed model' };
    const plan = checked.undeploy;
    let outcome: Awaited<ReturnType<typeof ctx.port.vertex.undeployModel>>;
    try {
      outcome = await ctx.port.vertex.undeployModel(
        target.endpointName,
        target.deployedModelId,
        ctx.timeoutMs,
        plan?.trafficSplit ?? {},
      );
    } catch (err) {
      // Google's refusal to strand traffic: nothing changed, and sending the same request again cannot help.
      if (err instanceof GcpError && err.grpcStatus === 'FAILED_PRECONDITION') {
        const share = plan
          ? `${plan.share} % of the endpoint's traffic`
          : "a share of the endpoint's traffic";
        return {
          result: 'failed',
          summary:
            `Google refused (FAILED_PRECONDITION): it still has ${share}, and Google undeploys a model with ` +
            `traffic only when the request gives its share to the other models; nothing was changed (${err.detail})`,
        };
      }
      throw err;
    }
    if (outcome.status === 'not-found')
      return { result: 'ok', summary: `${target.displayName} was already gone` };
    const effect = plan?.effect ? `; ${plan.effect}` : '';
    return settleOperation(outcome, `undeployed ${target.displayName}${effect}`);
  },
};

/**
 * The split to send, from the live endpoint: refused when the endpoint's split is no longer the one the alert
 * showed (else the one the finding recorded), or when none was recorded (the alert did not say where the share
 * would go) and the model has a share that other models would take.
 */
function planUndeploy(finding: Finding, endpoint: VertexEndpoint, deployedModelId: string): RecheckResult {
  const live = endpoint.trafficSplit;
  const names = Object.fromEntries(endpoint.deployedModels.map((m) => [m.deployedModelId, m.displayName]));
  // What the alert showed; a later audit may have refreshed the evidence, but the alert is what people read.
  const recorded = finding.alertedSplit ?? finding.evidence.trafficSplit;
  const share = trafficShare(live, deployedModelId);
  const handOver = shareHandOver(live, deployedModelId, names);
  if (recorded && !sameTrafficSplit(splitOfShares(recorded), live)) {
    const now = Object.entries(live).map(([id, percent]) => ({
      deployedModelId: id,
      displayName: names[id] ?? id,
      percent,
    }));
    return {
      ok: false,
      reason:
        `the traffic split of the endpoint changed since the alert (then ${splitText(recorded)}; now ` +
        `${splitText(now)}), so where its share would go is no longer what the alert said; the next audit looks ` +
        'at it again',
    };
  }
  if (!recorded && handOver) {
    return {
      ok: false,
      reason:
        `${finding.evidence.target.displayName} has ${share} % of the endpoint's traffic and the alert did not say ` +
        'where it would go; the next audit records the split and says so',
    };
  }
  const detail = handOver
    ? `still deployed, no traffic in the last hour; ${describeHandOver(handOver)}`
    : 'still deployed, no traffic in the last hour';
  return {
    ok: true,
    detail,
    undeploy: {
      trafficSplit: handOver?.split ?? withoutModel(live, deployedModelId),
      share,
      effect: handOver ? describeHandOver(handOver, undefined, 'went') : null,
    },
  };
}

// A model without a share leaves the others' shares as they are (or the split empty, when it was the last).
function withoutModel(split: TrafficSplit, deployedModelId: string): TrafficSplit {
  return Object.fromEntries(Object.entries(split).filter(([id]) => id !== deployedModelId));
}

/** "ranker-v14 90 %, ranker-v15-canary 10 %": the models with a share, by name. */
function splitText(shares: readonly TrafficShare[]): string {
  const listed = shares
    .filter((s) => s.percent > 0)
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((s) => `${s.displayName} ${s.percent} %`);
  return listed.length > 0 ? listed.join(', ') : 'no shares';
}

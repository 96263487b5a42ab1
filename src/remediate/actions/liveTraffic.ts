// "Is anyone calling it right now", asked of Monitoring before an undeploy or a scale-down, in the metric that
// counts the endpoint's requests (the idle rule's choice): prediction_count for shared public endpoints,
// private/response_count for private services access ones, and none at all for dedicated and Private Service
// Connect endpoints, whose traffic then cannot be seen.

import type { Finding } from '../../audit/findings.js';
import { invisibleTrafficReason, servedMetric } from '../../audit/rules/telemetry.js';
import type { DeployedModel, VertexEndpoint } from '../../gcp/types.js';
import type { ActionContext } from './action.js';

// How far back the live check looks for requests.
export const RECENT_TRAFFIC_MS = 3_600_000;

/** What Monitoring says about a deployed model's last hour: requests served, or why it cannot tell. */
export type RecentTraffic =
  | { seen: true; served: number; unit: 'predictions' | 'responses' }
  | { seen: false; why: string };

function endpointIdOf(endpointName: string): string {
  return endpointName.split('/').pop() ?? endpointName;
}

/** Requests a deployed model served in the last hour, per Monitoring (throws when Monitoring fails). */
export async function recentTraffic(
  ctx: ActionContext,
  project: string,
  endpoint: Pick<VertexEndpoint, 'name' | 'displayName' | 'kind' | 'trafficVisibility'>,
  deployedModelId: string,
): Promise<RecentTraffic> {
  const metric = servedMetric(endpoint.trafficVisibility);
  if (!metric) return { seen: false, why: invisibleTrafficReason(endpoint.displayName, endpoint.kind) };
  const window = { project, from: new Date(ctx.now.getTime() - RECENT_TRAFFIC_MS), to: ctx.now };
  const series =
    metric === 'prediction_count'
      ? await ctx.port.monitoring.hourlyTraffic({ ...window, metric })
      : await ctx.port.monitoring.hourlyPrivateResponses(window);
  const endpointId = endpointIdOf(endpoint.name);
  const served = series.points
    .filter((p) => p.endpointId === endpointId && p.deployedModelId === deployedModelId)
    .reduce((sum, p) => sum + p.value, 0);
  return { seen: true, served, unit: metric === 'prediction_count' ? 'predictions' : 'responses' };
}

/** The finding's deployed model as Google has it now, with its last hour of traffic; or why it cannot be acted on. */
export type LiveDeployment =
  | { ok: true; endpoint: VertexEndpoint; model: DeployedModel; traffic: RecentTraffic }
  | { ok: false; reason: string };

/** Looks the finding's deployed model up on its live endpoint and asks Monitoring about its last hour. */
export async function liveDeployment(finding: Finding, ctx: ActionContext): Promise<LiveDeployment> {
  const target = finding.evidence.target;
  if (target.type !== 'deployed-model')
    return { ok: false, reason: 'the finding does not name a deployed model' };
  const endpoint = await ctx.port.vertex.getEndpoint(target.endpointName, finding.project);
  if (!endpoint) return { ok: false, reason: `endpoint ${target.endpointName} no longer exists` };
  const model = endpoint.deployedModels.find((m) => m.deployedModelId === target.deployedModelId);
  if (!model) return { ok: false, reason: `${target.displayName} is no longer deployed on the endpoint` };
  try {
    return {
      ok: true,
      endpoint,
      model,
      traffic: await recentTraffic(ctx, finding.project, endpoint, target.deployedModelId),
    };
  } catch (err) {
    // Without Monitoring nobody can tell who is calling it; doing nothing is the safe answer.
    return {
      ok: false,
      reason: `cannot confirm recent traffic (Monitoring failed: ${(err as Error).message})`,
    };
  }
}

// "Is anyone calling it right now", asked of Monitoring before an undeploy or a scale-down, in the metric that
// counts the endpoint's requests (the idle rule's choice): prediction_count for shared public endpoints,
// private/response_count for private services access ones, and none at all for dedicated and Private Service
// Connect endpoints, whose traffic then cannot be seen.

import { invisibleTrafficReason, servedMetric } from '../../audit/rules/telemetry.js';
import type { VertexEndpoint } from '../../gcp/types.js';
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

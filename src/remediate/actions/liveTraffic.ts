// "Is anyone calling it right now", asked of Monitoring before an undeploy or a scale-down.

import type { ActionContext } from './action.js';

// How far back the live check looks for predictions.
export const RECENT_TRAFFIC_MS = 3_600_000;

function endpointIdOf(endpointName: string): string {
  return endpointName.split('/').pop() ?? endpointName;
}

/** Predictions a deployed model served in the last hour, per Monitoring (throws when Monitoring fails). */
export async function predictionsInLastHour(
  ctx: ActionContext,
  project: string,
  endpointName: string,
  deployedModelId: string,
): Promise<number> {
  const series = await ctx.port.monitoring.hourlyTraffic({
    project,
    metric: 'prediction_count',
    from: new Date(ctx.now.getTime() - RECENT_TRAFFIC_MS),
    to: ctx.now,
  });
  const endpointId = endpointIdOf(endpointName);
  return series.points
    .filter((p) => p.endpointId === endpointId && p.deployedModelId === deployedModelId)
    .reduce((sum, p) => sum + p.value, 0);
}

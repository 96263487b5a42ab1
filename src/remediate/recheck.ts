// Before changing anything, look at the resource as Google sees it now: the data behind a finding may be
// hours old, and acting on stale data (a model that got traffic again, a job that already finished) would
// hurt someone.

import type { Finding } from '../audit/findings.js';
import type { MonitoringApi, VertexApi } from '../gcp/api.js';

// Vertex AI accepts a cancel only for jobs that have not ended; CANCELLING means a cancel is already under way.
export const CANCELLABLE_STATES: ReadonlySet<string> = new Set([
  'QUEUED',
  'PENDING',
  'RUNNING',
  'PAUSED',
  'UPDATING',
]);

// How far back "is anyone calling it right now" looks before an undeploy or a scale-down.
export const RECENT_TRAFFIC_MS = 3_600_000;

export type RecheckResult = { ok: true; detail: string } | { ok: false; reason: string };

export interface RecheckDeps {
  vertex: Pick<VertexApi, 'getEndpoint' | 'getJob'>;
  monitoring: Pick<MonitoringApi, 'hourlyTraffic'>;
  now: Date;
}

function endpointIdOf(endpointName: string): string {
  return endpointName.split('/').pop() ?? endpointName;
}

async function predictionsInLastHour(
  deps: RecheckDeps,
  project: string,
  endpointName: string,
  deployedModelId: string,
) {
  const series = await deps.monitoring.hourlyTraffic({
    project,
    metric: 'prediction_count',
    from: new Date(deps.now.getTime() - RECENT_TRAFFIC_MS),
    to: deps.now,
  });
  const endpointId = endpointIdOf(endpointName);
  return series.points
    .filter((p) => p.endpointId === endpointId && p.deployedModelId === deployedModelId)
    .reduce((sum, p) => sum + p.value, 0);
}

/** Whether the finding's action is still safe and useful, judged from live Google data. */
export async function recheckLive(finding: Finding, deps: RecheckDeps): Promise<RecheckResult> {
  const target = finding.evidence.target;
  if (finding.suggestedAction === 'cancel') {
    if (target.type !== 'job') return { ok: false, reason: 'the finding does not name a job' };
    const job = await deps.vertex.getJob(target.jobName, finding.project);
    if (!job) return { ok: false, reason: `job ${target.displayName} no longer exists` };
    if (!CANCELLABLE_STATES.has(job.state)) {
      return {
        ok: false,
        reason: `job ${target.displayName} is ${job.state} now, so there is nothing to cancel`,
      };
    }
    return { ok: true, detail: `job is ${job.state}` };
  }

  if (target.type !== 'deployed-model')
    return { ok: false, reason: 'the finding does not name a deployed model' };
  const endpoint = await deps.vertex.getEndpoint(target.endpointName, finding.project);
  if (!endpoint) return { ok: false, reason: `endpoint ${target.endpointName} no longer exists` };
  const model = endpoint.deployedModels.find((m) => m.deployedModelId === target.deployedModelId);
  if (!model) return { ok: false, reason: `${target.displayName} is no longer deployed on the endpoint` };

  let recent: number;
  try {
    recent = await predictionsInLastHour(deps, finding.project, target.endpointName, target.deployedModelId);
  } catch (err) {
    // Without Monitoring we cannot tell that nobody is calling it; doing nothing is the safe answer.
    return {
      ok: false,
      reason: `cannot confirm recent traffic (Monitoring failed: ${(err as Error).message})`,
    };
  }

  if (finding.suggestedAction === 'undeploy') {
    if (recent > 0) {
      return {
        ok: false,
        reason: `it served ${Math.round(recent)} predictions in the last hour, so it is not idle any more`,
      };
    }
    return { ok: true, detail: 'still deployed, no predictions in the last hour' };
  }

  if (finding.suggestedAction === 'scale') {
    const target = finding.suggestedValue;
    if (target === null || target < 1)
      return { ok: false, reason: 'the finding has no replica count to scale to' };
    if (!model.dedicated) return { ok: false, reason: 'the model no longer runs on dedicated resources' };
    if (model.minReplicas <= target) {
      return { ok: false, reason: `min replicas is already ${model.minReplicas}, at or below ${target}` };
    }
    const capacity = finding.evidence.facts.find((f) => f.label === 'Per-replica capacity')?.value;
    if (typeof capacity === 'number' && recent > target * capacity) {
      return {
        ok: false,
        reason: `${Math.round(recent)} predictions in the last hour need more than ${target} replica${target === 1 ? '' : 's'}`,
      };
    }
    return {
      ok: true,
      detail: `min replicas ${model.minReplicas}, ${Math.round(recent)} predictions in the last hour`,
    };
  }
  return { ok: false, reason: 'the finding suggests no action' };
}

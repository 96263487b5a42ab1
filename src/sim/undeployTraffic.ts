// Google's rules for an endpoint's traffic split when a model is undeployed (UndeployModelRequest.traffic_split,
// google/cloud/aiplatform/v1/endpoint_service.proto): a given split overwrites the endpoint's; the model is
// undeployed only if it has no traffic or the split unassigns it; the last model leaves an empty split.

import { GoogleApiError, invalidArgument } from './http.js';

export interface UndeployTrafficInput {
  endpointName: string;
  /** Ids of the models deployed now, the one being removed included. */
  liveIds: readonly string[];
  current: Record<string, number>;
  removedId: string;
  /** The request's trafficSplit field as received (absent, or a JSON object). */
  requested: unknown;
}

/** The endpoint's split after the undeploy, or the error Google answers with. */
export function trafficSplitAfterUndeploy(input: UndeployTrafficInput): Record<string, number> {
  const remaining = input.liveIds.filter((id) => id !== input.removedId);
  const requested = parseSplit(input.requested);
  // The last model: the split ends up empty whatever was sent (proto3 cannot tell an empty map from none).
  if (remaining.length === 0) return {};
  if (!requested) {
    const share = input.current[input.removedId] ?? 0;
    if (share > 0) {
      throw new GoogleApiError(
        400,
        `DeployedModel ${input.removedId} of Endpoint ${input.endpointName} has ${share}% of the traffic assigned; undeploy it with a traffic_split that assigns it 0, or update the Endpoint's traffic_split first.`,
        { status: 'FAILED_PRECONDITION' },
      );
    }
    return withoutId(input.current, input.removedId);
  }
  const unknown = Object.keys(requested).filter((id) => !input.liveIds.includes(id));
  if (unknown.length > 0) {
    throw invalidArgument(`The following DeployedModel ID(s) [${unknown.join(', ')}] do not exist.`);
  }
  const total = Object.values(requested).reduce((sum, percent) => sum + percent, 0);
  if (total !== 100) {
    throw invalidArgument(`The traffic_split percentages must add up to 100, got ${total}.`);
  }
  const share = requested[input.removedId] ?? 0;
  if (share > 0) {
    throw new GoogleApiError(
      400,
      `The traffic_split assigns ${share}% of the traffic to DeployedModel ${input.removedId}, which is being undeployed from Endpoint ${input.endpointName}.`,
      { status: 'FAILED_PRECONDITION' },
    );
  }
  return withoutId(requested, input.removedId);
}

function parseSplit(value: unknown): Record<string, number> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(
      "Invalid value at 'traffic_split': expected a map of deployed model id to percent.",
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return null;
  const split: Record<string, number> = {};
  for (const [id, raw] of entries) {
    const percent = Number(raw);
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw invalidArgument(
        `Invalid traffic_split value for DeployedModel ${id}: ${JSON.stringify(raw)} (a whole percent from 0 to 100).`,
      );
    }
    split[id] = percent;
  }
  return split;
}

function withoutId(split: Record<string, number>, removedId: string): Record<string, number> {
  return Object.fromEntries(Object.entries(split).filter(([id]) => id !== removedId));
}

// An endpoint's traffic split (deployed model id → percent of requests) and the split to send when one model is
// undeployed. Vertex AI undeploys a model only when no traffic is assigned to it or the request's trafficSplit
// unassigns it (UndeployModelRequest.traffic_split); the percentages of a split must add up to 100.

/** Deployed model id → whole percent of the endpoint's requests; the values add up to 100 (or it is empty). */
export type TrafficSplit = Record<string, number>;

/** The percent a split gives a model (0 when the split does not name it). */
export function trafficShare(split: TrafficSplit, deployedModelId: string): number {
  return split[deployedModelId] ?? 0;
}

/** True when the two splits give every model the same percent (models at 0 may be left out of either). */
export function sameTrafficSplit(a: TrafficSplit, b: TrafficSplit): boolean {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...ids].every((id) => trafficShare(a, id) === trafficShare(b, id));
}

/**
 * The split after `removedId` leaves the endpoint: its share goes to the models that remain, in proportion to
 * their current shares (evenly when they all have 0), as whole percents adding up to 100. Rounding: each model
 * first gets the whole part of its exact share; the percents left over go one each to the largest fractional
 * parts, ties to the lower deployed model id, so the answer is the same on every run. Empty when no model
 * remains: Google then leaves the endpoint with an empty split.
 */
export function trafficSplitWithout(split: TrafficSplit, removedId: string): TrafficSplit {
  const remaining = Object.keys(split)
    .filter((id) => id !== removedId)
    .sort(compareIds);
  if (remaining.length === 0) return {};
  const total = remaining.reduce((sum, id) => sum + Math.max(0, trafficShare(split, id)), 0);
  const exact = remaining.map((id) => ({
    id,
    share: total > 0 ? (Math.max(0, trafficShare(split, id)) * 100) / total : 100 / remaining.length,
  }));
  const result: TrafficSplit = {};
  for (const { id, share } of exact) result[id] = Math.floor(share);
  let leftOver = 100 - Object.values(result).reduce((sum, percent) => sum + percent, 0);
  const byFraction = [...exact].sort(
    (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)) || compareIds(a.id, b.id),
  );
  for (const { id } of byFraction) {
    if (leftOver <= 0) break;
    result[id] = (result[id] ?? 0) + 1;
    leftOver--;
  }
  return result;
}

// Deployed model ids are decimal numbers of up to 19 digits: shorter is smaller, then text order.
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

// An endpoint's traffic split as the scenario starts it (Endpoint.traffic_split: deployed model id → percent,
// adding up to 100).

/**
 * The scenario's percents when it gives any (models without one get 0), else an even split in whole percents
 * with the first model taking what does not divide evenly.
 */
export function initialTrafficSplit(
  ids: readonly string[],
  percents: readonly (number | undefined)[],
): Record<string, number> {
  const split: Record<string, number> = {};
  if (percents.some((percent) => percent !== undefined)) {
    ids.forEach((id, index) => {
      split[id] = percents[index] ?? 0;
    });
    return split;
  }
  const share = Math.floor(100 / Math.max(1, ids.length));
  ids.forEach((id, index) => {
    split[id] = index === 0 ? 100 - share * (ids.length - 1) : share;
  });
  return split;
}

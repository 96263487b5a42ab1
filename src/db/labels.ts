// Labels are stored as a JSON object column (jobs, endpoints, billing rows, findings).

/** A stored labels column as a map; anything that is not a JSON object reads as no labels. */
export function parseLabels(json: string | null | undefined): Record<string, string> {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}

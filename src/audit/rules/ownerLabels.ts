// Label keys that name who owns a resource, shown on alerts so the right person sees their own waste.
export const OWNER_LABEL_KEYS = ['owner', 'team', 'created-by', 'user'];

/** "owner=alice, team=nlp", or "no owner label". */
export function describeOwner(labels: Record<string, string>): string {
  const parts = OWNER_LABEL_KEYS.filter((key) => labels[key]).map((key) => `${key}=${labels[key]}`);
  return parts.length > 0 ? parts.join(', ') : 'no owner label';
}

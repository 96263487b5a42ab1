// Which catalog SKUs apply in a region. A SKU lists the regions it covers in serviceRegions; some older SKUs
// name a multi-region group instead ("Americas", "EMEA", "APAC") in serviceRegions or their description.

import type { CatalogSku } from '../gcp/types.js';

export type RegionMatch = 'exact' | 'group' | 'none';

/** Google's continental SKU groups by region prefix. */
function regionGroup(region: string): string | null {
  if (/^(us|northamerica|southamerica)-/.test(region)) return 'americas';
  if (/^(europe|me|africa)-/.test(region)) return 'emea';
  if (/^(asia|australia)-/.test(region)) return 'apac';
  return null;
}

const GROUP_NAMES: Record<string, RegExp> = {
  americas: /\bAmericas\b/i,
  emea: /\bEMEA\b/i,
  apac: /\bAPAC\b|\bAsia Pacific\b/i,
};

/** How well a SKU covers a region: listed by name beats covered by its continent group. */
export function regionMatch(sku: CatalogSku, region: string): RegionMatch {
  if (sku.serviceRegions.includes(region)) return 'exact';
  const group = regionGroup(region);
  const pattern = group ? GROUP_NAMES[group] : undefined;
  if (!pattern) return 'none';
  if (sku.serviceRegions.some((r) => pattern.test(r))) return 'group';
  // A SKU that lists specific regions and not this one does not cover it, whatever its description says.
  if (sku.serviceRegions.length === 0 && pattern.test(sku.description)) return 'group';
  return 'none';
}

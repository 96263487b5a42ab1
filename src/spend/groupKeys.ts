// The group a resource's estimate goes to when spend is grouped: its key for each dimension, and the same keys as
// SQL computes them (src/db/queries/groupKeys.ts) for the sums SQL makes when every dimension is a column the
// resource tables have. Both are written here, side by side, so they say the same.

import type { KeyPart } from '../db/queries/groupKeys.js';
import { type Dimension, isResourceDimension } from '../domain/dimensions.js';
import type { ResourceInfo } from './resourceTypes.js';

/** The key of a group of several dimensions: "ml-prod · us-central1". */
export const GROUP_KEY_SEPARATOR = ' · ';

// Stands for the day in a resource's group key until the estimate splits it by day.
export const DAY_PLACEHOLDER = '\u0000day\u0000';

// The group of estimates by SKU: catalog prices know machines, not the SKUs the export will bill them as.
const NO_SKU = 'not yet billed (estimated, no SKU detail)';
// Estimates price machines; generative AI appears only once billed.
const NOT_GENAI = '(not generative AI)';

const noLabel = (key: string) => `(no ${key} label)`;

function resourceKey(r: ResourceInfo, d: Dimension): string | null {
  switch (d) {
    case 'endpoint':
      return r.endpoint;
    case 'model':
      return r.model ?? '(no model label)';
    case 'job':
      return r.job;
    case 'machine_type':
      return r.machineType ?? '(no machine type)';
    case 'accelerator':
      return r.accelerator ?? '(no accelerator)';
    case 'project':
      return r.project;
    case 'region':
      return r.region;
    case 'kind':
      return r.kind;
    case 'sku':
      return NO_SKU;
    case 'day':
      return DAY_PLACEHOLDER; // the estimate puts each day's cost under the day itself
    case 'model_family':
    case 'token_type':
      return NOT_GENAI;
    default: {
      const key = d.slice('label:'.length);
      return r.labels[key] ?? noLabel(key);
    }
  }
}

/**
 * A resource's key for every dimension (the day as a placeholder, filled in per day it ran), or null when one
 * does not apply (jobs when grouping by endpoint).
 */
export function resourceKeys(r: ResourceInfo, dims: readonly Dimension[]): string | null {
  const parts: string[] = [];
  for (const d of dims) {
    const part = resourceKey(r, d);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(GROUP_KEY_SEPARATOR);
}

/** The group keys as SQL computes them, for jobs and for deployed models (whose kind is always prediction). */
export interface SqlGroupKey {
  jobs: KeyPart[];
  deployments: KeyPart[];
  separator: string;
}

/** The SQL form of resourceKeys for these dimensions; null when one is a resource's own (an endpoint, a job). */
export function sqlGroupKey(dims: readonly Dimension[]): SqlGroupKey | null {
  if (dims.some((d) => isResourceDimension(d))) return null;
  const parts = (deployment: boolean) =>
    dims.map((d): KeyPart => {
      switch (d) {
        case 'project':
        case 'region':
          return { column: d };
        case 'kind':
          return deployment ? { constant: 'prediction' } : { column: 'kind' };
        case 'sku':
          return { constant: NO_SKU };
        case 'day':
          return { constant: DAY_PLACEHOLDER };
        case 'model_family':
        case 'token_type':
          return { constant: NOT_GENAI };
        default: {
          const key = d.slice('label:'.length);
          return { label: key, missing: noLabel(key) };
        }
      }
    });
  return { jobs: parts(false), deployments: parts(true), separator: GROUP_KEY_SEPARATOR };
}

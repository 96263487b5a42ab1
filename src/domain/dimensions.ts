// What spend can be grouped by, and the days a figure covers.

import type { Day } from '../time/days.js';

/** Dimensions the billing export carries (actual spend). */
// model_family and token_type are those of generative-AI rows (docs/asking.md); other rows have neither.
export const BILLING_DIMENSIONS = [
  'project',
  'region',
  'kind',
  'sku',
  'day',
  'model_family',
  'token_type',
] as const;
/** Dimensions only the resource tables carry (estimated from catalog prices). */
export const RESOURCE_DIMENSIONS = ['endpoint', 'model', 'job', 'machine_type', 'accelerator'] as const;
export type BillingDimension = (typeof BILLING_DIMENSIONS)[number];
export type ResourceDimension = (typeof RESOURCE_DIMENSIONS)[number];
export type LabelDimension = `label:${string}`;
export type Dimension = BillingDimension | ResourceDimension | LabelDimension;

export function isResourceDimension(d: Dimension | undefined): d is ResourceDimension {
  return d !== undefined && (RESOURCE_DIMENSIONS as readonly string[]).includes(d);
}

/** A half-open range of calendar days: start inclusive, end exclusive. */
export interface Period {
  start: Day;
  end: Day;
}

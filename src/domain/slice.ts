// A slice of the organisation: the one shape every filter and scope takes (a question's filters, a channel's or
// a budget's scope, a finding's routing), with one matcher. The SQL form of the same test is in
// src/db/queries/sliceWhere.ts.

import type { SpendKind } from './kinds.js';

export interface Slice {
  project?: string | undefined;
  /** Restricts to these projects as well (a channel's or budget's scope); empty = all. */
  projects?: readonly string[] | undefined;
  region?: string | undefined;
  kind?: SpendKind | undefined;
  /** Exact label values every item must carry. */
  labels?: Readonly<Record<string, string>> | undefined;
  /** A generative-AI model family ("Gemini 2.5 Flash"): only billing rows carry one. */
  modelFamily?: string | undefined;
}

/** What a slice can be tested against; a field the item does not have is not tested. */
export interface Sliceable {
  project: string;
  region?: string | null | undefined;
  kind?: string | null | undefined;
  labels: Readonly<Record<string, string>>;
}

export function inSlice(item: Sliceable, slice: Slice): boolean {
  if (slice.project !== undefined && item.project !== slice.project) return false;
  if (slice.projects && slice.projects.length > 0 && !slice.projects.includes(item.project)) return false;
  if (slice.region !== undefined && item.region !== undefined && item.region !== slice.region) return false;
  if (slice.kind !== undefined && item.kind !== undefined && item.kind !== slice.kind) return false;
  for (const [key, value] of Object.entries(slice.labels ?? {})) if (item.labels[key] !== value) return false;
  return true;
}

/** True when a slice selects everything (no project, region, kind or label restriction). */
export function isWholeOrg(slice: Slice | undefined): boolean {
  return (
    !slice ||
    (slice.project === undefined &&
      (slice.projects?.length ?? 0) === 0 &&
      slice.region === undefined &&
      slice.kind === undefined &&
      Object.keys(slice.labels ?? {}).length === 0)
  );
}

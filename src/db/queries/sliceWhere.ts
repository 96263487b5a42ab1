// The SQL form of a slice (src/domain/slice.ts): the same test as `inSlice`, as WHERE clauses with bound
// parameters. Every value comes from a question or a config and is bound, never spliced into SQL text.

import type { Slice } from '../../domain/slice.js';
import { placeholders } from '../rows.js';

const LABEL_KEY_RE = /^[a-z][a-z0-9_-]{0,62}$/;

export class SliceQueryError extends Error {
  override name = 'SliceQueryError';
}

/** JSON path for a label key; keys are validated first so the path is always well-formed. */
export function labelPath(key: string): string {
  if (!LABEL_KEY_RE.test(key)) throw new SliceQueryError(`"${key}" is not a label key`);
  return `$."${key}"`;
}

/** Which columns of a table hold what a slice tests; null where the table has no such column. */
export interface SliceColumns {
  project: string | null;
  region: string | null;
  kind: string | null;
  /** A JSON object column of labels. */
  labels: string | null;
  /** The generative-AI model family (billing_daily only). */
  modelFamily?: string | null;
}

export interface Where {
  clauses: string[];
  params: unknown[];
}

/** [start, end) over a day column. */
export function dayRange(start: string, end: string, column = 'day'): Where {
  return { clauses: [`${column} >= ?`, `${column} < ?`], params: [start, end] };
}

/** The slice's tests on the columns the table has (the others are the caller's to apply). */
export function sliceWhere(slice: Slice, columns: SliceColumns): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (columns.project) {
    if (slice.project !== undefined) {
      clauses.push(`${columns.project} = ?`);
      params.push(slice.project);
    }
    if (slice.projects && slice.projects.length > 0) {
      clauses.push(`${columns.project} IN (${placeholders(slice.projects.length)})`);
      params.push(...slice.projects);
    }
  }
  if (columns.region && slice.region !== undefined) {
    clauses.push(`${columns.region} = ?`);
    params.push(slice.region);
  }
  if (columns.kind && slice.kind !== undefined) {
    clauses.push(`${columns.kind} = ?`);
    params.push(slice.kind);
  }
  if (columns.modelFamily && slice.modelFamily !== undefined) {
    clauses.push(`${columns.modelFamily} = ? COLLATE NOCASE`);
    params.push(slice.modelFamily);
  }
  if (columns.labels) {
    for (const [key, value] of Object.entries(slice.labels ?? {})) {
      clauses.push(`json_extract(${columns.labels}, ?) = ?`);
      params.push(labelPath(key), value);
    }
  }
  return { clauses, params };
}

/** Several WHERE parts as one. */
export function allOf(...parts: Where[]): Where {
  return { clauses: parts.flatMap((p) => p.clauses), params: parts.flatMap((p) => p.params) };
}

/** Billing rows: billing_daily's columns. */
export const BILLING_COLUMNS: SliceColumns = {
  project: 'project',
  region: 'location',
  kind: 'kind',
  labels: 'labels',
  modelFamily: 'model_family',
};

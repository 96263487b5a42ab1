// The subset of Vertex AI list filters (AIP-160) a cost tool uses: comparisons joined by AND, e.g.
//   state="JOB_STATE_RUNNING" AND labels.team="search" AND create_time>"2024-05-01T00:00:00Z"
// Anything else is rejected with INVALID_ARGUMENT rather than silently ignored, so a client never mistakes an
// unfiltered answer for a filtered one.

import { invalidArgument } from './http.js';

type Comparison = '=' | '!=' | '>' | '>=' | '<' | '<=';

interface Clause {
  field: string;
  comparison: Comparison;
  value: string;
}

/** Returns the field's value for a resource: strings compare as text, times as RFC 3339 instants. */
export type FieldLookup = (field: string) => string | undefined;

const CLAUSE = /^\s*([a-zA-Z_][\w.-]*)\s*(!=|>=|<=|=|>|<)\s*(?:"([^"]*)"|([^\s"]+))\s*$/;
const TIME_FIELDS = new Set(['create_time', 'update_time', 'start_time', 'end_time']);

export function parseListFilter(filter: string | null, knownFields: readonly string[]): Clause[] {
  if (!filter || filter.trim() === '') return [];
  return filter.split(/\s+AND\s+/).map((text) => {
    const match = CLAUSE.exec(text);
    if (!match) throw invalidArgument(`Unsupported filter expression: ${text.trim()}`);
    const [, field = '', comparison, quoted, bare] = match;
    if (!field.startsWith('labels.') && !knownFields.includes(field)) {
      throw invalidArgument(
        `Unsupported filter field "${field}". Supported: ${knownFields.join(', ')}, labels.<key>.`,
      );
    }
    return { field, comparison: comparison as Comparison, value: quoted ?? bare ?? '' };
  });
}

export function matchesFilter(clauses: readonly Clause[], lookup: FieldLookup): boolean {
  return clauses.every((clause) => {
    const actual = lookup(clause.field);
    if (actual === undefined) return clause.comparison === '!=';
    if (TIME_FIELDS.has(clause.field)) {
      return compare(Date.parse(actual), Date.parse(clause.value), clause.comparison);
    }
    return compare(actual, clause.value, clause.comparison);
  });
}

function compare<T extends string | number>(actual: T, expected: T, comparison: Comparison): boolean {
  switch (comparison) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
  }
}

// The subset of Vertex AI list filters (AIP-160) a cost tool uses: comparisons, alternatives joined by OR (in
// parentheses or not), and groups joined by AND, e.g.
//   labels.team="search" AND (create_time>"2026-05-01T00:00:00Z" OR state="JOB_STATE_RUNNING")
// As in AIP-160, OR binds tighter than AND: `a AND b OR c` is `a AND (b OR c)`. Anything else (NOT, `:`,
// functions, fields the method does not support) is rejected with INVALID_ARGUMENT rather than ignored, so a
// client never mistakes an unfiltered answer for a filtered one.

import { invalidArgument } from './http.js';

type Comparison = '=' | '!=' | '>' | '>=' | '<' | '<=';

interface Clause {
  field: string;
  comparison: Comparison;
  value: string;
}

/** Every group must hold; a group holds when one of its clauses does. */
export type ParsedFilter = Clause[][];

/** Returns the field's value for a resource: strings compare as text, times as RFC 3339 instants. */
export type FieldLookup = (field: string) => string | undefined;

const CLAUSE = /^\s*([a-zA-Z_][\w.-]*)\s*(!=|>=|<=|=|>|<)\s*(?:"([^"]*)"|([^\s"()]+))\s*$/;
const TIME_FIELDS = new Set(['create_time', 'update_time', 'start_time', 'end_time']);

export function parseListFilter(filter: string | null, knownFields: readonly string[]): ParsedFilter {
  if (!filter || filter.trim() === '') return [];
  return splitOutsideParentheses(filter, 'AND').map((group) => {
    const inner = /^\((.*)\)$/s.exec(group)?.[1] ?? group;
    return splitOutsideParentheses(inner, 'OR').map((text) => parseClause(text, knownFields));
  });
}

function parseClause(text: string, knownFields: readonly string[]): Clause {
  const match = CLAUSE.exec(text);
  if (!match) throw invalidArgument(`Unsupported filter expression: ${text.trim()}`);
  const [, field = '', comparison, quoted, bare] = match;
  if (!field.startsWith('labels.') && !knownFields.includes(field)) {
    throw invalidArgument(
      `Unsupported filter field "${field}". Supported: ${knownFields.join(', ')}, labels.<key>.`,
    );
  }
  return { field, comparison: comparison as Comparison, value: quoted ?? bare ?? '' };
}

/** Splits on a keyword standing alone outside parentheses and quotes; each part trimmed. */
function splitOutsideParentheses(text: string, keyword: 'AND' | 'OR'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const separator = new RegExp(`^\\s${keyword}\\s`);
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && separator.test(text.slice(index, index + keyword.length + 2))) {
      parts.push(text.slice(start, index));
      start = index + keyword.length + 1;
      index = start - 1;
    }
  }
  parts.push(text.slice(start));
  if (depth !== 0) throw invalidArgument(`Unbalanced parentheses in filter: ${text.trim()}`);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function matchesFilter(filter: ParsedFilter, lookup: FieldLookup): boolean {
  return filter.every((group) => group.some((clause) => matchesClause(clause, lookup)));
}

function matchesClause(clause: Clause, lookup: FieldLookup): boolean {
  const actual = lookup(clause.field);
  if (actual === undefined) return clause.comparison === '!=';
  if (TIME_FIELDS.has(clause.field)) {
    return compare(Date.parse(actual), Date.parse(clause.value), clause.comparison);
  }
  return compare(actual, clause.value, clause.comparison);
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

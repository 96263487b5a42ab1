// The subset of Cloud Monitoring's filter language (https://cloud.google.com/monitoring/api/v3/filters) that
// reading Vertex AI endpoint metrics needs. Anything else is rejected with INVALID_ARGUMENT rather than ignored.

import { invalidArgument } from './http.js';

export interface MonitoringFilter {
  metric: string;
  resourceType: string | undefined;
  /** Each clause holds when the label has one of the values (a parenthesised OR of equalities). */
  labels: { field: string; values: string[] }[];
}

/**
 * Accepts `metric.type = "…" AND resource.type = "…" AND resource.labels.endpoint_id = "…"` and clauses in
 * parentheses joining equalities on one label with OR, `( resource.labels.endpoint_id = "a" OR … = "b" )`.
 */
export function parseMonitoringFilter(filter: string): MonitoringFilter {
  const result: MonitoringFilter = { metric: '', resourceType: undefined, labels: [] };
  for (const clause of splitTopLevelAnd(filter)) {
    const grouped = /^\(([^()]*)\)$/.exec(clause);
    const parts = (grouped ? (grouped[1] ?? '') : clause).split(/\s+OR\s+/).map((part) => part.trim());
    const equalities = parts.map((part) => {
      const match = /^([a-z_.]+)\s*=\s*"([^"]*)"$/.exec(part);
      if (!match) throw invalidArgument(`Unsupported filter expression: ${clause}`);
      return { field: match[1] ?? '', value: match[2] ?? '' };
    });
    const [first] = equalities;
    if (!first) continue;
    if (equalities.some((one) => one.field !== first.field)) {
      throw invalidArgument(`Unsupported filter expression (OR across different fields): ${clause}`);
    }
    if (first.field === 'metric.type' && equalities.length === 1) result.metric = first.value;
    else if (first.field === 'resource.type' && equalities.length === 1) result.resourceType = first.value;
    else if (/^(metric|resource)\.labels?\.[a-z_]+$/.test(first.field))
      result.labels.push({ field: first.field, values: equalities.map((one) => one.value) });
    else throw invalidArgument(`Unsupported filter field "${first.field}".`);
  }
  if (!result.metric) throw invalidArgument('The filter must specify a metric type: metric.type = "…".');
  return result;
}

/** The filter's clauses joined by AND outside parentheses, each trimmed. */
function splitTopLevelAnd(filter: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < filter.length; index++) {
    const char = filter[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && /^\sAND\s/.test(filter.slice(index, index + 5))) {
      clauses.push(filter.slice(start, index));
      start = index + 5;
      index += 4;
    }
  }
  clauses.push(filter.slice(start));
  return clauses.map((clause) => clause.trim()).filter((clause) => clause !== '');
}

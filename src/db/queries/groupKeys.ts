// The SQL form of a group key: the key spend gives a resource (its project, region, kind, a label's value, or
// words of its own), computed in SQL so sums per group need not hand every resource to JavaScript. The parts
// come from the spend layer, which words them (src/spend/groupKeys.ts); their values are bound, never spliced.

import { JOB_KINDS } from '../../domain/jobs.js';
import { spendKindOfJob } from '../../domain/kinds.js';
import { labelPath } from './sliceWhere.js';

/** One part of a group key: a column of the resource, a label's value (`missing` without one), or a constant. */
export type KeyPart =
  | { column: 'project' | 'region' | 'kind' }
  | { label: string; missing: string }
  | { constant: string };

/** Where a table keeps what the key parts read: SQL expressions for its project, region, kind and labels. */
export interface KeyColumns {
  project: string;
  region: string;
  kind: string;
  labels: string;
}

/** A group key's SQL expression (its parts joined by `separator`) and the parameters it binds, in order. */
export function keyExpression(
  parts: readonly KeyPart[],
  separator: string,
  columns: KeyColumns,
): { sql: string; params: unknown[] } {
  if (parts.length === 0) return { sql: "''", params: [] };
  const sql: string[] = [];
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      sql.push('?');
      params.push(separator);
    }
    if ('column' in part) sql.push(columns[part.column]);
    else if ('label' in part) {
      sql.push(`COALESCE(json_extract(${columns.labels}, ?), ?)`);
      params.push(labelPath(part.label), part.missing);
    } else {
      sql.push('?');
      params.push(part.constant);
    }
  });
  return { sql: sql.join(' || '), params };
}

/** A job's spend kind in SQL, from its job kind (src/domain/kinds.ts spendKindOfJob). */
export const JOB_SPEND_KIND = `CASE kind ${JOB_KINDS.map((k) => `WHEN '${k}' THEN '${spendKindOfJob(k)}'`).join(' ')} ELSE '${spendKindOfJob('')}' END`;

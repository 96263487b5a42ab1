// Generative-AI usage from billing_daily: what token SKUs billed, with their usage in the unit the export gave.
// No rollup carries usage or token types, so these read billing_daily (genai rows are a small part of it).

import { allRows, type Conn } from '../rows.js';
import type { BillingGroup, SpendSlice } from './billingReads.js';
import { allOf, BILLING_COLUMNS, dayRange, labelPath, sliceWhere } from './sliceWhere.js';

/** Usage and net cost of genai token rows for one group value and usage unit. */
export interface GenaiUsageRow {
  key: string | null;
  unit: string | null;
  amount: number;
  cost: number;
}

const GROUP_EXPR: Record<Exclude<BillingGroup, `label:${string}`>, string> = {
  project: 'project',
  region: 'location',
  kind: 'kind',
  sku: 'sku_description',
  day: 'day',
  model_family: 'model_family',
  token_type: 'token_type',
};

/**
 * Usage and net cost of the slice's generative-AI rows that bill tokens (input, output, cached), per group
 * value and unit: the caller turns each unit into tokens.
 */
export function genaiTokenUsage(conn: Conn, slice: SpendSlice, group?: BillingGroup): GenaiUsageRow[] {
  const w = allOf(dayRange(slice.start, slice.end), sliceWhere(slice, BILLING_COLUMNS));
  const label = group?.startsWith('label:') ? group.slice('label:'.length) : undefined;
  const expr =
    group === undefined
      ? 'NULL'
      : label
        ? 'json_extract(labels, ?)'
        : GROUP_EXPR[group as keyof typeof GROUP_EXPR];
  return allRows(
    conn,
    'generative-AI token usage',
    { key: 'text?', unit: 'text?', amount: 'number', cost: 'number' },
    `SELECT ${expr} AS key, usage_unit AS unit, SUM(usage_amount) AS amount, SUM(cost + credits) AS cost
       FROM billing_daily
      WHERE kind = 'genai' AND token_type IN ('input', 'output', 'cached') AND ${w.clauses.join(' AND ')}
      GROUP BY key, unit`,
    ...(label ? [labelPath(label)] : []),
    ...w.params,
  );
}

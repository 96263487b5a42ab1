// How a read of spend is summed: per group and per day in SQL, then folded into a total, groups and a daily
// series (src/db/queries/billingReads.ts builds the reads).

import { allRows, type Conn } from '../rows.js';

export interface GroupedSpend {
  /** The group's value per grouping dimension, in order; null where the row has none (e.g. no such label). */
  keys: Array<string | null>;
  cost: number;
}

/** Net spend of a slice three ways at once: total, per group and per day (days without spend are absent). */
export interface SpendBreakdown {
  total: number;
  groups: GroupedSpend[];
  daily: Map<string, number>;
}

/** A read of spend: rows of a table, their cost and row count, and the group of each row. */
export interface Read {
  /** `FROM … WHERE …` of the rows read. */
  from: string;
  params: unknown[];
  /** The grouping expressions (selected as k0, k1, …), with the parameters they take. */
  keys: string[];
  keyParams: unknown[];
  /** The net cost and the billing-row count of a set of the rows. */
  cost: string;
  count: string;
  /**
   * Billing rows are many: summed per (day, groups) once, then per group and per day from that. A rollup's rows
   * are read twice instead, which costs less than keeping them.
   */
  raw: boolean;
}

/**
 * The SQL of a read summed per group (part 'g', keys k0, k1, …) and, unless `days` is false, per day (part 'd'),
 * with its parameters.
 */
function sumsOf(read: Read, days: boolean): { sql: string; params: unknown[] } {
  const keys = read.keys.map((_, i) => `k${i}`);
  const selected = read.keys.map((e, i) => `, ${e} AS k${i}`).join('');
  const none = read.keys.map(() => ', NULL').join('');
  if (!days) {
    return {
      sql: `SELECT 'g' AS part, NULL AS day${selected}, ${read.cost} AS cost, ${read.count} AS n ${read.from}
             GROUP BY ${keys.join(', ')}`,
      params: [...read.keyParams, ...read.params],
    };
  }
  if (read.keys.length === 0) {
    return {
      sql: `SELECT 'd' AS part, day, ${read.cost} AS cost, ${read.count} AS n ${read.from} GROUP BY day`,
      params: read.params,
    };
  }
  if (read.raw) {
    return {
      sql: `WITH r AS MATERIALIZED (
              SELECT day${selected}, ${read.cost} AS cost, ${read.count} AS n ${read.from} GROUP BY day, ${keys.join(', ')})
            SELECT 'g' AS part, NULL AS day, ${keys.join(', ')}, SUM(cost) AS cost, SUM(n) AS n
              FROM r GROUP BY ${keys.join(', ')}
            UNION ALL
            SELECT 'd', day${none}, SUM(cost), SUM(n) FROM r GROUP BY day`,
      params: [...read.keyParams, ...read.params],
    };
  }
  return {
    sql: `SELECT 'g' AS part, NULL AS day${selected}, ${read.cost} AS cost, ${read.count} AS n ${read.from}
           GROUP BY ${keys.join(', ')}
          UNION ALL
          SELECT 'd', day${none}, ${read.cost}, ${read.count} ${read.from} GROUP BY day`,
    params: [...read.keyParams, ...read.params, ...read.params],
  };
}

/**
 * Runs a read and returns its total, groups and daily series (without `days`, its groups only: total and series
 * are then 0 and empty); `rowsByGroup` counts billing rows per group (keyed by the JSON of its keys). SQL sums the
 * read per group and per day apart: a quarter by project is 200 group rows and 60 day rows, not 12,000 (day,
 * project) rows.
 */
export function fromRows(
  conn: Conn,
  read: Read,
  opts: { days: boolean } = { days: true },
): { breakdown: SpendBreakdown; rows: number; rowsByGroup: Map<string, number> } {
  const keyNames = read.keys.map((_, i) => `k${i}`);
  const { sql, params } = sumsOf(read, opts.days || read.keys.length === 0);
  const raw = allRows(
    conn,
    'billing breakdown',
    { part: 'text', day: 'text?', cost: 'number', n: 'number' },
    sql,
    ...params,
  );
  const groups: GroupedSpend[] = [];
  const rowsByGroup = new Map<string, number>();
  const daily = new Map<string, number>();
  let total = 0;
  let count = 0;
  for (const r of raw) {
    if (r.part === 'd') {
      total += r.cost;
      count += r.n;
      daily.set(r.day ?? '', r.cost);
      continue;
    }
    const record = r as Record<string, unknown>;
    const keys = keyNames.map((name) => {
      const value = record[name];
      return value === null || value === undefined ? null : String(value);
    });
    groups.push({ keys, cost: r.cost });
    rowsByGroup.set(JSON.stringify(keys), r.n);
  }
  if (read.keys.length === 0 && raw.length > 0) {
    groups.push({ keys: [], cost: total });
    rowsByGroup.set(JSON.stringify([]), count);
  }
  sortByCost(groups);
  return { breakdown: { total, groups, daily }, rows: count, rowsByGroup };
}

/** Largest first, then by keys. */
export function sortByCost(groups: GroupedSpend[]): void {
  groups.sort((a, b) => b.cost - a.cost || a.keys.join('\u0000').localeCompare(b.keys.join('\u0000')));
}

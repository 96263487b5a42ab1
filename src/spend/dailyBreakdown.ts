import type { Scope } from '../config/schema.js';
import { parseLabels } from '../db/labels.js';
import type { Store } from '../db/open.js';
import type { Day } from '../time/days.js';
import { labelPath } from './billingQueries.js';

export type SpendKind = 'training' | 'prediction' | 'pipelines' | 'other';

/** One billing-export aggregate: a day's net cost (cost + credits) for a project, SKU and label set. */
export interface DailySpendRow {
  day: Day;
  project: string;
  skuId: string;
  skuDescription: string;
  kind: SpendKind;
  labels: Record<string, string>;
  cost: number;
}

/**
 * Spend rows in [fromDay, toDay), restricted to a scope (projects and exact label values; empty = all), at the
 * grain reports need to split one result several ways (kind, project, SKU, labels) without a query per split.
 * Net cost, as in billingQueries: credits are stored negative.
 */
export function dailySpendRows(store: Store, fromDay: Day, toDay: Day, scope?: Scope): DailySpendRow[] {
  const where = ['day >= ?', 'day < ?'];
  const params: unknown[] = [fromDay, toDay];
  if (scope && scope.projects.length > 0) {
    where.push(`project IN (${scope.projects.map(() => '?').join(', ')})`);
    params.push(...scope.projects);
  }
  for (const [key, value] of Object.entries(scope?.labels ?? {})) {
    where.push('json_extract(labels, ?) = ?');
    params.push(labelPath(key), value);
  }
  const rows = store.sqlite
    .prepare(
      `SELECT day, project, sku_id AS skuId, sku_description AS skuDescription, kind, labels,
              SUM(cost + credits) AS cost
         FROM billing_daily WHERE ${where.join(' AND ')}
        GROUP BY day, project, sku_id, kind, labels
        ORDER BY day`,
    )
    .all(...params) as Array<Omit<DailySpendRow, 'labels' | 'kind'> & { labels: string; kind: string }>;
  return rows.map((r) => ({ ...r, kind: asKind(r.kind), labels: parseLabels(r.labels) }));
}

function asKind(kind: string): SpendKind {
  return kind === 'training' || kind === 'prediction' || kind === 'pipelines' ? kind : 'other';
}

/** True when something of `project` with `labels` lies within a scope (its projects and exact label values; empty = all). */
export function inScope(project: string, labels: Readonly<Record<string, string>>, scope: Scope): boolean {
  if (scope.projects.length > 0 && !scope.projects.includes(project)) return false;
  return Object.entries(scope.labels).every(([k, v]) => labels[k] === v);
}

/** True when a scope selects everything. */
export function isWholeOrg(scope: Scope | undefined): boolean {
  return !scope || (scope.projects.length === 0 && Object.keys(scope.labels).length === 0);
}

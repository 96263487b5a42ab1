import type { Scope } from '../config/schema.js';
import type { Store } from '../db/open.js';

// Statuses of findings that still cost money and nobody has decided about.
export const OPEN_STATUSES = ['open', 'alerted', 'acknowledged'] as const;

export interface OpenFinding {
  id: number;
  rule: string;
  title: string;
  project: string;
  severity: string;
  status: string;
  /** null = unpriced. */
  impactPerDay: number | null;
  labels: Record<string, string>;
}

interface FindingRow {
  id: number;
  rule: string;
  title: string;
  project: string;
  severity: string;
  status: string;
  impact_per_day: number | null;
  labels: string;
}

/** The auditor's findings still open, within a scope. */
export function openFindings(store: Store, scope: Scope): OpenFinding[] {
  const rows = store.sqlite
    .prepare(
      `SELECT id, rule, title, project, severity, status, impact_per_day, labels FROM findings
        WHERE status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(...OPEN_STATUSES) as FindingRow[];
  return rows
    .map((r) => ({
      id: r.id,
      rule: r.rule,
      title: r.title,
      project: r.project,
      severity: r.severity,
      status: r.status,
      impactPerDay: r.impact_per_day,
      labels: parseObject(r.labels),
    }))
    .filter((f) => matches(f.project, f.labels, scope));
}

export function matches(project: string, labels: Record<string, string>, scope: Scope): boolean {
  if (scope.projects.length > 0 && !scope.projects.includes(project)) return false;
  return Object.entries(scope.labels).every(([k, v]) => labels[k] === v);
}

export function parseObject(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

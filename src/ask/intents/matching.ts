// Which stored resources, findings and savings a question covers: its filters, within the channel's projects.
import { type Finding, listOpenFindings } from '../../audit/findings.js';
import type { IntentInput } from './input.js';

export function matchesFilters(
  r: { project: string; region: string; labels: Record<string, string> },
  input: IntentInput,
): boolean {
  const f = input.filters;
  if (f.project && r.project !== f.project) return false;
  if (f.region && r.region !== f.region) return false;
  if (input.env.scopeProjects?.length && !input.env.scopeProjects.includes(r.project)) return false;
  return Object.entries(f.labels ?? {}).every(([k, v]) => r.labels[k] === v);
}

/**
 * True when a finding or savings item (they carry no region) fits the question's project and labels and the
 * channel's projects.
 */
export function matchesIgnoringRegion(
  item: { project: string; labels: Record<string, string> },
  input: IntentInput,
): boolean {
  return matchesFilters(
    { project: item.project, region: '', labels: item.labels },
    { ...input, filters: { ...input.filters, region: undefined } },
  );
}

/** Open audit findings within the channel's projects and the question's filters, optionally of one rule. */
export function openFindingsFor(input: IntentInput, rule?: string): Finding[] {
  return listOpenFindings(input.ctx.store, {
    projects: [...(input.env.scopeProjects ?? [])],
    labels: {},
  }).filter((f) => (rule === undefined || f.rule === rule) && matchesIgnoringRegion(f, input));
}

// Which stored resources, findings and savings a question covers: its filters, within the channel's projects.
import { type Finding, listOpenFindings } from '../../audit/findings.js';
import { inSlice, type Slice, type Sliceable } from '../../domain/slice.js';
import type { IntentInput } from './input.js';

/** The question's filters within the channel's projects. */
export function questionSlice(input: IntentInput): Slice {
  return { ...input.filters, projects: input.env.scopeProjects };
}

export function matchesFilters(item: Sliceable, input: IntentInput): boolean {
  return inSlice(item, questionSlice(input));
}

/**
 * True when a finding or savings item (they carry no region) fits the question's project and labels and the
 * channel's projects.
 */
export function matchesIgnoringRegion(
  item: { project: string; labels: Record<string, string> },
  input: IntentInput,
): boolean {
  return inSlice(
    { project: item.project, labels: item.labels },
    { ...questionSlice(input), region: undefined },
  );
}

/** Open audit findings within the channel's projects and the question's filters, optionally of one rule. */
export function openFindingsFor(input: IntentInput, rule?: string): Finding[] {
  return listOpenFindings(input.ctx.store, { projects: input.env.scopeProjects }).filter(
    (f) => (rule === undefined || f.rule === rule) && matchesIgnoringRegion(f, input),
  );
}

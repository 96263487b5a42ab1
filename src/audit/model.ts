// The shapes rules produce and the findings store keeps. Rules are pure: they turn facts into verdicts; the
// lifecycle (src/audit/findings.ts) turns verdicts into rows.

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function severityRank(severity: string): number {
  return SEVERITIES.indexOf(severity as Severity);
}

/** Moves a severity up (positive) or down by `steps`, staying within low … critical. */
export function raiseSeverity(severity: Severity, steps: number): Severity {
  const rank = Math.max(0, Math.min(SEVERITIES.length - 1, severityRank(severity) + steps));
  return SEVERITIES[rank] ?? severity;
}

/** The most severe of several (low when there are none). */
export function maxSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>(
    (worst, s) => (severityRank(s) > severityRank(worst) ? s : worst),
    'low',
  );
}

export type SuggestedAction = 'undeploy' | 'scale' | 'cancel';

/** The cloud resource a finding is about, with what remediation needs to address it. */
export type FindingTarget =
  | { type: 'deployed-model'; endpointName: string; deployedModelId: string; displayName: string }
  | { type: 'job'; jobName: string; kind: string; displayName: string }
  // Machines shared by deployed models: no one-click action (each model would have to be undeployed first).
  | { type: 'resource-pool'; poolName: string; displayName: string }
  // Evidence that could not be read back: shown, never acted on.
  | { type: 'unreadable'; displayName: string; why: string };

export type FactUnit = 'money' | 'money-per-hour' | 'hours' | 'time' | 'count' | 'text' | 'per-hour';

/** One line of evidence: raw values are kept unrounded; rendering formats them by unit. */
export interface EvidenceFact {
  label: string;
  value: string | number | null;
  unit: FactUnit;
}

/** One deployed model's share of its endpoint's requests (the endpoint's traffic split), as the audit saw it. */
export interface TrafficShare {
  deployedModelId: string;
  displayName: string;
  /** Whole percent. */
  percent: number;
}

export interface Evidence {
  target: FindingTarget;
  facts: EvidenceFact[];
  /** Why the $ impact is unknown, when it is. */
  unpricedReason?: string | null;
  /**
   * A deployed model's endpoint split when the audit saw it (every model on the endpoint). An undeploy acts only
   * while the live split is still this one, and gives the model's share to the others as it says. Absent in
   * evidence recorded before splits were read.
   */
  trafficSplit?: TrafficShare[];
  /**
   * A change for people to make, which no button makes (a redeploy on another machine): what to change and the
   * commands that do it. Its finding's impact is what the change saves.
   */
  recommendation?: Recommendation;
}

export interface Recommendation {
  /** One sentence: "Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4". */
  change: string;
  /** Shell commands to run in order; a long one is split over lines ending in a backslash. */
  commands: string[];
}

/** What a rule says about one resource that looks wasteful. */
export interface FindingDraft {
  rule: string;
  /** Stable id of the resource within the rule: one finding per (rule, resource). */
  resource: string;
  project: string;
  region: string;
  severity: Severity;
  title: string;
  reason: string;
  evidence: Evidence;
  /** Owner-ish labels (team, owner, …) to show and to match channel scopes. */
  labels: Record<string, string>;
  /** Cost per day the finding keeps burning (or would save); null when unpriced, never 0 for unknown. */
  impactPerDay: number | null;
  /** Why impactPerDay is null, when it is. */
  unpricedReason: string | null;
  suggestedAction: SuggestedAction | null;
  suggestedValue: number | null;
  /** When sync last saw the resource in this shape; a remediated finding reopens only on newer data. */
  observedAt: string;
}

/**
 * A rule's verdict on one resource: a finding, or "unknown" when the data needed to decide is missing (an
 * unknown verdict neither opens nor resolves a finding).
 */
export type Verdict =
  | { kind: 'finding'; finding: FindingDraft }
  | { kind: 'unknown'; rule: string; resource: string; why: string };

// Google's pricing pages turn hourly rates into monthly ones with 730 hours (365 days × 24 h / 12).
export const HOURS_PER_MONTH = 730;
export const HOURS_PER_DAY = 24;

/** Monthly equivalent of a daily amount, on the same 730-hour month Google uses. */
export function perMonth(perDay: number | null): number | null {
  return perDay === null ? null : (perDay / HOURS_PER_DAY) * HOURS_PER_MONTH;
}

export function deployedModelResource(endpointName: string, deployedModelId: string): string {
  return `${endpointName}/deployedModels/${deployedModelId}`;
}

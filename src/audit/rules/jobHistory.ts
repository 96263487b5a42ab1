import type { JobFacts } from '../facts.js';

// Trailing name parts that differ between runs of the same job: plain numbers and dates (20261120, 1530),
// timestamps (20261120t153000z), run counters (run42, r7, attempt3) and hex/uuid fragments with a digit.
const RUN_SUFFIX_TOKEN = [
  /^\d+$/,
  /^\d{8}t\d{4,6}z?$/i,
  /^(run|r|attempt|try)\d+$/i,
  /^(?=[a-f]*\d)[0-9a-f]{6,}$/i,
];

/** The part of a display name runs of the same job share: "train-bert-20261120-1530" → "train-bert". */
export function displayNameStem(displayName: string): string {
  const tokens = displayName
    .trim()
    .toLowerCase()
    .split(/[-_.\s:]+/)
    .filter(Boolean);
  while (tokens.length > 1 && RUN_SUFFIX_TOKEN.some((re) => re.test(tokens[tokens.length - 1] ?? '')))
    tokens.pop();
  return tokens.join('-');
}

/** Nearest-rank percentile of values (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

// Labels that differ run to run or that carry the thresholds themselves, so they say nothing about sameness.
const VOLATILE_LABEL_KEYS = new Set(['run', 'run-id', 'run_id', 'attempt', 'expected-hours', 'budget-usd']);

function identityLabels(labels: Record<string, string>, ignore: readonly string[]): string | null {
  const entries = Object.entries(labels)
    .filter(([key]) => !VOLATILE_LABEL_KEYS.has(key) && !ignore.includes(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length > 0 ? JSON.stringify(entries) : null;
}

/** Runtimes in hours of earlier, successfully finished runs of the same job (same name stem or same labels). */
export function earlierRuntimesHours(
  job: JobFacts,
  all: readonly JobFacts[],
  ignoreLabels: readonly string[] = [],
): number[] {
  const stem = displayNameStem(job.displayName);
  const labelKey = identityLabels(job.labels, ignoreLabels);
  const jobStart = Date.parse(job.startTime ?? job.createTime ?? '');
  const out: number[] = [];
  for (const other of all) {
    if (other.name === job.name || other.kind !== job.kind || other.project !== job.project) continue;
    if (other.state !== 'SUCCEEDED' || !other.startTime || !other.endTime) continue;
    if (Number.isFinite(jobStart) && Date.parse(other.startTime) >= jobStart) continue;
    const same =
      displayNameStem(other.displayName) === stem ||
      (labelKey !== null && identityLabels(other.labels, ignoreLabels) === labelKey);
    if (!same) continue;
    const hours = (Date.parse(other.endTime) - Date.parse(other.startTime)) / 3_600_000;
    if (Number.isFinite(hours) && hours > 0) out.push(hours);
  }
  return out;
}

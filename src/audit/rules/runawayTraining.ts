import { TRAINING_JOB_KINDS } from '../../domain/jobs.js';
import type { JobFacts } from '../facts.js';
import { HOURS_PER_DAY, maxSeverity, raiseSeverity, type Severity, type Verdict } from '../model.js';
import { describeAccelerators, hasAccelerators } from './accelerators.js';
import { unpricedReasonOf } from './impact.js';
import { earlierRuntimesHours, percentile } from './jobHistory.js';
import { describeOwner } from './ownerLabels.js';
import type { AuditRule, RuleContext, RulesConfig } from './rule.js';

export const RUNAWAY_TRAINING_RULE = 'runaway-training';

// Jobs that train, and pipeline runs, which can hang the same way; batch prediction has its own shape.
export const WATCHED_JOB_KINDS: ReadonlySet<string> = new Set([...TRAINING_JOB_KINDS, 'pipeline']);

// The percentile of earlier runtimes taken as "a normal long run", before the history multiplier.
const HISTORY_PERCENTILE = 95;

// Accelerator count (across replicas) from which a runaway job is a big-iron problem, one step more severe.
const LARGE_ACCELERATOR_FLEET = 8;

export type ExpectedSource = 'label' | 'history' | 'default';

export interface ExpectedRuntime {
  hours: number;
  source: ExpectedSource;
  /** What the figure rests on, for the alert. */
  basis: string;
}

function positiveNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  // Label values cannot contain dots, so "1_5" and "1-5" mean 1.5.
  const value = Number(text.trim().replace(/[_-]/, '.'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function expectedRuntime(
  job: JobFacts,
  all: readonly JobFacts[],
  cfg: RulesConfig['runawayTraining'],
): ExpectedRuntime {
  const fromLabel = positiveNumber(job.labels[cfg.expectedHoursLabel]);
  if (fromLabel !== null) {
    return {
      hours: fromLabel,
      source: 'label',
      basis: `label ${cfg.expectedHoursLabel}=${job.labels[cfg.expectedHoursLabel]}`,
    };
  }
  const history = earlierRuntimesHours(job, all, [cfg.expectedHoursLabel, cfg.budgetLabel]);
  const p95 = percentile(history, HISTORY_PERCENTILE);
  if (history.length >= cfg.minHistoryRuns && p95 !== null) {
    return {
      hours: cfg.historyMultiplier * p95,
      source: 'history',
      basis: `${cfg.historyMultiplier} × p95 of ${history.length} earlier runs (${p95.toFixed(1)} h)`,
    };
  }
  return {
    hours: cfg.defaultExpectedHours,
    source: 'default',
    basis: `configured default (${history.length} earlier run${history.length === 1 ? '' : 's'}, fewer than ${cfg.minHistoryRuns})`,
  };
}

export function jobBudget(
  job: JobFacts,
  cfg: RulesConfig['runawayTraining'],
): { usd: number; basis: string } | null {
  const fromLabel = positiveNumber(job.labels[cfg.budgetLabel]);
  if (fromLabel !== null)
    return { usd: fromLabel, basis: `label ${cfg.budgetLabel}=${job.labels[cfg.budgetLabel]}` };
  return cfg.budgetUsd !== undefined ? { usd: cfg.budgetUsd, basis: 'configured budget' } : null;
}

export function runawaySeverity(multiple: number, acceleratorTotal: number, accelerated: boolean): Severity {
  let steps = 0;
  if (multiple >= 2) steps += 1;
  if (multiple >= 4) steps += 1;
  if (accelerated) steps += 1;
  if (acceleratorTotal >= LARGE_ACCELERATOR_FLEET) steps += 1;
  return raiseSeverity('low', steps);
}

export function evaluateRunawayJob(
  job: JobFacts,
  all: readonly JobFacts[],
  ctx: RuleContext,
): Verdict | null {
  const cfg = ctx.rules.runawayTraining;
  if (!WATCHED_JOB_KINDS.has(job.kind) || job.state !== 'RUNNING') return null;
  const started = job.startTime ?? job.createTime;
  if (!started) return null;
  const runtimeHours = (ctx.now.getTime() - Date.parse(started)) / 3_600_000;
  if (!(runtimeHours > 0)) return null;

  const expected = expectedRuntime(job, all, cfg);
  const multiple = runtimeHours / expected.hours;
  const costSoFar = job.hourlyPrice === null ? null : job.hourlyPrice * runtimeHours;
  const budget = jobBudget(job, cfg);
  const overRuntime = multiple > 1;
  const overBudget = budget !== null && costSoFar !== null && costSoFar > budget.usd;
  if (!overRuntime && !overBudget) return null;

  const accelerated = hasAccelerators(job.machineType, job.acceleratorType, job.acceleratorCount);
  const acceleratorTotal = job.acceleratorCount * job.replicaCount;
  // Severity follows the worse of the two overruns: the runtime multiple and the budget multiple.
  const severities: Severity[] = [];
  if (overRuntime) severities.push(runawaySeverity(multiple, acceleratorTotal, accelerated));
  if (overBudget && budget && costSoFar !== null) {
    severities.push(runawaySeverity(costSoFar / budget.usd, acceleratorTotal, accelerated));
  }
  const severity = maxSeverity(severities);

  const why: string[] = [];
  if (overRuntime) {
    why.push(
      `running ${runtimeHours.toFixed(1)} h, ${multiple.toFixed(1)}× its expected ${expected.hours.toFixed(1)} h (${expected.basis})`,
    );
  }
  if (overBudget && budget && costSoFar !== null) {
    why.push(
      `cost so far ${costSoFar.toFixed(2)} USD exceeds its budget of ${budget.usd} USD (${budget.basis})`,
    );
  }
  const perDay = job.hourlyPrice === null ? null : job.hourlyPrice * HOURS_PER_DAY;
  return {
    kind: 'finding',
    finding: {
      rule: RUNAWAY_TRAINING_RULE,
      resource: job.name,
      project: job.project,
      region: job.region,
      severity,
      title: `Runaway ${job.kind} job: ${job.displayName}`,
      reason: `The job is ${why.join('; and ')}.`,
      evidence: {
        target: { type: 'job', jobName: job.name, kind: job.kind, displayName: job.displayName },
        facts: [
          { label: 'Started', value: started, unit: 'time' },
          { label: 'Runtime so far', value: runtimeHours, unit: 'hours' },
          { label: 'Expected runtime', value: expected.hours, unit: 'hours' },
          { label: 'Expected from', value: expected.basis, unit: 'text' },
          { label: 'Cost so far', value: costSoFar, unit: 'money' },
          { label: 'Budget', value: budget?.usd ?? null, unit: budget ? 'money' : 'text' },
          { label: 'Machine', value: `${job.replicaCount} × ${job.machineType ?? 'unknown'}`, unit: 'text' },
          {
            label: 'Accelerators',
            value: describeAccelerators(job.machineType, job.acceleratorType, job.acceleratorCount),
            unit: 'text',
          },
          { label: 'Owner', value: describeOwner(job.labels), unit: 'text' },
        ],
      },
      labels: job.labels,
      impactPerDay: perDay,
      unpricedReason: unpricedReasonOf(job),
      suggestedAction: 'cancel',
      suggestedValue: null,
      observedAt: job.lastSeen,
    },
  };
}

export const runawayTrainingRule: AuditRule = {
  id: RUNAWAY_TRAINING_RULE,
  resourceType: 'job',
  description:
    'Running training, tuning and pipeline jobs past their expected runtime (label, history p95 × multiplier, or default) or over budget.',
  enabled: (rules) => rules.runawayTraining.enabled,
  evaluate(facts, ctx) {
    const verdicts: Verdict[] = [];
    for (const job of facts.jobs) {
      const verdict = evaluateRunawayJob(job, facts.jobs, ctx);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

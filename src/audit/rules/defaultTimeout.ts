import { ACTIVE_JOB_STATES } from '../../domain/jobs.js';
import type { JobFacts } from '../facts.js';
import { HOURS_PER_DAY, type Verdict } from '../model.js';
import { describeAccelerators, hasAccelerators } from './accelerators.js';
import { unpricedReasonOf } from './impact.js';
import { describeOwner } from './ownerLabels.js';
import type { AuditRule, RuleContext } from './rule.js';
import { WATCHED_JOB_KINDS } from './runawayTraining.js';

export const DEFAULT_TIMEOUT_RULE = 'default-timeout';

// Vertex AI stops a custom job after 7 days when scheduling.timeout is not set; a hung GPU job bills all of it.
export const DEFAULT_TIMEOUT_SECONDS = 7 * 24 * 3600;

export function evaluateDefaultTimeout(job: JobFacts, ctx: RuleContext): Verdict | null {
  // A job being cancelled will not run out its timeout.
  if (!WATCHED_JOB_KINDS.has(job.kind) || !ACTIVE_JOB_STATES.has(job.state) || job.state === 'CANCELLING')
    return null;
  if (job.timeoutSeconds !== null && job.timeoutSeconds !== DEFAULT_TIMEOUT_SECONDS) return null;
  if (!hasAccelerators(job.machineType, job.acceleratorType, job.acceleratorCount)) return null;
  const started = job.startTime ?? job.createTime;
  const elapsedHours = started ? Math.max(0, (ctx.now.getTime() - Date.parse(started)) / 3_600_000) : 0;
  const remainingHours = Math.max(0, DEFAULT_TIMEOUT_SECONDS / 3600 - elapsedHours);
  const worstCase = job.hourlyPrice === null ? null : job.hourlyPrice * remainingHours;
  return {
    kind: 'finding',
    finding: {
      rule: DEFAULT_TIMEOUT_RULE,
      resource: job.name,
      project: job.project,
      region: job.region,
      severity: 'low',
      title: `No timeout on GPU job: ${job.displayName}`,
      reason:
        'The job has accelerators and relies on the 7-day default timeout: if it hangs it keeps billing until ' +
        'then. Set scheduling.timeout near its expected runtime on the next submission.',
      evidence: {
        target: { type: 'job', jobName: job.name, kind: job.kind, displayName: job.displayName },
        facts: [
          {
            label: 'Timeout',
            value: job.timeoutSeconds === null ? 'not set (7-day default)' : '7 days',
            unit: 'text',
          },
          { label: 'Hours until the default timeout', value: remainingHours, unit: 'hours' },
          { label: 'Worst case if it hangs', value: worstCase, unit: 'money' },
          {
            label: 'Accelerators',
            value: describeAccelerators(job.machineType, job.acceleratorType, job.acceleratorCount),
            unit: 'text',
          },
          { label: 'Owner', value: describeOwner(job.labels), unit: 'text' },
        ],
      },
      labels: job.labels,
      impactPerDay: job.hourlyPrice === null ? null : job.hourlyPrice * HOURS_PER_DAY,
      unpricedReason: unpricedReasonOf(job),
      // Nothing to click: the fix is a setting on the next submission, not cancelling a healthy job.
      suggestedAction: null,
      suggestedValue: null,
      observedAt: job.lastSeen,
    },
  };
}

export const defaultTimeoutRule: AuditRule = {
  id: DEFAULT_TIMEOUT_RULE,
  resourceType: 'job',
  description: 'Active jobs with GPUs/TPUs left on the 7-day default timeout.',
  // Part of the runaway-training issue: it shares that rule's switch.
  enabled: (rules) => rules.runawayTraining.enabled,
  evaluate(facts, ctx) {
    const verdicts: Verdict[] = [];
    for (const job of facts.jobs) {
      const verdict = evaluateDefaultTimeout(job, ctx);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

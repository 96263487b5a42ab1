import cron from 'node-cron';
import { z } from 'zod';

// Every option has a default so an empty file is a working configuration (demo-sized, notify-only).

const projectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id');
const region = z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'a region such as us-central1');
const labelKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a label key (lowercase letters, digits, _ and -)');
// Checked with node-cron's own parser, the one the scheduler hands it to: a value it would refuse at start
// (99 as a minute, a weekday 8) is a configuration error at load, not a serve that dies half started.
const cronExpression = z
  .string()
  .refine(
    (expression) => cron.validate(expression),
    'a cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), each within its range, e.g. "0 9 * * 1"',
  );
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id such as U024BE7LH');
const slackGroupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'a Slack user-group id such as SAZ94GDB8');

/** Which slice of spend something (a channel, a budget) is about; empty means everything. */
export const scopeSchema = z.strictObject({
  projects: z.array(projectId).default([]),
  labels: z.record(labelKey, z.string()).default({}),
});

const googleSchema = z.strictObject({
  projects: z
    .array(z.strictObject({ id: projectId, regions: z.array(region).min(1).default(['us-central1']) }))
    .default([]),
  billingExport: z
    .strictObject({
      // project.dataset.table of the standard or detailed export; empty disables billing ingest.
      table: z
        .string()
        .regex(/^([a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_]+)?$/, 'project.dataset.table')
        .default(''),
      location: z.string().default('US'),
      services: z.array(z.string().min(1)).default(['Vertex AI']),
      labelKeys: z.array(labelKey).default(['team', 'env', 'model']),
      maximumBytesBilled: z.number().int().positive().default(10_000_000_000),
      // Deadline of one billing query: BigQuery stops the job, and waiting for it (each request too) gives up.
      timeoutMs: z
        .number()
        .int()
        .min(1_000)
        .max(6 * 3_600_000)
        .default(120_000),
      initialDays: z.number().int().min(1).max(400).default(90),
      // Google: costs are "typically ... available within a day, but can sometimes take more than 24 hours".
      lagHours: z
        .number()
        .min(0)
        .max(24 * 14)
        .default(24),
    })
    .prefault({}),
  catalog: z
    .strictObject({
      serviceDisplayName: z.string().default('Vertex AI'),
      // Google bills Vertex AI's Spot, reserved and Flex-start VMs as Compute Engine SKUs; empty: Spot and
      // Flex-start capacity stay unpriced, reserved capacity is priced at Vertex AI's on-demand prices.
      computeServiceDisplayName: z.string().default('Compute Engine'),
      refreshHours: z.number().positive().default(24),
    })
    .prefault({}),
  monitoring: z
    .strictObject({
      lookbackHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 42)
        .default(24 * 7),
    })
    .prefault({}),
  jobLists: z
    .strictObject({
      // Every so often the whole job history is listed again: it is how jobs deleted in Google are noticed.
      fullEveryHours: z
        .number()
        .positive()
        .max(24 * 31)
        .default(24),
      // Between full lists, jobs changed since the last list minus this margin, for clocks that disagree.
      overlapMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(10),
    })
    .prefault({}),
  concurrency: z.number().int().min(1).max(64).default(8),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(4),
      baseDelayMs: z.number().int().min(0).default(250),
      timeoutMs: z.number().int().min(100).default(30_000),
    })
    .prefault({}),
});

const channelSchema = z.strictObject({
  id: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel id such as C0123ABCD'),
  name: z.string().optional(),
  digest: z.boolean().default(false),
  alerts: z.boolean().default(false),
  scope: scopeSchema.prefault({}),
});

const actionAllowSchema = z.strictObject({
  users: z.array(slackUserId).default([]),
  userGroups: z.array(slackGroupId).default([]),
});

const slackSchema = z.strictObject({
  commandName: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /burnrate')
    .default('/burnrate'),
  channels: z.array(channelSchema).default([]),
  // Deadline of one call to Slack (Web API, response URL, file upload), per attempt, in milliseconds.
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  // An answer still being worked out after this long (milliseconds) gets a "working on it" message first.
  workingNoticeMs: z.number().int().min(0).max(60_000).default(3_000),
  // Who may ask (slash command, mention, DM, App Home); both empty: everyone in the workspace.
  askers: actionAllowSchema.prefault({}),
  // What is answered where no configured channel's scope applies: DMs, App Home, channels not listed above.
  defaultScope: scopeSchema.prefault({}),
  // The workspace burnrate answers (required by serve); requests from any other workspace, enterprise or app,
  // and from Slack Connect guests of other workspaces, are refused.
  teamId: z
    .string()
    .regex(/^T[A-Z0-9]{2,}$/, 'a Slack workspace id such as T0123ABCD')
    .optional(),
  enterpriseId: z.string().optional(),
  appId: z.string().optional(),
});

const schedulesSchema = z.strictObject({
  sync: cronExpression.default('*/15 * * * *'),
  audit: cronExpression.default('5 * * * *'),
  anomalies: cronExpression.default('30 8 * * *'),
  digest: cronExpression.default('0 9 * * 1'),
  // Scheduled jobs run in a process of their own, stopped when they take longer than this (minutes); audit covers
  // the audit and the daily checks.
  timeoutMinutes: z
    .strictObject({
      sync: z
        .number()
        .positive()
        .max(24 * 60)
        .default(30),
      audit: z
        .number()
        .positive()
        .max(24 * 60)
        .default(15),
      digest: z
        .number()
        .positive()
        .max(24 * 60)
        .default(15),
    })
    .prefault({}),
});

const rulesSchema = z.strictObject({
  idleEndpoint: z
    .strictObject({
      enabled: z.boolean().default(true),
      windowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 42)
        .default(72),
    })
    .prefault({}),
  runawayTraining: z
    .strictObject({
      enabled: z.boolean().default(true),
      expectedHoursLabel: labelKey.default('expected-hours'),
      budgetLabel: labelKey.default('budget-usd'),
      historyMultiplier: z.number().min(1).default(2),
      minHistoryRuns: z.number().int().min(1).default(3),
      defaultExpectedHours: z.number().positive().default(24),
      budgetUsd: z.number().positive().optional(),
    })
    .prefault({}),
  overProvisioned: z
    .strictObject({
      enabled: z.boolean().default(true),
      windowDays: z.number().int().min(1).max(42).default(3),
      // Predictions one replica serves comfortably in an hour, used when the model's own peak is unknown.
      predictionsPerReplicaHour: z.number().positive().default(20_000),
      headroom: z.number().min(1).default(1.5),
      minSavingReplicas: z.number().int().min(1).default(1),
    })
    .prefault({}),
  underusedAccelerator: z
    .strictObject({
      enabled: z.boolean().default(true),
      // Days of accelerator telemetry judged; Monitoring must cover them (google.monitoring.lookbackHours).
      windowDays: z.number().int().min(1).max(42).default(7),
      // The p95 hourly duty cycle (a fraction) under which a deployment's accelerators count as under-used.
      dutyCycleBelow: z.number().gt(0).max(1).default(0.2),
    })
    .prefault({}),
});

const remediationSchema = z.strictObject({
  mode: z.enum(['notify-only', 'dry-run', 'remediate']).default('notify-only'),
  allow: z
    .strictObject({
      undeploy: actionAllowSchema.prefault({}),
      scale: actionAllowSchema.prefault({}),
      cancel: actionAllowSchema.prefault({}),
      // Snooze and "Not waste": they change what burnrate alerts about, not the cloud.
      triage: actionAllowSchema.prefault({}),
    })
    .prefault({}),
  operationTimeoutSeconds: z.number().int().min(5).max(3600).default(300),
});

const budgetSchema = z.strictObject({
  name: z.string().min(1),
  scope: scopeSchema.prefault({}),
  monthlyAmount: z.number().positive(),
  thresholds: z.array(z.number().positive().max(1000)).default([50, 80, 100]),
  channel: z.string().optional(),
});

const anomaliesSchema = z.strictObject({
  minHistoryDays: z.number().int().min(7).default(14),
  floorAmount: z.number().min(0).default(50),
  percent: z.number().min(0).default(30),
  zScore: z.number().min(0).default(3),
});

const digestSchema = z.strictObject({
  // Spend without this label counts as unattributed in the digest's label coverage line.
  coverageLabel: labelKey.default('team'),
  // Rows shown per list (movers, findings, savings).
  topN: z.number().int().min(1).max(20).default(5),
  // Weeks of daily spend in the chart.
  chartWeeks: z.number().int().min(2).max(26).default(8),
  // A .ttf/.otf for chart text; empty = DejaVu Sans from the dejavu-fonts-ttf package.
  chartFontFile: z.string().default(''),
});

const savingsSchema = z.strictObject({
  // Days of jobs and traffic history the recommendations look at.
  lookbackDays: z.number().int().min(3).max(90).default(14),
  // Training jobs up to this long lose little when preempted, so they are Spot candidates even without checkpoints.
  spotMaxJobHours: z.number().positive().default(4),
  // A job carrying this label (any value but "false") saves checkpoints and can resume after preemption.
  checkpointLabel: labelKey.default('checkpointed'),
  // An endpoint busy (any prediction) for at most this many hours a day on average suits batch prediction.
  batchMaxBusyHoursPerDay: z.number().min(0).max(24).default(4),
  // An endpoint busy in at most this share of hours is bursty: scale-to-zero / serverless candidate.
  burstyMaxBusyShare: z.number().min(0).max(1).default(0.25),
});

const estimatesSchema = z.strictObject({
  // The catalog estimates drift when, over the last 30 days they were billed for, they are off by more than this
  // percentage of billed spend; the digest and "how accurate are the estimates?" then name the kinds at fault.
  driftTolerancePercent: z.number().min(0).max(100).default(5),
});

export const configSchema = z.strictObject({
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Berlin')
    .default('UTC'),
  // The billing account's currency (Cloud Billing: fixed when the account is created). The export must be in it
  // and catalog prices are asked for in it, so estimates and billed spend add up in one currency.
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD or EUR')
    .default('USD'),
  google: googleSchema.prefault({}),
  slack: slackSchema.prefault({}),
  schedules: schedulesSchema.prefault({}),
  rules: rulesSchema.prefault({}),
  remediation: remediationSchema.prefault({}),
  budgets: z.array(budgetSchema).default([]),
  anomalies: anomaliesSchema.prefault({}),
  digest: digestSchema.prefault({}),
  savings: savingsSchema.prefault({}),
  estimates: estimatesSchema.prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type Scope = z.infer<typeof scopeSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type BudgetConfig = z.infer<typeof budgetSchema>;
export type RemediationAction = keyof Config['remediation']['allow'];

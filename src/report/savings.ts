import type { DeployedModelFacts, JobFacts, TrafficHour } from '../audit/facts.js';
import { loadAuditFacts } from '../audit/facts.js';
import { deployedModelResource, HOURS_PER_MONTH } from '../audit/model.js';
import { earlierRuntimesHours, percentile } from '../audit/rules/jobHistory.js';
import { servedIn, servedMetric } from '../audit/rules/telemetry.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { TRAINING_JOB_KINDS } from '../domain/jobs.js';
import { catalogSpotPricer, type SpotPricer } from './spotPrice.js';

const HOUR_MS = 3_600_000;
// Average days in a month (365 / 12), to turn a look-back window into a monthly figure.
const DAYS_PER_MONTH = 365 / 12;
// Share of the observed span Monitoring must cover before an endpoint's traffic pattern is trusted.
const MIN_TRAFFIC_COVERAGE = 0.9;
// Fewer hours of traffic than three days say too little about a daily pattern.
const MIN_TRAFFIC_HOURS = 72;
// An hour counts as busy with at least this share of the peak hour's predictions; a trickle is not a workload.
const BUSY_SHARE_OF_PEAK = 0.1;
// Recurring jobs carry a run stamp (date, timestamp) at the end of their name; runs of one job share the rest.
const RUN_STAMP = /[-_]?\d{6,}$/;

/** The name runs of the same recurring job share: "ranker-nightly-2026102802" → "ranker-nightly". */
export function recurringJobName(displayName: string): string {
  return displayName.replace(RUN_STAMP, '') || displayName;
}

export type SavingsTechnique =
  | 'spot-training'
  | 'idle-endpoint'
  | 'over-provisioned'
  | 'scale-to-zero'
  | 'batch-prediction';

export interface SavingsOpportunity {
  technique: SavingsTechnique;
  /** Stable id of what to change (job display name group, deployed model resource). */
  resource: string;
  project: string;
  title: string;
  /** What to do, in a sentence. */
  action: string;
  /** Estimated saving per month (730-hour month) from catalog prices; null when unpriced. */
  monthlySaving: number | null;
  unpricedReason: string | null;
  /** The facts behind the estimate, as short "label: value" lines. */
  evidence: string[];
  labels: Record<string, string>;
}

export interface SavingsInput {
  jobs: readonly JobFacts[];
  deployedModels: readonly DeployedModelFacts[];
  now: Date;
  settings: Config['savings'];
  overProvisioned: Config['rules']['overProvisioned'];
  /** Hours without a prediction after which an endpoint counts as idle (the auditor's window). */
  idleWindowHours: number;
  spotPrice: SpotPricer;
  /** The label a job's owner puts its expected runtime in (hours), as the runaway rule reads it. */
  expectedHoursLabel?: string;
}

/** Pure: every saving the seed techniques find, highest first (unpriced last). One per deployed model. */
export function findSavings(input: SavingsInput): SavingsOpportunity[] {
  const out = [...spotCandidates(input), ...input.deployedModels.flatMap((m) => endpointCandidate(m, input))];
  return out.sort((a, b) => (b.monthlySaving ?? -1) - (a.monthlySaving ?? -1));
}

function hours(fromIso: string, toMs: number): number {
  return Math.max(0, (toMs - Date.parse(fromIso)) / HOUR_MS);
}

function spotCandidates(input: SavingsInput): SavingsOpportunity[] {
  const { settings, now } = input;
  const windowStart = now.getTime() - settings.lookbackDays * 86_400_000;
  const groups = new Map<
    string,
    { jobs: JobFacts[]; hours: number; saving: number | null; unpriced: string | null }
  >();
  for (const job of input.jobs) {
    if (!TRAINING_JOB_KINDS.has(job.kind) || job.spot || !job.startTime) continue;
    const endMs = job.endTime ? Date.parse(job.endTime) : now.getTime();
    if (endMs < windowStart) continue;
    const runHours = hours(job.startTime, endMs);
    const checkpointed = (job.labels[settings.checkpointLabel] ?? 'false') !== 'false';
    if (!checkpointed) {
      // A running job is short only if it is expected to end soon, not because it started recently.
      const length = job.endTime ? runHours : expectedHours(job, input);
      if (length === null || length > settings.spotMaxJobHours) continue;
    }
    const key = `${job.project}/${recurringJobName(job.displayName)}`;
    const group = groups.get(key) ?? { jobs: [], hours: 0, saving: 0, unpriced: null };
    const spot = input.spotPrice(job);
    group.jobs.push(job);
    group.hours += runHours;
    if (job.hourlyPrice === null || spot === null) {
      group.saving = null;
      group.unpriced ??=
        job.hourlyPrice === null
          ? (job.unpricedReason ?? 'no catalog price')
          : 'no Spot price in the catalog';
    } else if (group.saving !== null) {
      group.saving += Math.max(0, job.hourlyPrice - spot) * runHours;
    }
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => {
    const first = g.jobs[0]!;
    const perMonth = g.saving === null ? null : (g.saving / settings.lookbackDays) * DAYS_PER_MONTH;
    const checkpointed = g.jobs.some((j) => (j.labels[settings.checkpointLabel] ?? 'false') !== 'false');
    return {
      technique: 'spot-training' as const,
      resource: key,
      project: first.project,
      title: `Spot VMs for training "${recurringJobName(first.displayName)}"`,
      action: `Run "${recurringJobName(first.displayName)}" on Spot VMs (scheduling.strategy SPOT); it is ${checkpointed ? 'checkpointed' : `short (≤ ${settings.spotMaxJobHours} h)`}, so a preemption costs little.`,
      monthlySaving: perMonth,
      unpricedReason: perMonth === null ? g.unpriced : null,
      evidence: [
        `runs on standard VMs in the last ${settings.lookbackDays} days: ${g.jobs.length}`,
        `hours run: ${g.hours.toFixed(1)}`,
        `machine: ${first.machineType ?? 'unknown'}${first.acceleratorCount > 0 ? ` + ${first.acceleratorCount} × ${first.acceleratorType}` : ''}`,
        `standard price: ${first.hourlyPrice === null ? 'unpriced' : `$${first.hourlyPrice.toFixed(2)}/h`}`,
        `Spot price: ${describePrice(input.spotPrice(first))}`,
      ],
      labels: first.labels,
    };
  });
}

/** How long a running job will run in all: its owner's label, else the median of its earlier runs; null if unknown. */
function expectedHours(job: JobFacts, input: SavingsInput): number | null {
  const label = input.expectedHoursLabel ? job.labels[input.expectedHoursLabel] : undefined;
  // Label values cannot contain dots, so "1_5" and "1-5" mean 1.5.
  const fromLabel = label === undefined ? Number.NaN : Number(label.replace(/[_-]/, '.'));
  if (Number.isFinite(fromLabel) && fromLabel > 0) return fromLabel;
  return percentile(earlierRuntimesHours(job, input.jobs), 50);
}

function describePrice(price: number | null): string {
  return price === null ? 'unpriced' : `$${price.toFixed(2)}/h`;
}

function endpointCandidate(model: DeployedModelFacts, input: SavingsInput): SavingsOpportunity[] {
  const { settings, now, overProvisioned } = input;
  if (!model.dedicated || model.minReplicas < 1) return [];
  // Only the metric that counts the endpoint's requests describes its traffic; without one there is no pattern.
  const metric = servedMetric(model.trafficVisibility);
  if (!metric) return [];
  const servedBy = (t: TrafficHour) => servedIn(t, metric);
  const windowStart = now.getTime() - settings.lookbackDays * 86_400_000;
  const traffic = model.traffic.filter(
    (t) => Date.parse(t.hour) >= windowStart && Date.parse(t.hour) < now.getTime(),
  );
  // Judge the span Monitoring data covers (sync keeps a week by default), not the whole look-back window.
  const firstHour = traffic[0] ? Date.parse(traffic[0].hour) : now.getTime();
  const windowHours = Math.round((now.getTime() - Math.max(windowStart, firstHour)) / HOUR_MS);
  if (windowHours < MIN_TRAFFIC_HOURS || traffic.length < windowHours * MIN_TRAFFIC_COVERAGE) return [];
  const peak = Math.max(0, ...traffic.map(servedBy));
  const busy = traffic.filter((t) => servedBy(t) > 0 && servedBy(t) >= peak * BUSY_SHARE_OF_PEAK);
  const busyShare = busy.length / traffic.length;
  const busyHoursPerDay = busyShare * 24;
  const price = model.hourlyPrice;
  const always = price === null ? null : price * model.minReplicas * HOURS_PER_MONTH;
  const base = {
    resource: deployedModelResource(model.endpointName, model.deployedModelId),
    project: model.project,
    labels: model.labels,
    unpricedReason: price === null ? (model.unpricedReason ?? 'no catalog price') : null,
  };
  const name = `${model.displayName} on ${model.endpointDisplayName}`;
  const facts = [
    `traffic hours observed: ${traffic.length} of the last ${windowHours}`,
    `busy hours (≥ ${BUSY_SHARE_OF_PEAK * 100}% of peak): ${busy.length} (${busyHoursPerDay.toFixed(1)} h/day)`,
    `peak ${metric === 'prediction_count' ? 'predictions' : 'responses'} in an hour: ${Math.round(peak)}`,
    `min replicas: ${model.minReplicas} × ${model.machineType ?? 'unknown machine'}`,
    `price per replica: ${describePrice(price)}`,
  ];
  const served = traffic.filter((t) => servedBy(t) > 0);
  const lastBusy = served.length > 0 ? Date.parse(served[served.length - 1]!.hour) : null;
  const silentHours = lastBusy === null ? windowHours : (now.getTime() - lastBusy) / HOUR_MS - 1;
  if (silentHours >= input.idleWindowHours) {
    return [
      {
        ...base,
        technique: 'idle-endpoint',
        title: `Idle endpoint ${name}`,
        action: `Undeploy ${model.displayName}: it served no prediction in the last ${Math.floor(silentHours)} h.`,
        monthlySaving: always,
        evidence: facts,
      },
    ];
  }
  if (busyHoursPerDay <= settings.batchMaxBusyHoursPerDay) {
    return [
      {
        ...base,
        technique: 'batch-prediction',
        title: `Batch prediction instead of always-on ${name}`,
        action: `Serve ${model.displayName} with batch prediction jobs: it is busy only ${busyHoursPerDay.toFixed(1)} h a day (requests outside those hours would wait for the next batch).`,
        // Batch jobs run about the busy hours on the same machines.
        monthlySaving:
          price === null
            ? null
            : price * model.minReplicas * (HOURS_PER_MONTH - busyHoursPerDay * DAYS_PER_MONTH),
        evidence: facts,
      },
    ];
  }
  if (busyShare <= settings.burstyMaxBusyShare) {
    return [
      {
        ...base,
        technique: 'scale-to-zero',
        title: `Scale to zero / serverless for ${name}`,
        action: `Let ${model.displayName} scale to zero (min replicas 0) or move it to a serverless option: traffic is bursty.`,
        monthlySaving: always === null ? null : always * (1 - busyShare),
        evidence: facts,
      },
    ];
  }
  const needed = Math.max(
    1,
    Math.ceil((peak * overProvisioned.headroom) / overProvisioned.predictionsPerReplicaHour),
  );
  if (model.minReplicas - needed >= overProvisioned.minSavingReplicas) {
    return [
      {
        ...base,
        technique: 'over-provisioned',
        title: `Lower min replicas of ${name}`,
        action: `Lower min replicas of ${model.displayName} from ${model.minReplicas} to ${needed}: peak traffic needs ${needed} with ${overProvisioned.headroom}× headroom.`,
        monthlySaving: price === null ? null : price * (model.minReplicas - needed) * HOURS_PER_MONTH,
        evidence: facts,
      },
    ];
  }
  return [];
}

export interface SavingsOptions {
  store: Store;
  config: Pick<Config, 'savings' | 'rules' | 'currency'>;
  now: Date;
  /** Spot price for a job's shape; defaults to the catalog's Spot SKUs (unpriced when it has none). */
  spotPrice?: SpotPricer;
}

/** Savings opportunities from the jobs, deployments and traffic sync stored. */
export function savingsOpportunities(opts: SavingsOptions): SavingsOpportunity[] {
  const since = new Date(opts.now.getTime() - opts.config.savings.lookbackDays * 86_400_000);
  const facts = loadAuditFacts(opts.store, since, opts.now, opts.config.currency);
  return findSavings({
    jobs: facts.jobs,
    deployedModels: facts.deployedModels,
    now: opts.now,
    settings: opts.config.savings,
    overProvisioned: opts.config.rules.overProvisioned,
    idleWindowHours: opts.config.rules.idleEndpoint.windowHours,
    spotPrice: opts.spotPrice ?? catalogSpotPricer(opts.store, opts.now, opts.config.currency),
    expectedHoursLabel: opts.config.rules.runawayTraining.expectedHoursLabel,
  });
}

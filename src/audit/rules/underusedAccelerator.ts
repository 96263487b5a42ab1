import type { PriceBook } from '../../pricing/priceBook.js';
import { type ServingShape, servingShapeOf } from '../../pricing/servingShapes.js';
import { cheapestFit, type MeasuredUse, type SizingChoice } from '../acceleratorSizing.js';
import type { AuditFacts, DeployedModelFacts, UtilizationHour } from '../facts.js';
import {
  deployedModelResource,
  type EvidenceFact,
  type FindingDraft,
  HOURS_PER_DAY,
  type Verdict,
} from '../model.js';
import { redeployCommands } from '../redeployCommands.js';
import { hasAccelerators } from './accelerators.js';
import { deployedModelTarget, severityForDailyCost } from './impact.js';
import { percentile } from './jobHistory.js';
import { describeOwner } from './ownerLabels.js';
import type { AuditRule, RuleContext } from './rule.js';
import { servedIn, servedMetric, telemetryGap } from './telemetry.js';

export const UNDERUSED_ACCELERATOR_RULE = 'underused-accelerator';

const HOUR_MS = 3_600_000;
const GIB = 1024 ** 3;

/** The rule's fixed thresholds, each with its reason (the configurable ones are rules.underusedAccelerator). */
export const UNDERUSED_ACCELERATOR_LIMITS = {
  // The busiest hours decide, not the average: a model quiet at night and busy at noon is sized for noon.
  percentile: 95,
  // Gauge metrics have a point for every hour a replica runs: fewer hours than this share of the window means the
  // data is missing, which is never read as an idle accelerator.
  minHoursShare: 0.9,
  // A duty cycle this low is an accelerator the model does not use at all: serving on CPUs alone is offered.
  cpuOnlyBelow: 0.01,
  // Google's default autoscaling target for duty cycle and CPU utilization (DedicatedResources, 60): a replica
  // sized to stay under it keeps the headroom Google's autoscaler keeps.
  targetUtilization: 0.6,
  // Memory kept free above the measured peak, on the accelerators and on the host.
  memoryHeadroom: 1.25,
} as const;

// The Monitoring metrics the rule reads, as coverage rows name them.
const DUTY_CYCLE = 'accelerator_duty_cycle';
const OPTIONAL_METRICS = {
  acceleratorMemoryBytes: 'accelerator_memory_bytes',
  cpuUtilization: 'cpu_utilization',
  memoryBytes: 'memory_bytes',
} as const;

/**
 * A dedicated deployment whose accelerators sat mostly idle over the window — p95 of the hourly duty cycle under
 * the threshold, with Monitoring vouching for the window — and a cheaper machine from the catalog that holds what
 * its replicas were measured to use. Unknown or missing telemetry is never "under-used".
 */
export function evaluateUnderusedAccelerator(
  model: DeployedModelFacts,
  ctx: RuleContext,
  coverageGap: (metric: string) => string | null,
  prices: PriceBook,
): Verdict | null {
  const cfg = ctx.rules.underusedAccelerator;
  if (!model.dedicated || model.sharedResources || model.minReplicas < 1) return null;
  if (!hasAccelerators(model.machineType, model.acceleratorType, model.acceleratorCount)) return null;
  const windowHours = cfg.windowDays * 24;
  const windowStart = ctx.now.getTime() - windowHours * HOUR_MS;
  if (Date.parse(model.deployedSince) > windowStart) return null;
  const resource = deployedModelResource(model.endpointName, model.deployedModelId);
  const unknown = (why: string): Verdict => ({
    kind: 'unknown',
    rule: UNDERUSED_ACCELERATOR_RULE,
    resource,
    why,
  });

  const gap = coverageGap(DUTY_CYCLE);
  if (gap) return unknown(gap);
  const inWindow = model.utilization.filter(
    (u) => Date.parse(u.hour) >= windowStart && Date.parse(u.hour) < ctx.now.getTime(),
  );
  const duty = valuesOf(inWindow, 'acceleratorDutyCycle');
  const needed = Math.floor(windowHours * UNDERUSED_ACCELERATOR_LIMITS.minHoursShare);
  if (duty.length < needed)
    return unknown(`accelerator duty cycle recorded for ${duty.length} of the last ${windowHours} hours`);
  const p95 = percentile(duty, UNDERUSED_ACCELERATOR_LIMITS.percentile) ?? 0;
  if (p95 >= cfg.dutyCycleBelow) return null;

  // No request at all is the idle rule's finding (undeploy), not a smaller machine.
  const served = traffic(model, coverageGap, windowStart, ctx.now.getTime());
  if (served === 0) return null;

  const current = servingShapeOf({
    machineType: model.machineType,
    acceleratorType: model.acceleratorType,
    acceleratorCount: model.acceleratorCount,
  });
  if (!current) return unknown(`machine type ${model.machineType ?? 'unknown'} is not one burnrate can size`);
  const priceOf = (shape: ServingShape) => {
    const price = prices.machineHourly({
      machine: shape.machine,
      region: model.region,
      use: 'prediction',
      provisioning: model.spot ? 'spot' : 'on-demand',
    });
    return price.priced ? price.hourly : null;
  };
  const currentPrice = priceOf(current);
  if (currentPrice === null)
    return unknown(
      `no catalog price for ${model.machineType} in ${model.region}, so no cheaper machine can be named`,
    );
  const use = measuredUse(inWindow, p95, coverageGap, needed);
  const limits = {
    targetUtilization: UNDERUSED_ACCELERATOR_LIMITS.targetUtilization,
    memoryHeadroom: UNDERUSED_ACCELERATOR_LIMITS.memoryHeadroom,
    allowCpuOnly: p95 < UNDERUSED_ACCELERATOR_LIMITS.cpuOnlyBelow,
  };
  const choice = cheapestFit(current, use, limits, currentPrice, priceOf);
  // Under-used, but nothing cheaper in the catalog holds it: nothing to recommend.
  if (!choice) return null;
  return { kind: 'finding', finding: findingOf(model, ctx, current, currentPrice, choice, use, served) };
}

/** Requests served in the window by the metric that sees the endpoint's; null when no metric vouches for it. */
function traffic(
  model: DeployedModelFacts,
  coverageGap: (metric: string) => string | null,
  fromMs: number,
  toMs: number,
): number | null {
  const metric = servedMetric(model.trafficVisibility);
  if (!metric || coverageGap(metric)) return null;
  return model.traffic
    .filter((t) => Date.parse(t.hour) >= fromMs && Date.parse(t.hour) < toMs)
    .reduce((sum, t) => sum + servedIn(t, metric), 0);
}

/** The window's measurements; a metric whose fetch failed, or with too few hours, counts as not measured. */
function measuredUse(
  hours: readonly UtilizationHour[],
  dutyP95: number,
  coverageGap: (metric: string) => string | null,
  needed: number,
): MeasuredUse {
  const measured = (key: keyof typeof OPTIONAL_METRICS): number[] | null => {
    const values = valuesOf(hours, key);
    return coverageGap(OPTIONAL_METRICS[key]) || values.length < needed ? null : values;
  };
  const accelMemory = measured('acceleratorMemoryBytes');
  const cpu = measured('cpuUtilization');
  const memory = measured('memoryBytes');
  return {
    dutyCycle: dutyP95,
    acceleratorMemoryBytes: accelMemory ? Math.max(...accelMemory) : null,
    cpuUtilization: cpu ? percentile(cpu, UNDERUSED_ACCELERATOR_LIMITS.percentile) : null,
    memoryBytes: memory ? Math.max(...memory) : null,
  };
}

function valuesOf(hours: readonly UtilizationHour[], key: Exclude<keyof UtilizationHour, 'hour'>): number[] {
  return hours.flatMap((h) => (h[key] === null ? [] : [h[key] as number]));
}

function findingOf(
  model: DeployedModelFacts,
  ctx: RuleContext,
  current: ServingShape,
  currentPrice: number,
  choice: SizingChoice,
  use: MeasuredUse,
  served: number | null,
): FindingDraft {
  const cfg = ctx.rules.underusedAccelerator;
  const savingPerDay = (currentPrice - choice.hourlyPrice) * model.minReplicas * HOURS_PER_DAY;
  const target = deployedModelTarget(model);
  const change = `Redeploy on ${describeShape(choice.shape)}`;
  const trafficNote =
    served === null
      ? 'its requests are not counted by any metric'
      : `it served ${Math.round(served).toLocaleString('en-US')} requests`;
  return {
    rule: UNDERUSED_ACCELERATOR_RULE,
    resource: deployedModelResource(model.endpointName, model.deployedModelId),
    project: model.project,
    region: model.region,
    severity: severityForDailyCost(savingPerDay),
    title: `Under-used accelerator: ${target.displayName}`,
    reason:
      `Its accelerators (${describeShape(current)}) were busy ${percent(use.dutyCycle)} of the time in the busiest ` +
      `hours of the last ${cfg.windowDays} days (p95 of the hourly duty cycle, under ${percent(cfg.dutyCycleBelow)}), ` +
      `while ${trafficNote} (${describeOwner(model.labels)}). ${change}: ${choiceWhy(choice, current)}. ` +
      'A recommendation only: a redeploy is not a one-click action, so there is no button; the commands are below.',
    evidence: {
      target,
      facts: evidenceFacts(model, current, currentPrice, choice, use),
      trafficSplit: model.endpointSplit,
      recommendation: {
        change,
        commands: redeployCommands({
          endpointName: model.endpointName,
          project: model.project,
          region: model.region,
          deployedModelId: model.deployedModelId,
          displayName: model.displayName,
          model: model.model,
          machine: choice.shape.machine,
          minReplicas: model.minReplicas,
          maxReplicas: model.maxReplicas,
          spot: model.spot,
          split: model.endpointSplit,
        }),
      },
    },
    labels: model.labels,
    impactPerDay: savingPerDay,
    unpricedReason: null,
    suggestedAction: null,
    suggestedValue: null,
    observedAt: model.lastSeen,
  };
}

function evidenceFacts(
  model: DeployedModelFacts,
  current: ServingShape,
  currentPrice: number,
  choice: SizingChoice,
  use: MeasuredUse,
): EvidenceFact[] {
  const gib = (bytes: number | null) => (bytes === null ? 'not measured' : `${(bytes / GIB).toFixed(1)} GiB`);
  const ofTotal = (used: string, total: number | null | undefined) =>
    total === null || total === undefined || used === 'not measured' ? used : `${used} of ${total} GiB`;
  return [
    { label: 'Duty cycle (p95)', value: percent(use.dutyCycle), unit: 'text' },
    {
      label: 'Accelerator memory (peak)',
      value: ofTotal(gib(use.acceleratorMemoryBytes), current.accelerator?.memoryGib),
      unit: 'text',
    },
    {
      label: 'CPU utilization (p95)',
      value: use.cpuUtilization === null ? 'not measured' : percent(use.cpuUtilization),
      unit: 'text',
    },
    { label: 'Host memory (peak)', value: ofTotal(gib(use.memoryBytes), current.memoryGib), unit: 'text' },
    { label: 'Machine now', value: describeShape(current), unit: 'text' },
    { label: 'Price per replica now', value: currentPrice, unit: 'money-per-hour' },
    { label: 'Suggested machine', value: describeShape(choice.shape), unit: 'text' },
    { label: 'Suggested price per replica', value: choice.hourlyPrice, unit: 'money-per-hour' },
    { label: 'Min replicas', value: model.minReplicas, unit: 'count' },
    { label: 'Owner', value: describeOwner(model.labels), unit: 'text' },
  ];
}

/** Why the suggested machine fits, in the terms it was chosen by. */
function choiceWhy(choice: SizingChoice, current: ServingShape): string {
  const { shape, projectedDutyCycle, needs } = choice;
  const host = `${shape.vcpus} vCPUs and ${shape.memoryGib} GiB hold the measured load (${needs.vcpus} vCPUs, ${needs.memoryGib.toFixed(1)} GiB needed)`;
  if (!shape.accelerator) return `the accelerators do no work, so CPUs alone serve it; ${host}`;
  const sameType = shape.accelerator.type === current.accelerator?.type;
  const busy = `the same work would keep ${shape.accelerator.count === 1 ? 'it' : 'them'} busy about ${percent(projectedDutyCycle ?? 0)} of the time`;
  const memory = `${shape.accelerator.memoryGib} GiB of accelerator memory hold the measured peak`;
  const other = sameType
    ? ''
    : '; another accelerator type: check its latency on this model before moving all traffic';
  return `${busy}, ${memory}, ${host}${other}`;
}

/** "g2-standard-8 with 1 × NVIDIA_L4", "n1-standard-4 (no accelerator)". */
function describeShape(shape: ServingShape): string {
  const type = shape.machine.machineType ?? 'unknown machine';
  return shape.accelerator
    ? `${type} with ${shape.accelerator.count} × ${shape.accelerator.type}`
    : `${type} (no accelerator)`;
}

function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} %`;
}

export const underusedAcceleratorRule: AuditRule = {
  id: UNDERUSED_ACCELERATOR_RULE,
  resourceType: 'deployed-model',
  description:
    'Dedicated deployments whose accelerators stay mostly idle (p95 duty cycle under the threshold) and that a ' +
    'cheaper machine from the catalog would hold.',
  enabled: (rules) => rules.underusedAccelerator.enabled,
  evaluate(facts: AuditFacts, ctx) {
    const windowStart = new Date(
      ctx.now.getTime() - ctx.rules.underusedAccelerator.windowDays * 24 * HOUR_MS,
    );
    const verdicts: Verdict[] = [];
    for (const model of facts.deployedModels) {
      const gap = (metric: string) =>
        telemetryGap(facts.coverage, model.project, windowStart, ctx.now, metric);
      const verdict = evaluateUnderusedAccelerator(model, ctx, gap, facts.prices);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  },
};

import type { DeployedModelFacts } from '../facts.js';
import { type EvidenceFact, type FindingTarget, HOURS_PER_DAY, type Severity } from '../model.js';
import { describeAccelerators } from './accelerators.js';
import { describeOwner } from './ownerLabels.js';

// Daily waste at which a finding stops being housekeeping: $20/day is ~$600/month, $100/day ~$3k/month,
// $500/day ~$15k/month.
const DAILY_COST_TIERS: ReadonlyArray<{ atLeast: number; severity: Severity }> = [
  { atLeast: 500, severity: 'critical' },
  { atLeast: 100, severity: 'high' },
  { atLeast: 20, severity: 'medium' },
];

/** Severity from what a finding costs per day; unpriced findings are medium so they still get looked at. */
export function severityForDailyCost(perDay: number | null): Severity {
  if (perDay === null) return 'medium';
  return DAILY_COST_TIERS.find((tier) => perDay >= tier.atLeast)?.severity ?? 'low';
}

/** Why a finding's impact is unknown: the resource's own reason when it has no price; null when it has one. */
export function unpricedReasonOf(resource: {
  hourlyPrice: number | null;
  unpricedReason: string | null;
}): string | null {
  return resource.hourlyPrice === null
    ? (resource.unpricedReason ?? 'no catalog price for this machine')
    : null;
}

/** What `replicas` always-on replicas of a deployed model cost per day; null when it is unpriced. */
export function replicasPerDay(model: DeployedModelFacts, replicas: number): number | null {
  return model.hourlyPrice === null ? null : replicas * model.hourlyPrice * HOURS_PER_DAY;
}

/** The evidence target of a deployed-model finding, named "<model> on <endpoint>". */
export function deployedModelTarget(model: DeployedModelFacts): FindingTarget & { displayName: string } {
  return {
    type: 'deployed-model',
    endpointName: model.endpointName,
    deployedModelId: model.deployedModelId,
    displayName: `${model.displayName} on ${model.endpointDisplayName}`,
  };
}

/** Evidence every deployed-model finding shows: its machine, accelerators, price per replica and owner. */
export function deployedModelMachineFacts(model: DeployedModelFacts): EvidenceFact[] {
  return [
    { label: 'Machine', value: model.machineType ?? 'unknown', unit: 'text' },
    {
      label: 'Accelerators',
      value: describeAccelerators(model.machineType, model.acceleratorType, model.acceleratorCount),
      unit: 'text',
    },
    { label: 'Price per replica', value: model.hourlyPrice, unit: 'money-per-hour' },
    { label: 'Owner', value: describeOwner(model.labels), unit: 'text' },
  ];
}

// The gcloud commands that move a deployed model onto another machine. A deployed model's machine cannot be changed
// in place (MachineSpec is immutable; mutateDeployedModel changes only replica counts, autoscaling targets and
// logging), so the change is a new deployment of the same model taking over the old one's traffic share
// (`gcloud ai endpoints deploy-model … --traffic-split=0=…`, "0" naming the model being deployed), then the old
// deployment undeployed once it has no traffic left (`gcloud ai endpoints undeploy-model`).

import type { MachineSpec } from '../gcp/types.js';
import type { TrafficShare } from './model.js';

export interface RedeployPlan {
  /** projects/{p}/locations/{r}/endpoints/{id} */
  endpointName: string;
  /** The configured project id and the endpoint's region, for --project and --region. */
  project: string;
  region: string;
  deployedModelId: string;
  displayName: string;
  /** The Model resource the deployment serves. */
  model: string;
  machine: MachineSpec;
  minReplicas: number;
  maxReplicas: number;
  spot: boolean;
  /** The endpoint's split as the audit saw it: every model with its percent. */
  split: readonly TrafficShare[];
}

// Characters a shell reads literally; any other token is single-quoted.
const SHELL_SAFE = /^[A-Za-z0-9._/:=,@%+-]+$/;
// Google's limit on a DeployedModel display name is 128 characters; the suffix needs room.
const DISPLAY_NAME_MAX = 100;
const CONTINUE = ' \\\n    ';

/** The two commands: deploy the model on the new machine with the old one's share, then undeploy the old one. */
export function redeployCommands(plan: RedeployPlan): string[] {
  const endpointId = plan.endpointName.slice(plan.endpointName.lastIndexOf('/') + 1);
  const where = [`--project=${plan.project}`, `--region=${plan.region}`];
  const deploy = [
    ['gcloud', 'ai', 'endpoints', 'deploy-model', endpointId],
    where,
    [`--model=${plan.model}`, `--display-name=${newDisplayName(plan.displayName, plan.machine)}`],
    machineFlags(plan.machine),
    [`--min-replica-count=${plan.minReplicas}`, `--max-replica-count=${plan.maxReplicas}`],
    ...(plan.spot ? [['--spot']] : []),
    ...trafficFlag(plan),
  ];
  const undeploy = [
    ['gcloud', 'ai', 'endpoints', 'undeploy-model', endpointId],
    where,
    [`--deployed-model-id=${plan.deployedModelId}`],
  ];
  return [command(deploy), command(undeploy)];
}

function command(lines: ReadonlyArray<readonly string[]>): string {
  return lines
    .filter((line) => line.length > 0)
    .map((line) => line.map(shellWord).join(' '))
    .join(CONTINUE);
}

function machineFlags(machine: MachineSpec): string[] {
  const flags = [`--machine-type=${machine.machineType ?? ''}`];
  if (machine.acceleratorType && machine.acceleratorCount > 0)
    flags.push(
      `--accelerator=type=${gcloudAcceleratorName(machine.acceleratorType)},count=${machine.acceleratorCount}`,
    );
  return flags;
}

/** gcloud spells AcceleratorType values in lower case with hyphens: NVIDIA_TESLA_T4 → nvidia-tesla-t4. */
export function gcloudAcceleratorName(type: string): string {
  return type.toLowerCase().replace(/_/g, '-');
}

/**
 * The new deployment takes the old one's percent ("0" is the model being deployed); the others keep theirs, and
 * the old one, left out, gets none. A model with no share leaves the split as it is.
 */
function trafficFlag(plan: RedeployPlan): string[][] {
  const own = plan.split.find((share) => share.deployedModelId === plan.deployedModelId)?.percent ?? 0;
  if (own <= 0) return [];
  const others = plan.split.filter(
    (share) => share.deployedModelId !== plan.deployedModelId && share.percent > 0,
  );
  const pairs = [`0=${own}`, ...others.map((share) => `${share.deployedModelId}=${share.percent}`)];
  return [[`--traffic-split=${pairs.join(',')}`]];
}

/** The old display name, reduced to letters, digits, dots and hyphens, with the new machine type after it. */
function newDisplayName(displayName: string, machine: MachineSpec): string {
  const base =
    displayName
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, DISPLAY_NAME_MAX) || 'model';
  return `${base}-${machine.machineType ?? 'resized'}`;
}

function shellWord(word: string): string {
  return SHELL_SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

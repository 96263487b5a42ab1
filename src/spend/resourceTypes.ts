// The shapes of resource estimates: what ran, where, and what it cost in a window.

import type { SpendKind } from '../domain/kinds.js';
import type { Slice } from '../domain/slice.js';

export interface ResourceCost {
  /**
   * A job, a deployed model, or capacity held outside them: a persistent resource (training machines kept between
   * jobs) or a deployment resource pool (machines shared by the deployed models on it).
   */
  type: 'job' | 'deployment' | 'persistent-resource' | 'resource-pool';
  /** Full resource name (job, persistent resource, pool) or "<endpoint>/deployedModels/<id>". */
  name: string;
  displayName: string;
  /** Endpoint resource name and deployed model id (deployments). */
  endpointName: string | null;
  deployedModelId: string | null;
  /** Endpoint display name (deployments). */
  endpoint: string | null;
  /** Deployed model display name, or a job's `model` label. */
  model: string | null;
  /** Job display name (jobs). */
  job: string | null;
  project: string;
  region: string;
  kind: SpendKind;
  machineType: string | null;
  accelerator: string | null;
  labels: Record<string, string>;
  /** Hours the resource ran inside the window. */
  hours: number;
  /** Estimated cost in the window; null when the resource is unpriced. */
  cost: number | null;
  unpricedReason: string | null;
}

/** Which resources to estimate: a slice, optionally narrowed to named resources. */
export interface ResourceFilter extends Slice {
  /** Only these resources (full names, as ResourceCost.name), e.g. the models a unit-cost question names. */
  names?: ReadonlySet<string> | undefined;
  /**
   * Only jobs, or only deployed models: grouping by endpoint leaves out every other resource, grouping by job
   * every resource but jobs, and those need not be read at all.
   */
  type?: 'job' | 'deployment' | undefined;
}

/** A stretch of time [from, to). */
export interface CostWindow {
  from: Date;
  to: Date;
}

/** Units of the hourly price in use over a stretch: 1 for a job, the replicas for a deployed model. */
export interface Stretch {
  fromMs: number;
  toMs: number;
  units: number;
}

/** What a resource is: everything of its cost but the hours and the cost. */
export type ResourceInfo = Omit<ResourceCost, 'hours' | 'cost'>;

/** A resource that ran: what it is, when, its hourly price and the units of that price it used over time. */
export interface Run {
  info: ResourceInfo;
  hourlyPrice: number | null;
  startMs: number;
  endMs: number;
  planned: Stretch[];
  /**
   * A deployed model's bounds and minimum replicas as stored, for sums SQL makes over the deployments it can
   * tell apart by them (src/spend/measuredReplicas.ts mirrors its choice exactly).
   */
  stored?: { since: string; undeployedAt: string | null; minReplicas: number };
}

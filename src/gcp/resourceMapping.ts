// Persistent resources and deployment resource pools (persistent_resource.proto, deployment_resource_pool.proto)
// as the client libraries decode them → burnrate's domain shapes. Pure functions.

import type { protos } from '@google-cloud/aiplatform';
import { timestampFrom } from './protoValues.js';
import type {
  DeploymentResourcePool,
  PersistentResource,
  PersistentResourcePool,
  PersistentResourceState,
} from './types.js';
import { type JobScope, machineFrom } from './vertexMapping.js';

type IPersistentResource = protos.google.cloud.aiplatform.v1.IPersistentResource;
type IResourcePool = protos.google.cloud.aiplatform.v1.IResourcePool;
type IDeploymentResourcePool = protos.google.cloud.aiplatform.v1.IDeploymentResourcePool;

const STATES = new Set<PersistentResourceState>([
  'PROVISIONING',
  'RUNNING',
  'STOPPING',
  'ERROR',
  'REBOOTING',
  'UPDATING',
]);

/** int64 fields arrive as strings (or Longs), int32 as numbers; unset is null. */
function whole(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(String(value));
  return Number.isFinite(n) ? n : null;
}

function labelsFrom(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function poolFrom(pool: IResourcePool): PersistentResourcePool {
  const min = whole(pool.autoscalingSpec?.minReplicaCount);
  const max = whole(pool.autoscalingSpec?.maxReplicaCount);
  const autoscaling =
    min !== null || max !== null ? { minReplicas: min ?? 1, maxReplicas: max ?? min ?? 1 } : null;
  return {
    id: pool.id ?? '',
    machine: machineFrom(pool.machineSpec),
    replicaCount: whole(pool.replicaCount) ?? autoscaling?.minReplicas ?? 1,
    usedReplicaCount: whole(pool.usedReplicaCount) ?? 0,
    autoscaling,
  };
}

export function persistentResourceFrom(resource: IPersistentResource, scope: JobScope): PersistentResource {
  const state = String(resource.state ?? '') as PersistentResourceState;
  return {
    name: resource.name ?? '',
    project: scope.project,
    region: scope.region,
    displayName: resource.displayName ?? '',
    state: STATES.has(state) ? state : 'UNSPECIFIED',
    labels: labelsFrom(resource.labels),
    createTime: timestampFrom(resource.createTime),
    startTime: timestampFrom(resource.startTime),
    updateTime: timestampFrom(resource.updateTime),
    pools: (resource.resourcePools ?? []).map(poolFrom),
  };
}

export function deploymentResourcePoolFrom(
  pool: IDeploymentResourcePool,
  scope: JobScope,
): DeploymentResourcePool {
  const resources = pool.dedicatedResources;
  const minReplicas = whole(resources?.minReplicaCount) ?? 1;
  return {
    name: pool.name ?? '',
    project: scope.project,
    region: scope.region,
    machine: machineFrom(resources?.machineSpec),
    minReplicas,
    maxReplicas: Math.max(minReplicas, whole(resources?.maxReplicaCount) ?? minReplicas),
    spot: resources?.spot === true,
    createTime: timestampFrom(pool.createTime),
  };
}

// Vertex AI capacity held outside jobs and endpoints: persistent resources (PersistentResourceService, training
// clusters kept running between jobs) and deployment resource pools (DeploymentResourcePoolService, machines
// shared by several deployed models). List only, in their v1 REST shapes (persistent_resource.proto,
// deployment_resource_pool.proto): int64 counts as strings, int32 as numbers, enums as names.

import { rfc3339 } from './clock.js';
import type { SimResponse } from './http.js';
import { paginate, queryInt } from './pagination.js';
import { type Route, type RouteParams, route } from './router.js';
import type { ScenarioDeploymentResourcePool, ScenarioPersistentResource } from './scenario.js';
import type { SimState } from './state.js';
import { machineSpecJson, parentName, resolveScope, type VertexScope, withLabels } from './vertexCommon.js';

const PARENT = '/v1/projects/{project}/locations/{location}';

export function vertexResourceRoutes(state: SimState): Route[] {
  return [
    route('GET', `${PARENT}/persistentResources`, (request, params) =>
      list(state, params, request.query, 'persistentResources', (scope) =>
        state.scenario.persistentResources
          .filter((resource) => inScope(state, scope, resource))
          .map((resource) => renderPersistentResource(state, scope, resource)),
      ),
    ),
    route('GET', `${PARENT}/deploymentResourcePools`, (request, params) =>
      list(state, params, request.query, 'deploymentResourcePools', (scope) =>
        state.scenario.deploymentResourcePools
          .filter((pool) => inScope(state, scope, pool))
          .map((pool) => renderDeploymentResourcePool(state, scope, pool)),
      ),
    ),
  ];
}

function inScope(
  state: SimState,
  scope: VertexScope,
  entry: { project: string; region: string; createdHoursAgo: number },
): boolean {
  return (
    entry.project === scope.project.id &&
    entry.region === scope.region &&
    createdMs(state, entry) <= state.clock.nowMs()
  );
}

function createdMs(state: SimState, entry: { createdHoursAgo: number }): number {
  return state.clock.hoursBeforeOrigin(entry.createdHoursAgo).getTime();
}

function list(
  state: SimState,
  params: RouteParams,
  query: URLSearchParams,
  collection: 'persistentResources' | 'deploymentResourcePools',
  items: (scope: VertexScope) => Record<string, unknown>[],
): SimResponse {
  const parent = `projects/${params.project}/locations/${params.location}`;
  const scope = resolveScope(state, params, `aiplatform.${collection}.list`, parent);
  const page = paginate(items(scope), {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: `${collection}:${parent}`,
    defaultSize: 100,
    maxSize: 1000,
  });
  const body: Record<string, unknown> = {};
  if (page.items.length > 0) body[collection] = page.items;
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return { body };
}

function renderPersistentResource(
  state: SimState,
  scope: VertexScope,
  resource: ScenarioPersistentResource,
): Record<string, unknown> {
  const created = createdMs(state, resource);
  // Provisioning a cluster takes minutes; the simulator starts it ten minutes after creation.
  const startedMs = created + 10 * 60_000;
  const rendered: Record<string, unknown> = {
    name: `${parentName(scope)}/persistentResources/${resource.id}`,
    displayName: resource.displayName,
    resourcePools: resource.resourcePools.map((pool) => {
      const rendered: Record<string, unknown> = {
        id: pool.id,
        machineSpec: machineSpecJson({
          machineType: pool.machineType,
          acceleratorType: pool.acceleratorType,
          acceleratorCount: pool.acceleratorCount,
          reservation: pool.reservation,
        }),
        replicaCount: String(pool.replicaCount),
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
      };
      if (pool.usedReplicaCount > 0) rendered.usedReplicaCount = String(pool.usedReplicaCount);
      if (pool.autoscaling) {
        rendered.autoscalingSpec = {
          minReplicaCount: String(pool.autoscaling.minReplicas),
          maxReplicaCount: String(pool.autoscaling.maxReplicas),
        };
      }
      return rendered;
    }),
    state: resource.state,
    createTime: rfc3339(created),
  };
  if (resource.state !== 'PROVISIONING') rendered.startTime = rfc3339(startedMs);
  rendered.updateTime = rfc3339(resource.state === 'PROVISIONING' ? created : startedMs);
  return withLabels(rendered, resource.labels);
}

function renderDeploymentResourcePool(
  state: SimState,
  scope: VertexScope,
  pool: ScenarioDeploymentResourcePool,
): Record<string, unknown> {
  const dedicated: Record<string, unknown> = {
    machineSpec: machineSpecJson({
      machineType: pool.machineType,
      acceleratorType: pool.acceleratorType,
      acceleratorCount: pool.acceleratorCount,
      reservation: pool.reservation,
    }),
    minReplicaCount: pool.minReplicas,
    maxReplicaCount: pool.maxReplicas ?? pool.minReplicas,
  };
  if (pool.spot) dedicated.spot = true;
  return {
    name: `${parentName(scope)}/deploymentResourcePools/${pool.id}`,
    dedicatedResources: dedicated,
    createTime: rfc3339(createdMs(state, pool)),
  };
}

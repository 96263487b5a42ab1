// Vertex AI EndpointService: list and get endpoints with their deployed models, undeployModel and
// mutateDeployedModel (both long-running operations). Changes take effect at the current simulated time, so
// an undeployed model stops serving and costing from that moment and a new replica minimum bills from then on.

import { HOUR_MS, rfc3339, startOfUtcHour } from './clock.js';
import { bodyObject, invalidArgument, notFound, type SimResponse } from './http.js';
import { matchesFilter, parseListFilter } from './listFilter.js';
import { startOperation } from './operations.js';
import { paginate, queryInt } from './pagination.js';
import { hashString } from './random.js';
import { type Route, type RouteParams, route } from './router.js';
import type { SimDeployedModel, SimEndpoint, SimState } from './state.js';
import { deployedFraction, predictionsInHour, replicaSettingAt, replicasInHour } from './traffic.js';
import { trafficSplitAfterUndeploy } from './undeployTraffic.js';
import { machineSpecJson, parentName, resolveScope, type VertexScope, withLabels } from './vertexCommon.js';

const ENDPOINT_PATH = '/v1/projects/{project}/locations/{location}/endpoints/{id}';

export function vertexEndpointRoutes(state: SimState): Route[] {
  return [
    route('GET', '/v1/projects/{project}/locations/{location}/endpoints', (request, params) =>
      listEndpoints(state, params, request.query),
    ),
    route('GET', ENDPOINT_PATH, (_request, params) => {
      const { scope, endpoint } = findEndpointOrThrow(state, params, 'get');
      return { body: renderEndpoint(state, scope, endpoint) };
    }),
    route('POST', `${ENDPOINT_PATH}:undeployModel`, (request, params) =>
      undeployModel(state, params, bodyObject(request)),
    ),
    route('POST', `${ENDPOINT_PATH}:mutateDeployedModel`, (request, params) =>
      mutateDeployedModel(state, params, bodyObject(request)),
    ),
  ];
}

function listEndpoints(state: SimState, params: RouteParams, query: URLSearchParams): SimResponse {
  const parent = `projects/${params.project}/locations/${params.location}`;
  const scope = resolveScope(state, params, 'aiplatform.endpoints.list', parent);
  const clauses = parseListFilter(query.get('filter'), [
    'display_name',
    'endpoint',
    'create_time',
    'update_time',
  ]);
  const nowMs = state.clock.nowMs();
  const endpoints = state.endpoints
    .filter((endpoint) => endpoint.project === scope.project.id && endpoint.region === scope.region)
    .filter((endpoint) => endpoint.createMs <= nowMs)
    .filter((endpoint) =>
      matchesFilter(clauses, (field) => {
        if (field.startsWith('labels.')) return endpoint.labels[field.slice(7)];
        if (field === 'display_name') return endpoint.displayName;
        if (field === 'endpoint') return endpoint.id;
        if (field === 'create_time') return rfc3339(endpoint.createMs);
        return rfc3339(lastChangeMs(endpoint));
      }),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  const page = paginate(endpoints, {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: `endpoints:${parent}:${query.get('filter') ?? ''}`,
    defaultSize: 100,
    maxSize: 1000,
  });
  // Proto3 JSON leaves out empty repeated fields: Google answers an empty list with {} (recorded).
  const body: Record<string, unknown> = {};
  if (page.items.length > 0)
    body.endpoints = page.items.map((endpoint) => renderEndpoint(state, scope, endpoint));
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return { body };
}

function findEndpointOrThrow(
  state: SimState,
  params: RouteParams,
  verb: string,
): { scope: VertexScope; endpoint: SimEndpoint } {
  const name = `projects/${params.project}/locations/${params.location}/endpoints/${params.id}`;
  const scope = resolveScope(state, params, `aiplatform.endpoints.${verb}`, name);
  const endpoint = state.findEndpoint(scope.project, scope.region, params.id ?? '');
  if (!endpoint || endpoint.createMs > state.clock.nowMs()) throw notFound(`Endpoint ${name}`);
  return { scope, endpoint };
}

function findLiveModelOrThrow(
  state: SimState,
  endpoint: SimEndpoint,
  deployedModelId: unknown,
): SimDeployedModel {
  if (typeof deployedModelId !== 'string' || deployedModelId === '') {
    throw invalidArgument('deployed_model_id is required.');
  }
  const model = state.liveModels(endpoint).find((candidate) => candidate.id === deployedModelId);
  if (!model) throw notFound(`DeployedModel ${deployedModelId} of endpoint ${endpoint.id}`);
  return model;
}

function undeployModel(state: SimState, params: RouteParams, body: Record<string, unknown>): SimResponse {
  const { scope, endpoint } = findEndpointOrThrow(state, params, 'undeploy');
  const model = findLiveModelOrThrow(state, endpoint, body.deployedModelId);
  const endpointName = `${parentName(scope)}/endpoints/${endpoint.id}`;
  endpoint.trafficSplit = trafficSplitAfterUndeploy({
    endpointName,
    liveIds: state.liveModels(endpoint).map((live) => live.id),
    current: endpoint.trafficSplit,
    removedId: model.id,
    requested: body.trafficSplit,
  });
  model.undeployedMs = state.clock.nowMs();
  state.version++;
  const operation = startOperation(
    state,
    endpointName,
    { metadataType: 'UndeployModelOperationMetadata', responseType: 'UndeployModelResponse' },
    {},
  );
  return { body: operation };
}

function mutateDeployedModel(
  state: SimState,
  params: RouteParams,
  body: Record<string, unknown>,
): SimResponse {
  const { scope, endpoint } = findEndpointOrThrow(state, params, 'update');
  const requested = body.deployedModel as Record<string, unknown> | undefined;
  if (!requested || typeof requested !== 'object') throw invalidArgument('deployed_model is required.');
  const model = findLiveModelOrThrow(state, endpoint, requested.id);
  const resources = (model.dedicated ? requested.dedicatedResources : requested.automaticResources) as
    | Record<string, unknown>
    | undefined;
  const paths = updateMaskPaths(body.updateMask);
  const current = replicaSettingAt(model, state.clock.nowMs());
  const wants = (field: string) => paths.length === 0 || paths.some((path) => path.endsWith(field));
  const min = wants('minReplicaCount') ? replicaCount(resources?.minReplicaCount, current.min) : current.min;
  const max = wants('maxReplicaCount') ? replicaCount(resources?.maxReplicaCount, current.max) : current.max;
  if (min < 1) throw invalidArgument('min_replica_count must be at least 1 for dedicated resources.');
  if (max < min)
    throw invalidArgument(`max_replica_count (${max}) must not be less than min_replica_count (${min}).`);
  model.replicaSettings.push({ fromMs: state.clock.nowMs(), min, max });
  state.version++;
  const operation = startOperation(
    state,
    `${parentName(scope)}/endpoints/${endpoint.id}`,
    { metadataType: 'MutateDeployedModelOperationMetadata', responseType: 'MutateDeployedModelResponse' },
    { deployedModel: renderDeployedModel(state, scope, endpoint, model) },
  );
  return { body: operation };
}

/** FieldMask in proto3 JSON is one comma-separated string of lowerCamelCase paths; accept snake_case too. */
function updateMaskPaths(mask: unknown): string[] {
  const text =
    typeof mask === 'string'
      ? mask
      : Array.isArray((mask as { paths?: unknown })?.paths)
        ? (mask as { paths: string[] }).paths.join(',')
        : '';
  return text
    .split(',')
    .map((path) => path.trim().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()))
    .filter((path) => path !== '');
}

function replicaCount(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count)) throw invalidArgument(`Invalid replica count: ${String(value)}`);
  return count;
}

function renderEndpoint(state: SimState, scope: VertexScope, endpoint: SimEndpoint): Record<string, unknown> {
  const models = state.liveModels(endpoint);
  const resource: Record<string, unknown> = {
    name: `${parentName(scope)}/endpoints/${endpoint.id}`,
    displayName: endpoint.displayName,
  };
  if (models.length > 0)
    resource.deployedModels = models.map((model) => renderDeployedModel(state, scope, endpoint, model));
  // Proto3 JSON leaves an empty map out, as Google does for an endpoint without models.
  if (Object.keys(endpoint.trafficSplit).length > 0) resource.trafficSplit = { ...endpoint.trafficSplit };
  Object.assign(resource, accessFields(scope, endpoint));
  resource.etag = `AMEw9yP${hashString(`${endpoint.id}/${lastChangeMs(endpoint)}`).toString(36)}`;
  withLabels(resource, endpoint.labels);
  resource.createTime = rfc3339(endpoint.createMs);
  resource.updateTime = rfc3339(lastChangeMs(endpoint));
  return resource;
}

function renderDeployedModel(
  state: SimState,
  scope: VertexScope,
  endpoint: SimEndpoint,
  model: SimDeployedModel,
): Record<string, unknown> {
  const setting = replicaSettingAt(model, state.clock.nowMs());
  const rendered: Record<string, unknown> = {};
  if (model.sharedPool) {
    rendered.sharedResources = `${parentName(scope)}/deploymentResourcePools/${model.sharedPool}`;
  } else if (model.dedicated) {
    const dedicated: Record<string, unknown> = {
      machineSpec: machineSpecJson(model.machine),
      minReplicaCount: setting.min,
      maxReplicaCount: setting.max,
    };
    if (model.provisioning === 'spot') dedicated.spot = true;
    rendered.dedicatedResources = dedicated;
  } else {
    rendered.automaticResources = { minReplicaCount: setting.min, maxReplicaCount: setting.max };
  }
  rendered.id = model.id;
  // The model's name is reported with the same project identifier the caller used.
  rendered.model = model.model.replace(/^projects\/[^/]+\//, `projects/${scope.projectSegment}/`);
  // Google reports the model version deployed; the simulator's models have one version each.
  rendered.modelVersionId = '1';
  rendered.displayName = model.displayName;
  rendered.createTime = rfc3339(model.createMs);
  if (endpoint.access === 'private') {
    // Populated when the endpoint has a network: private URIs, reachable only inside the peered VPC.
    const base = `http://${endpoint.id}.aiplatform.googleapis.com/v1/models/${model.id}`;
    rendered.privateEndpoints = {
      predictHttpUri: `${base}:predict`,
      explainHttpUri: `${base}:explain`,
      healthHttpUri: `${base}:health`,
    };
  }
  rendered.status = {
    lastUpdateTime: rfc3339(Math.max(model.createMs, ...model.replicaSettings.map((s) => s.fromMs))),
    availableReplicaCount: availableReplicas(state, model),
  };
  return rendered;
}

/** Replicas serving now: as many as in the last whole hour (what Monitoring reports), or the minimum when new. */
function availableReplicas(state: SimState, model: SimDeployedModel): number {
  const nowMs = state.clock.nowMs();
  const lastHourMs = startOfUtcHour(nowMs) - HOUR_MS;
  if (deployedFraction(model, lastHourMs, nowMs) < 1) return replicaSettingAt(model, nowMs).min;
  const predictions = predictionsInHour(model, lastHourMs, state.clock.origin.getTime(), nowMs);
  return replicasInHour(model, lastHourMs, predictions);
}

/** The fields that say how an endpoint is reached (endpoint.proto); false booleans are left out, as Google does. */
function accessFields(scope: VertexScope, endpoint: SimEndpoint): Record<string, unknown> {
  switch (endpoint.access) {
    case 'public':
      return {};
    case 'dedicated':
      return {
        dedicatedEndpointEnabled: true,
        dedicatedEndpointDns: `${endpoint.id}.${endpoint.region}-${scope.project.number}.prediction.vertexai.goog`,
      };
    case 'private':
      return { network: `projects/${scope.project.number}/global/networks/default` };
    case 'psc':
      return {
        privateServiceConnectConfig: {
          enablePrivateServiceConnect: true,
          projectAllowlist: [scope.project.id],
          serviceAttachment: `projects/${scope.project.number}/regions/${endpoint.region}/serviceAttachments/sa-${endpoint.id}`,
        },
      };
  }
}

function lastChangeMs(endpoint: SimEndpoint): number {
  let latest = endpoint.createMs;
  for (const model of endpoint.deployedModels) {
    latest = Math.max(
      latest,
      model.createMs,
      model.undeployedMs ?? 0,
      ...model.replicaSettings.map((s) => s.fromMs),
    );
  }
  return latest;
}

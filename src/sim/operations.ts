// Long-running operations (google.longrunning.Operation). undeployModel and mutateDeployedModel answer with
// one; clients poll it at GET /v1/{name} or, for the REST fallback transport, GET /ui/{name}. The payloads are
// google.protobuf.Any values whose "@type" tells the client which message to decode.

import { rfc3339 } from './clock.js';
import { notFound } from './http.js';
import { numericIdFor } from './random.js';
import { type Route, route } from './router.js';
import type { SimState, StoredOperation } from './state.js';

const TYPE_PREFIX = 'type.googleapis.com/google.cloud.aiplatform.v1.';

export function startOperation(
  state: SimState,
  resourceName: string,
  kind: { metadataType: string; responseType: string },
  response: Record<string, unknown>,
): Record<string, unknown> {
  const nowMs = state.clock.nowMs();
  const id = numericIdFor(`${resourceName}/operations/${state.operations.size}/${nowMs}`);
  const name = `${resourceName}/operations/${id}`;
  const operation: StoredOperation = {
    name,
    createMs: nowMs,
    pollsUntilDone: 1,
    metadata: {
      '@type': `${TYPE_PREFIX}${kind.metadataType}`,
      genericMetadata: { createTime: rfc3339(nowMs), updateTime: rfc3339(nowMs) },
    },
    response: { '@type': `${TYPE_PREFIX}${kind.responseType}`, ...response },
  };
  state.operations.set(name, operation);
  return renderOperation(operation);
}

function renderOperation(operation: StoredOperation): Record<string, unknown> {
  const done = operation.pollsUntilDone <= 0;
  const rendered: Record<string, unknown> = { name: operation.name, metadata: operation.metadata };
  if (done) {
    rendered.done = true;
    rendered.response = operation.response;
  }
  return rendered;
}

export function operationRoutes(state: SimState): Route[] {
  const poll = (name: string) => {
    const operation = state.operations.get(name);
    if (!operation) throw notFound(`Operation ${name}`);
    operation.pollsUntilDone--;
    return { body: renderOperation(operation) };
  };
  return [
    route(
      'GET',
      /^\/v1\/(?<name>projects\/[^/]+\/locations\/[^/]+\/.+\/operations\/[^/]+)$/,
      (_request, params) => poll(params.name ?? ''),
    ),
    route(
      'GET',
      /^\/ui\/(?<name>projects\/[^/]+\/locations\/[^/]+\/.+\/operations\/[^/]+)$/,
      (_request, params) => poll(params.name ?? ''),
    ),
  ];
}

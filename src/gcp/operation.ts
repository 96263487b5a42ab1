// Long-running Vertex AI operations (undeploy, mutate): started once, then polled by gax until done or until the
// caller's time runs out.

import type { Caller } from './call.js';
import { GcpError, toGcpError } from './errors.js';
import type { OperationOutcome } from './types.js';

/** A started long-running operation, as gax hands it back. */
export interface LroHandle {
  name?: string | null;
  promise(): Promise<unknown>;
  removeAllListeners(event: string): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

// Operation polling: start quick (undeploys of small models finish in seconds), back off to a calm pace.
const LRO_FIRST_POLL_MS = 500;
const LRO_POLL_MULTIPLIER = 1.5;
const LRO_MAX_POLL_MS = 10_000;

export function operationOptions(caller: Caller, timeoutMs: number) {
  return {
    ...caller.requestOptions,
    longrunning: {
      initialRetryDelayMillis: LRO_FIRST_POLL_MS,
      retryDelayMultiplier: LRO_POLL_MULTIPLIER,
      maxRetryDelayMillis: LRO_MAX_POLL_MS,
      initialRpcTimeoutMillis: null,
      rpcTimeoutMultiplier: null,
      maxRpcTimeoutMillis: null,
      totalTimeoutMillis: timeoutMs,
    },
  };
}

/** Starts an operation (never retried) and waits for it, at most `timeoutMs`. */
export async function runOperation(
  caller: Caller,
  method: string,
  resource: string,
  timeoutMs: number,
  start: () => Promise<LroHandle>,
): Promise<OperationOutcome> {
  let operation: LroHandle;
  try {
    operation = await caller.once(method, resource, start);
  } catch (err) {
    if (err instanceof GcpError && err.kind === 'not-found') {
      return { done: true, error: null, status: 'not-found', operationName: null };
    }
    throw err;
  }
  const operationName = operation.name ?? null;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  // Settles either way, so a failure that arrives after the caller gave up is not an unhandled rejection.
  const settled = operation.promise().then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  try {
    const result = await Promise.race([settled, timedOut]);
    if (result === 'timeout') return { done: false, error: null, status: 'timeout', operationName };
    if (!result.failed) return { done: true, error: null, status: 'succeeded', operationName };
    const failure = toGcpError(result.error, method, resource);
    // gax gives up polling with DEADLINE_EXCEEDED when its own copy of the deadline passes first.
    if (failure.grpcStatus === 'DEADLINE_EXCEEDED' && !failure.httpStatus) {
      return { done: false, error: null, status: 'timeout', operationName };
    }
    if (failure.kind === 'not-found') return { done: true, error: null, status: 'not-found', operationName };
    return { done: true, error: failure.detail, status: 'failed', operationName };
  } finally {
    clearTimeout(timer);
    // Without 'complete' listeners gax stops polling; a poll still in flight may end in 'error', which must
    // have a listener or the process would crash.
    operation.removeAllListeners('complete');
    operation.on('error', () => {});
  }
}

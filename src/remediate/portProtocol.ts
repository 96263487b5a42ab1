// The remediation port over an IPC channel: serve asks a child process that holds Google's client libraries to
// make remediation's Google calls (src/remediate/childPort.ts), and the child answers (portServer.ts). Messages
// go with Node's structured-clone serialization, so dates and nested objects arrive as they were sent.
import { GcpError, type GcpErrorDetails } from '../gcp/errors.js';
import type { RemediationPort } from './port.js';

/** Every call the port forwards, as "<api>.<method>". */
export const PORT_CALLS = [
  'vertex.getEndpoint',
  'vertex.getJob',
  'vertex.cancelJob',
  'vertex.undeployModel',
  'vertex.setMinReplicas',
  'monitoring.hourlyTraffic',
  'monitoring.hourlyPrivateResponses',
] as const;
export type PortCall = (typeof PORT_CALLS)[number];

/** A failure as it crosses the channel: Google's (a GcpError's details) or any other (its message). */
export interface WireError {
  message: string;
  gcp: Omit<GcpErrorDetails, 'cause'> | null;
}

export function isPortCall(value: unknown): value is PortCall {
  return typeof value === 'string' && (PORT_CALLS as readonly string[]).includes(value);
}

/** The port's method for a call, bound to its API object. */
export function portMethod(port: RemediationPort, call: PortCall): (...args: unknown[]) => Promise<unknown> {
  const [api, method] = call.split('.') as ['vertex' | 'monitoring', string];
  const target = port[api] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const fn = target[method];
  if (typeof fn !== 'function') throw new Error(`the remediation port has no ${call}`);
  return fn.bind(target);
}

export function errorToWire(err: unknown): WireError {
  if (err instanceof GcpError) {
    const { kind, method, resource, httpStatus, grpcCode, permission, detail, retryDelayMs } = err;
    return {
      message: err.message,
      gcp: { kind, method, resource, httpStatus, grpcCode, permission, detail, retryDelayMs },
    };
  }
  return { message: err instanceof Error ? err.message : String(err), gcp: null };
}

/** The failure as the caller would have seen it in-process: a GcpError for Google's, an Error otherwise. */
export function errorFromWire(error: WireError): Error {
  return error.gcp ? new GcpError(error.gcp) : new Error(error.message);
}

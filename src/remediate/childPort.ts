// Remediation's Google calls made by a helper process (`burnrate remediation-port`), so the resident bot never
// loads Google's client libraries: the helper starts at the first call, serves every call after it, and ends once
// no call has come for a while. A call the helper could not finish (it crashed or was stopped) fails as a
// retryable Google error, as a dropped connection would.
import { ipcChild } from '../app/ipcChild.js';
import type { Logger } from '../app/logger.js';
import { GcpError } from '../gcp/errors.js';
import type { RemediationPort } from './port.js';
import { errorFromWire, type PortCall, type WireError } from './portProtocol.js';

// How long the helper stays after its last call: the clicks of one alert come within seconds, and an idle helper
// gives its memory (Google's client libraries) back.
export const PORT_IDLE_MS = 60_000;

export interface ChildPortOptions {
  /** burnrate's global options for the helper (config, database, clock): see CliContext.childArgs. */
  globalArgs: readonly string[];
  log: Logger;
  idleMs?: number;
}

export interface ChildRemediationPort extends RemediationPort {
  /** Whether the helper is running now. */
  running(): boolean;
  /** Ends the helper (calls still waiting fail). */
  close(): Promise<void>;
}

export function childRemediationPort(opts: ChildPortOptions): ChildRemediationPort {
  const helper = ipcChild({
    name: 'remediation-port',
    args: [...opts.globalArgs, 'remediation-port'],
    idleMs: opts.idleMs ?? PORT_IDLE_MS,
    log: opts.log,
    errorOf: (error) => errorFromWire(error as WireError),
    endedBeforeAnswer: (call, why) =>
      new GcpError({
        kind: 'retryable',
        method: call,
        resource: 'remediation port',
        httpStatus: null,
        grpcCode: null,
        permission: null,
        detail: `the process making Google calls ended (${why}) before answering`,
      }),
  });
  const call =
    (name: PortCall) =>
    (...args: unknown[]): Promise<never> =>
      helper.call(name, args) as Promise<never>;
  return {
    vertex: {
      getEndpoint: call('vertex.getEndpoint'),
      getJob: call('vertex.getJob'),
      cancelJob: call('vertex.cancelJob'),
      undeployModel: call('vertex.undeployModel'),
      setMinReplicas: call('vertex.setMinReplicas'),
    },
    monitoring: {
      hourlyTraffic: call('monitoring.hourlyTraffic'),
      hourlyPrivateResponses: call('monitoring.hourlyPrivateResponses'),
    },
    running: helper.running,
    close: helper.close,
  };
}

// Remediation's Google calls made by a child process (`burnrate remediation-port`), so the resident bot never
// loads Google's client libraries: the child starts at the first call, serves every call after it, and ends once
// no call has come for a while. A call the child could not finish (it crashed or was stopped) fails as a
// retryable Google error, as a dropped connection would.
import { type ChildProcess, fork } from 'node:child_process';
import { mainEntry, nodeArgsFor, relayLines } from '../app/childProcess.js';
import type { Logger } from '../app/logger.js';
import { GcpError } from '../gcp/errors.js';
import type { RemediationPort } from './port.js';
import { errorFromWire, type PortCall, type PortReply } from './portProtocol.js';

// How long the child stays after its last call: the clicks of one alert come within seconds, and an idle child
// gives its memory (Google's client libraries) back.
export const PORT_IDLE_MS = 60_000;
// How long close() waits for the child to end after disconnecting from it.
const CLOSE_WAIT_MS = 5_000;

export interface ChildPortOptions {
  /** burnrate's global options for the child (config, database, clock): see CliContext.childArgs. */
  globalArgs: readonly string[];
  log: Logger;
  idleMs?: number;
}

export interface ChildRemediationPort extends RemediationPort {
  /** Whether the child is running now. */
  running(): boolean;
  /** Ends the child (calls still waiting fail). */
  close(): Promise<void>;
}

export function childRemediationPort(opts: ChildPortOptions): ChildRemediationPort {
  const idleMs = opts.idleMs ?? PORT_IDLE_MS;
  const pending = new Map<
    number,
    { resolve(value: unknown): void; reject(err: Error): void; call: PortCall }
  >();
  let child: ChildProcess | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | undefined;

  const start = (): ChildProcess => {
    const entry = mainEntry();
    const started = fork(entry, [...opts.globalArgs, 'remediation-port'], {
      execArgv: nodeArgsFor(entry),
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = opts.log.child({ job: 'remediation-port', childPid: started.pid });
    relayLines(started, log);
    log.info('started the process for remediation calls to Google');
    started.on('message', (message: PortReply) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(errorFromWire(message.error));
      if (pending.size === 0) idleLater();
    });
    started.once('exit', (code, signal) => {
      if (child === started) child = null;
      clearTimeout(idleTimer);
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(
          new GcpError({
            kind: 'retryable',
            method: waiting.call,
            resource: 'remediation port',
            httpStatus: null,
            grpcCode: null,
            permission: null,
            detail: `the process making Google calls ended (${signal ?? `exit code ${code}`}) before answering`,
          }),
        );
      }
      log.info({ code, signal }, 'the process for remediation calls ended');
    });
    return started;
  };

  const idleLater = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0 && child?.connected) child.disconnect();
    }, idleMs);
    idleTimer.unref();
  };

  const call =
    (name: PortCall) =>
    (...args: unknown[]): Promise<never> =>
      new Promise((resolve, reject) => {
        clearTimeout(idleTimer);
        child ??= start();
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, call: name });
        child.send({ id, call: name, args }, (err) => {
          if (!err) return;
          pending.delete(id);
          reject(err);
        });
      });

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
    running: () => child !== null,
    async close() {
      clearTimeout(idleTimer);
      const running = child;
      if (!running) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          running.kill('SIGKILL');
          resolve();
        }, CLOSE_WAIT_MS);
        running.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        if (running.connected) running.disconnect();
        else running.kill('SIGTERM');
      });
    },
  };
}

// A burnrate command run as a helper process that answers calls over an IPC channel: started at the first call,
// serving every call after it, and ended once no call has come for a while, so what it loads (Google's client
// libraries, the chart renderer) is memory the resident bot holds only while the helper is needed. The other side
// is `serveCalls`. Messages go with Node's structured-clone serialization: dates, buffers and nested objects
// arrive as they were sent.
import { type ChildProcess, fork } from 'node:child_process';
import { mainEntry, nodeArgsFor, relayLines } from './childProcess.js';
import type { Logger } from './logger.js';

// How long close() waits for the helper to end after disconnecting from it.
const CLOSE_WAIT_MS = 5_000;

export interface IpcCall {
  id: number;
  call: string;
  args: unknown[];
}

/** A failure as it crosses the channel: its message, and whatever the two sides agree to add. */
export type IpcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: unknown };

export interface IpcChildOptions {
  /** Names the helper in the log. */
  name: string;
  /** burnrate's arguments: global options, then the hidden command that serves the calls. */
  args: readonly string[];
  /** How long the helper stays after its last call. */
  idleMs: number;
  /**
   * A fresh helper after this many calls (the next call starts it): for work whose memory grows with every call
   * served, such as drawing charts. Default: never.
   */
  recycleAfterCalls?: number;
  log: Logger;
  /** The error a call fails with when the helper answered with one (what `serveCalls` sent). */
  errorOf(error: unknown, call: string): Error;
  /** The error a call fails with when the helper ended before answering it. */
  endedBeforeAnswer(call: string, why: string): Error;
}

export interface IpcChild {
  call(name: string, args: unknown[]): Promise<unknown>;
  /** Whether the helper is running now. */
  running(): boolean;
  /** Ends the helper (calls still waiting fail). */
  close(): Promise<void>;
}

export function ipcChild(opts: IpcChildOptions): IpcChild {
  const pending = new Map<
    number,
    // `to`: the helper the call went to (a recycled one may still be answering while a new one starts).
    { resolve(value: unknown): void; reject(err: Error): void; call: string; to: ChildProcess }
  >();
  let child: ChildProcess | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | undefined;

  const idleLater = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0 && child?.connected) child.disconnect();
    }, opts.idleMs);
    idleTimer.unref();
  };

  const start = (): ChildProcess => {
    const entry = mainEntry();
    const started = fork(entry, [...opts.args], {
      execArgv: nodeArgsFor(entry),
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = opts.log.child({ job: opts.name, childPid: started.pid });
    relayLines(started, log);
    log.info('started a helper process');
    let served = 0;
    started.on('message', (message: IpcReply) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(opts.errorOf(message.error, waiting.call));
      served++;
      // Spent: new calls go to a fresh helper, and this one ends once it has answered what it was sent.
      if (opts.recycleAfterCalls !== undefined && served >= opts.recycleAfterCalls && child === started)
        child = null;
      if ([...pending.values()].some((p) => p.to === started)) return;
      if (child === started) idleLater();
      else if (started.connected) started.disconnect();
    });
    started.once('exit', (code, signal) => {
      if (child === started) {
        child = null;
        clearTimeout(idleTimer);
      }
      for (const [id, waiting] of pending) {
        if (waiting.to !== started) continue;
        pending.delete(id);
        waiting.reject(opts.endedBeforeAnswer(waiting.call, signal ?? `exit code ${code}`));
      }
      log.info({ code, signal }, 'the helper process ended');
    });
    return started;
  };

  return {
    call: (name, args) =>
      new Promise((resolve, reject) => {
        clearTimeout(idleTimer);
        child ??= start();
        const id = nextId++;
        const to = child;
        pending.set(id, { resolve, reject, call: name, to });
        const request: IpcCall = { id, call: name, args };
        to.send(request, (err) => {
          if (!err || !pending.has(id)) return;
          pending.delete(id);
          reject(err);
        });
      }),
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

/** The IPC side of a child process (`process` in one started with an IPC channel). */
export interface IpcChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  send?(message: IpcReply): unknown;
  readonly connected?: boolean;
  channel?: { ref(): void } | null;
}

/**
 * The helper's side: answers each call on `channel` with `handle` (a call it does not know, or one that fails,
 * is answered with `errorToWire` of the failure), until the parent disconnects.
 */
export function serveCalls(
  channel: IpcChannel,
  handle: (call: string, args: unknown[]) => Promise<unknown>,
  errorToWire: (err: unknown) => unknown,
): Promise<void> {
  // The channel keeps this process alive: it is the whole of its work.
  channel.channel?.ref();
  const reply = (message: IpcReply) => {
    if (channel.connected) channel.send?.(message);
  };
  channel.on('message', (message) => {
    const request = message as Partial<IpcCall>;
    if (typeof request?.id !== 'number') return;
    const id = request.id;
    const args = Array.isArray(request.args) ? request.args : [];
    Promise.resolve()
      .then(() => handle(String(request.call), args))
      .then(
        (value) => reply({ id, ok: true, value }),
        (err: unknown) => reply({ id, ok: false, error: errorToWire(err) }),
      );
  });
  return new Promise((resolve) => channel.once('disconnect', resolve));
}

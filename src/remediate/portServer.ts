// The child's side of the remediation port: answers each request on the IPC channel with the port's own call,
// until the parent disconnects.
import type { RemediationPort } from './port.js';
import { errorToWire, isPortCall, type PortReply, type PortRequest, portMethod } from './portProtocol.js';

/** The IPC side of a child process (`process` in one started with an IPC channel). */
export interface PortChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  send?(message: PortReply): unknown;
  readonly connected?: boolean;
  channel?: { ref(): void } | null;
}

/** Serves `port` on `channel`; resolves when the parent disconnects. */
export function servePort(port: RemediationPort, channel: PortChannel): Promise<void> {
  // The channel keeps this process alive: it is the whole of its work.
  channel.channel?.ref();
  const reply = (message: PortReply) => {
    if (channel.connected) channel.send?.(message);
  };
  channel.on('message', (message) => {
    const request = message as Partial<PortRequest>;
    if (typeof request?.id !== 'number') return;
    const id = request.id;
    if (!isPortCall(request.call) || !Array.isArray(request.args)) {
      reply({
        id,
        ok: false,
        error: { message: `not a remediation port call: ${String(request.call)}`, gcp: null },
      });
      return;
    }
    const call = portMethod(port, request.call);
    call(...request.args).then(
      (value) => reply({ id, ok: true, value }),
      (err: unknown) => reply({ id, ok: false, error: errorToWire(err) }),
    );
  });
  return new Promise((resolve) => channel.once('disconnect', resolve));
}

// The helper's side of the remediation port: answers each call on the IPC channel with the port's own call,
// until the parent disconnects.
import { type IpcChannel, serveCalls } from '../app/ipcChild.js';
import type { RemediationPort } from './port.js';
import { errorToWire, isPortCall, portMethod } from './portProtocol.js';

/** Serves `port` on `channel`; resolves when the parent disconnects. */
export function servePort(port: RemediationPort, channel: IpcChannel): Promise<void> {
  return serveCalls(
    channel,
    (call, args) => {
      if (!isPortCall(call)) throw new Error(`not a remediation port call: ${call}`);
      return portMethod(port, call)(...args);
    },
    errorToWire,
  );
}

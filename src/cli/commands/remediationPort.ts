import { servePort } from '../../remediate/portServer.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

// How long the Google clients get to close once serve has disconnected.
const CLOSE_WAIT_MS = 1_000;

/**
 * Internal: the child process serve starts for remediation's Google calls (src/remediate/childPort.ts). It makes
 * the calls it is sent over its IPC channel and ends when serve disconnects.
 */
export const remediationPortCommand: CommandSpec = {
  name: 'remediation-port',
  summary: "(internal) make remediation's Google calls for serve, over an IPC channel",
  hidden: true,
  configure() {},
  async run(ctx) {
    if (!process.send) {
      throw new UsageError('remediation-port is started by serve over an IPC channel; it is not run by hand');
    }
    // Google's client libraries load in this process only, and only Vertex AI's and Monitoring's.
    const { createRemediationGcp } = await import('../../gcp/remediationGcp.js');
    const gcp = createRemediationGcp({ env: ctx.env, config: ctx.config, log: ctx.log });
    await servePort(gcp, process);
    // Serve has gone (or let this process go): a call still waiting on Google has nobody to answer, so the
    // clients get a moment to close and the process ends without waiting for it.
    await Promise.race([gcp.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    process.exit(0);
  },
};

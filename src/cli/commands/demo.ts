import type { CommandSpec } from '../spec.js';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'simulator + demo scenario + temporary database: sync, audit, digest and alerts, then a prompt',
  configure(cmd) {
    cmd.option('--no-interactive', 'print the digest and alerts, then exit without a prompt');
  },
  // Loaded when the demo runs: it brings the simulator and Google's client libraries, which serve must not hold.
  run: async (ctx, opts) => (await import('./demoRun.js')).runDemo(ctx, opts),
};

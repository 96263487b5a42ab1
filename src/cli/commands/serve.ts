import { type CommandSpec, notYetAvailable } from '../spec.js';

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Slack bot + scheduler (sync, audit, digest on their crons) + /healthz',
  configure() {},
  run: notYetAvailable('serve', 'the Slack app and scheduler'),
};

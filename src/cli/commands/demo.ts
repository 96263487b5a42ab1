import { type CommandSpec, notYetAvailable } from '../spec.js';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'simulator + demo scenario + temporary database',
  configure() {},
  run: notYetAvailable('demo', ' sync, audit, digest, interactive prompt:the demo'),
};

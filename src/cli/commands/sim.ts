import { type CommandSpec, notYetAvailable } from '../spec.js';

export const simCommand: CommandSpec = {
  name: 'sim',
  summary: 'run the Google Cloud simulator',
  configure() {},
  run: notYetAvailable('sim', 'the simulator'),
};

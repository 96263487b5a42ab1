import { type CommandSpec, notYetAvailable } from '../spec.js';

export const digestCommand: CommandSpec = {
  name: 'digest',
  summary: 'the weekly digest',
  configure() {},
  run: notYetAvailable('digest', 'the weekly digest'),
};

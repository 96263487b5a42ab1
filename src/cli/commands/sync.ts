import { type CommandSpec, notYetAvailable } from '../spec.js';

export const syncCommand: CommandSpec = {
  name: 'sync',
  summary: 'one collection pass over every configured project × region',
  configure() {},
  run: notYetAvailable('sync', 'the Google Cloud data pipeline'),
};

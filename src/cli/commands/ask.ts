import { type CommandSpec, notYetAvailable } from '../spec.js';

export const askCommand: CommandSpec = {
  name: 'ask',
  summary: 'answer a question with the same engine as Slack',
  configure() {},
  run: notYetAvailable('ask', 'the question engine'),
};

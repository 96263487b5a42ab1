import { type CommandSpec, notYetAvailable } from '../spec.js';

export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'evaluate the audit rules, print findings, --post sends new alerts',
  configure() {},
  run: notYetAvailable('audit', 'the auditor'),
};

// The rule registry: each entry names the resources it filters and the action it suggests. runAudit walks
// this list; adding a rule is adding a file and a line here.

import { defaultTimeoutRule } from './defaultTimeout.js';
import { idleEndpointRule } from './idleEndpoint.js';
import { overProvisionedRule } from './overProvisioned.js';
import type { AuditRule } from './rule.js';
import { runawayTrainingRule } from './runawayTraining.js';
import { underusedAcceleratorRule } from './underusedAccelerator.js';

export const AUDIT_RULES: readonly AuditRule[] = [
  idleEndpointRule,
  overProvisionedRule,
  underusedAcceleratorRule,
  runawayTrainingRule,
  defaultTimeoutRule,
];

export function findRule(id: string): AuditRule | undefined {
  return AUDIT_RULES.find((rule) => rule.id === id);
}

export type { AuditRule, RuleContext, RulesConfig } from './rule.js';

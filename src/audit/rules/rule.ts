import type { Config } from '../../config/schema.js';
import type { AuditFacts } from '../facts.js';
import type { Verdict } from '../model.js';

export type RulesConfig = Config['rules'];

export interface RuleContext {
  now: Date;
  rules: RulesConfig;
}

/**
 * One audit rule, registered in ./index.ts: which resources it looks at, the wasteful condition it detects
 * (its filter), and the remediation it suggests (its action).
 */
export interface AuditRule {
  id: string;
  resourceType: 'deployed-model' | 'job';
  /** One sentence for docs and `burnrate audit --help`-style listings. */
  description: string;
  enabled(rules: RulesConfig): boolean;
  evaluate(facts: AuditFacts, ctx: RuleContext): Verdict[];
}

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { findingsDueForAlert } from './alertDue.js';
import { type ReleasedClaim, releaseStaleClaims } from './claims.js';
import { loadAuditFacts } from './facts.js';
import { type ApplyResult, applyVerdicts, type Finding, listFindings } from './findings.js';
import type { Verdict } from './model.js';
import { AUDIT_RULES } from './rules/index.js';

export interface AuditDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
}

export interface AuditResult {
  at: string;
  /** Every finding whose condition holds (including snoozed and allowed ones). */
  findings: Finding[];
  /** New findings, ones whose severity rose, and ones whose snooze ended: what should be posted now. */
  due: Finding[];
  /** Resources a rule could not judge, and why (e.g. Monitoring failed). */
  unknown: Array<{ rule: string; resource: string; why: string }>;
  changes: ApplyResult;
  /** Rules that threw; their findings were left untouched. */
  ruleErrors: Array<{ rule: string; error: string }>;
  /** Remediation claims nobody settled within their stale time, released before the verdicts were applied. */
  releasedClaims: ReleasedClaim[];
}

const HOUR_MS = 3_600_000;

/** Evaluates every enabled rule over the stored data and moves the findings lifecycle along. */
export function runAudit({ store, config, clock, log }: AuditDeps): AuditResult {
  const now = clock.now();
  const rules = config.rules;
  // Traffic as far back as the longest rule window needs, or as sync keeps (for "last prediction seen").
  const lookbackHours = Math.max(
    rules.idleEndpoint.windowHours,
    rules.overProvisioned.windowDays * 24,
    rules.underusedAccelerator.windowDays * 24,
    config.google.monitoring.lookbackHours,
  );
  const facts = loadAuditFacts(
    store,
    new Date(now.getTime() - lookbackHours * HOUR_MS),
    now,
    config.currency,
  );
  const verdicts: Verdict[] = [];
  const evaluated: string[] = [];
  const ruleErrors: AuditResult['ruleErrors'] = [];
  for (const rule of AUDIT_RULES) {
    if (!rule.enabled(rules)) continue;
    try {
      verdicts.push(...rule.evaluate(facts, { now, rules }));
      evaluated.push(rule.id);
    } catch (err) {
      // One broken rule must not stop the others, nor resolve its open findings.
      ruleErrors.push({ rule: rule.id, error: (err as Error).message });
      log.error({ rule: rule.id, err }, 'audit rule failed');
    }
  }
  // A claim nobody settled would keep its finding from being resolved or alerted for good.
  const releasedClaims = releaseStaleClaims(store, now, config.remediation);
  for (const claim of releasedClaims) log.warn(claim, 'released a stale remediation claim');
  const changes = applyVerdicts(store, verdicts, evaluated, now);
  const unknown = verdicts.flatMap((v) =>
    v.kind === 'unknown' ? [{ rule: v.rule, resource: v.resource, why: v.why }] : [],
  );
  for (const u of unknown) log.debug(u, 'audit verdict unknown');
  const findings = listFindings(store, {
    statuses: ['open', 'alerted', 'acknowledged', 'snoozed', 'allowed'],
  });
  const due = findingsDueForAlert(store, now);
  log.info(
    {
      findings: findings.length,
      due: due.length,
      opened: changes.opened.length,
      resolved: changes.resolved.length,
      unknown: unknown.length,
    },
    'audit finished',
  );
  return { at: now.toISOString(), findings, due, unknown, changes, ruleErrors, releasedClaims };
}

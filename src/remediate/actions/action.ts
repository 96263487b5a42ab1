// One remediation action as data plus two small functions, in the spirit of Cloud Custodian's actions: what it
// acts on, how it shows in Slack, which Google calls (and so which IAM permissions) it needs, how it re-checks
// the live resource, and the call itself. remediateFinding runs any of them the same way.

import type { Finding } from '../../audit/findings.js';
import type { SuggestedAction } from '../../audit/model.js';
import type { TrafficSplit } from '../../gcp/trafficSplit.js';
import type { RemediationPort } from '../port.js';

/** What an undeploy sends, as the re-check decided it from the live endpoint. */
export interface UndeployPlan {
  /** The endpoint's split without the model (empty when it is the last one). */
  trafficSplit: TrafficSplit;
  /** The model's share now, whole percent. */
  share: number;
  /** Where that share goes, in the past tense ("its 10 % went to ranker-v14"); null when nowhere. */
  effect: string | null;
}

export type RecheckPassed = { ok: true; detail: string; undeploy?: UndeployPlan };
export type RecheckResult = RecheckPassed | { ok: false; reason: string };

export interface PerformOutcome {
  result: 'ok' | 'failed' | 'timeout' | 'refused';
  summary: string;
}

export interface ActionContext {
  port: RemediationPort;
  now: Date;
  /** How long to wait for a long-running operation before answering "still running". */
  timeoutMs: number;
}

export interface RemediationAction {
  id: SuggestedAction;
  /** The kind of finding target it acts on. */
  target: 'deployed-model' | 'job';
  /** The Slack button's action_id on alerts. */
  buttonId: string;
  /** The button's label. */
  label(finding: Finding): string;
  /** What happened, as the alert says once it is done: "Undeployed". */
  pastTense: string;
  /** The action on this finding in words: "undeploy churn-gpu". */
  describe(finding: Finding): string;
  /** Google calls it makes (as src/gcp names them): the re-check's reads and the change itself. */
  googleCalls: readonly string[];
  /** Whether acting is still safe and useful, judged from live Google data. */
  recheck(finding: Finding, ctx: ActionContext): Promise<RecheckResult>;
  /**
   * The change itself; called once, after a successful re-check (whose answer it gets), by the holder of the
   * claim.
   */
  perform(finding: Finding, ctx: ActionContext, checked: RecheckPassed): Promise<PerformOutcome>;
}

// One click on Undeploy / Scale / Cancel, from authorization to the Google call. Every attempt ends in a
// remediation_log row, and at most one attempt per finding reaches Google (the claim in SQLite).

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { claimFinding, type Finding, getFinding, markRemediated, releaseClaim } from '../audit/findings.js';
import type { SuggestedAction } from '../audit/model.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { remediationAction } from './actions/index.js';
import { type AttemptResult, recordAttempt } from './attemptLog.js';
import type { Authorizer } from './authorize.js';
import type { RemediationPort } from './port.js';

// A claim older than the operation timeout plus this margin belongs to a process that died mid-call.
const STALE_CLAIM_MARGIN_MS = 60_000;

/** What a remediation needs: the store and settings, who may act, and Google (the port's calls). */
export interface RemediationDeps extends RemediationPort {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  authorizer: Authorizer;
}

export interface RemediationRequest {
  findingId: number;
  action: SuggestedAction;
  userId: string;
}

export interface RemediationOutcome {
  result: AttemptResult;
  /** What to tell the person who clicked. */
  message: string;
  finding: Finding | null;
  /** Who acted (or holds the claim) when the outcome is about someone else's action. */
  actedBy: string | null;
  at: string;
}

export async function remediateFinding(
  deps: RemediationDeps,
  request: RemediationRequest,
): Promise<RemediationOutcome> {
  const { store, config, clock, log } = deps;
  const mode = config.remediation.mode;
  const { findingId, action, userId } = request;
  const finding = getFinding(store, findingId);
  const at = () => clock.now();
  const finish = (
    result: AttemptResult,
    message: string,
    detail: string | null,
    actedBy: string | null = null,
  ) => {
    const now = at();
    recordAttempt(store, {
      findingId,
      at: now,
      userId,
      action,
      resource: finding?.resource ?? `finding ${findingId}`,
      mode,
      result,
      detail,
    });
    log.info({ findingId, action, userId, mode, result, detail }, 'remediation attempt');
    return { result, message, finding: getFinding(store, findingId), actedBy, at: now.toISOString() };
  };

  if (!finding)
    return finish('refused', `That finding (${findingId}) no longer exists.`, 'finding not found');
  const spec = remediationAction(action);
  const what = spec.describe(finding);
  if (finding.suggestedAction !== action) {
    return finish(
      'refused',
      `This finding does not suggest that action.`,
      `suggested ${finding.suggestedAction ?? 'none'}`,
    );
  }
  if (mode === 'notify-only') {
    return finish(
      'disabled',
      'Remediation from Slack is turned off (remediation.mode is notify-only).',
      null,
    );
  }
  const auth = await deps.authorizer.authorize(userId, action);
  if (!auth.allowed) {
    return finish(
      'unauthorized',
      `You are not allowed to ${what}. Ask someone listed under remediation.allow.${action}.`,
      auth.detail,
    );
  }
  if (finding.status === 'remediated') {
    return finish(
      'already-done',
      `Already done by <@${finding.actedBy}> at ${finding.actedAt}.`,
      null,
      finding.actedBy,
    );
  }

  const now = at();
  const staleBefore = new Date(
    now.getTime() - config.remediation.operationTimeoutSeconds * 1000 - STALE_CLAIM_MARGIN_MS,
  );
  const claim = claimFinding(store, findingId, userId, now, staleBefore);
  if (!claim.claimed) {
    const current = claim.finding;
    const by = current?.status === 'remediated' ? current.actedBy : (current?.claimedBy ?? null);
    const message =
      current?.status === 'remediated'
        ? `Already done by <@${by}> at ${current.actedAt}.`
        : current?.claimedBy
          ? `<@${current.claimedBy}> is already acting on this finding.`
          : `This finding is ${current?.status ?? 'gone'}; there is nothing to act on.`;
    return finish('already-claimed', message, by ? `held by ${by}` : (current?.status ?? null), by);
  }

  try {
    const timeoutMs = config.remediation.operationTimeoutSeconds * 1000;
    const ctx = { port: deps, now, timeoutMs };
    const check = await spec.recheck(finding, ctx);
    if (!check.ok) {
      releaseClaim(store, findingId, userId);
      return finish('refused', `Did not ${what}: ${check.reason}.`, check.reason);
    }
    if (mode === 'dry-run') {
      releaseClaim(store, findingId, userId);
      return finish('dry-run', `Dry run: would ${what}. Nothing was changed.`, check.detail);
    }
    const outcome = await spec.perform(finding, ctx, check);
    if (outcome.result === 'ok') {
      markRemediated(store, findingId, userId, at());
      return finish('ok', `Done: ${outcome.summary}.`, outcome.summary, userId);
    }
    if (outcome.result === 'timeout') {
      // The operation may still finish: keep the claim so nobody fires it again until it goes stale.
      return finish(
        'timeout',
        `Started, but Google had not finished after ${config.remediation.operationTimeoutSeconds} s: ${outcome.summary}.`,
        outcome.summary,
      );
    }
    releaseClaim(store, findingId, userId);
    return finish(outcome.result, `Could not ${what}: ${outcome.summary}.`, outcome.summary);
  } catch (err) {
    releaseClaim(store, findingId, userId);
    const message = (err as Error).message;
    return finish('failed', `Could not ${what}: ${message}`, message);
  }
}

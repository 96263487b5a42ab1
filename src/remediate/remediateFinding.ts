// One click on Undeploy / Scale / Cancel, from authorization to the Google call. Every attempt ends in a
// remediation_log row (or, when the database cannot take it, a log line with the same record), and at most one
// attempt per finding reaches Google (the claim in SQLite).

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { type Claim, claimFinding, claimStaleBefore, markRemediated, releaseClaim } from '../audit/claims.js';
import { type Finding, getFinding } from '../audit/findings.js';
import type { SuggestedAction } from '../audit/model.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import type { PerformOutcome } from './actions/action.js';
import { remediationAction } from './actions/index.js';
import { type AttemptRecord, type AttemptResult, recordAttempt } from './attemptLog.js';
import type { Authorizer } from './authorize.js';
import type { RemediationPort } from './port.js';

/** What a remediation needs: the store and settings, who may act, and Google (the port's calls). */
export interface RemediationDeps extends RemediationPort {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  authorizer: Authorizer;
  /** Aborted when the process is stopping: a click still waiting on Google's operation ends at once. */
  stopping?: AbortSignal;
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

const STOPPED = Symbol('stopping');

export async function remediateFinding(
  deps: RemediationDeps,
  request: RemediationRequest,
): Promise<RemediationOutcome> {
  const { store, config, clock, log } = deps;
  const mode = config.remediation.mode;
  const { findingId, action, userId } = request;
  const finding = getFinding(store, findingId);
  const at = () => clock.now();
  // Bookkeeping that failed (a full disk, a read-only file): the click's outcome stands, and says so.
  const storeProblems: string[] = [];
  const bookkeep = <T>(write: () => T): T | undefined => {
    try {
      return write();
    } catch (err) {
      storeProblems.push((err as Error).message);
      return undefined;
    }
  };
  const finish = (
    result: AttemptResult,
    message: string,
    detail: string | null,
    actedBy: string | null = null,
  ): RemediationOutcome => {
    const now = at();
    const resource = finding?.resource ?? `finding ${findingId}`;
    const attempt: AttemptRecord = { findingId, at: now, userId, action, resource, mode, result, detail };
    bookkeep(() => recordAttempt(store, attempt));
    log.info({ findingId, action, userId, mode, result, detail }, 'remediation attempt');
    if (storeProblems.length > 0) {
      log.error(
        { ...attempt, at: now.toISOString(), storeError: storeProblems.join('; ') },
        'remediation attempt not stored in the database; this line is its record',
      );
    }
    const told =
      storeProblems.length === 0
        ? message
        : `${message} burnrate could not record this in its database (${storeProblems[0]}); its log keeps the record.`;
    const current = bookkeep(() => getFinding(store, findingId)) ?? finding;
    return { result, message: told, finding: current, actedBy, at: now.toISOString() };
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
  if (deps.stopping?.aborted) {
    return finish('refused', `burnrate is stopping; try again in a minute.`, 'process stopping');
  }

  const now = at();
  const staleBefore = claimStaleBefore(now, config.remediation.operationTimeoutSeconds);
  const claim = bookkeep(() => claimFinding(store, findingId, userId, now, staleBefore));
  if (!claim) {
    return finish(
      'failed',
      `Could not ${what}: nothing was changed at Google, because the finding could not be claimed.`,
      `claim not written: ${storeProblems[0] ?? 'unknown'}`,
    );
  }
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
  const giveBack = () => bookkeep(() => releaseClaim(store, findingId, claim.claim));

  let outcome: PerformOutcome | typeof STOPPED;
  try {
    const timeoutMs = config.remediation.operationTimeoutSeconds * 1000;
    const ctx = { port: deps, now, timeoutMs };
    const check = await spec.recheck(finding, ctx);
    if (!check.ok) {
      giveBack();
      return finish('refused', `Did not ${what}: ${check.reason}.`, check.reason);
    }
    if (mode === 'dry-run') {
      giveBack();
      return finish('dry-run', `Dry run: would ${what}. Nothing was changed.`, check.detail);
    }
    outcome = await untilStopping(spec.perform(finding, ctx, check), deps.stopping);
  } catch (err) {
    giveBack();
    const message = (err as Error).message;
    return finish('failed', `Could not ${what}: ${message}`, message);
  }
  // Google has answered (or we stopped waiting): from here on a bookkeeping failure must not hide what happened.
  return settle(outcome, claim.claim);

  function settle(done: PerformOutcome | typeof STOPPED, held: Claim): RemediationOutcome {
    if (done === STOPPED) {
      // The operation may still finish; the claim stays until the audit finds it stale and releases it.
      return finish(
        'timeout',
        `Started, but burnrate was stopping before Google finished (${what}); the operation may still complete, and the audit settles the finding once the claim is stale.`,
        'process stopping while the operation ran',
      );
    }
    if (done.result === 'ok') {
      const marked = bookkeep(() => markRemediated(store, findingId, held, at()));
      if (marked === false) {
        const holder = bookkeep(() => getFinding(store, findingId))?.claimedBy ?? null;
        const why = holder ? ` (now held by ${holder})` : '';
        return finish(
          'ok',
          `Done: ${done.summary}. The finding was not marked remediated: this click no longer held it${why}.`,
          `${done.summary}; finding not marked remediated: the claim was no longer held${why}`,
          userId,
        );
      }
      return finish('ok', `Done: ${done.summary}.`, done.summary, userId);
    }
    if (done.result === 'timeout') {
      // The operation may still finish: keep the claim so nobody fires it again until it goes stale.
      return finish(
        'timeout',
        `Started, but Google had not finished after ${config.remediation.operationTimeoutSeconds} s: ${done.summary}.`,
        done.summary,
      );
    }
    giveBack();
    return finish(done.result, `Could not ${what}: ${done.summary}.`, done.summary);
  }
}

/** The work's result, or STOPPED as soon as `signal` aborts (the work goes on unobserved). */
function untilStopping<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof STOPPED> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      // A failure that arrives after we stopped listening must not become an unhandled rejection.
      work.catch(() => {});
      resolve(STOPPED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

// Snooze and "Not waste" from Slack (or the demo): who may do them (remediation.allow.triage), the change, and a
// triage_log row for every attempt, allowed or not. They change what burnrate alerts about, not the cloud, but
// "not waste" silences an alert for good, so they are authorized like the action buttons.

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import { type Finding, getFinding } from '../audit/findings.js';
import {
  allowFinding,
  recordTriage,
  snoozeFinding,
  type TriageAction,
  type TriageActor,
  type TriageResult,
} from '../audit/triage.js';
import type { Store } from '../db/open.js';
import type { Authorizer } from './authorize.js';

const HOUR_MS = 3_600_000;

export interface TriageDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  authorizer: Authorizer;
}

export type TriageRequest = { findingId: number; actor: TriageActor } & (
  | { action: 'snooze'; hours: number }
  | { action: 'not-waste'; reason: string }
);

export interface TriageOutcome {
  result: TriageResult;
  /** What to tell the person (refusals); empty when it went through. */
  message: string;
  finding: Finding | null;
  /** When a snooze ends. */
  until: Date | null;
  at: Date;
}

const DOING: Record<TriageAction, string> = {
  snooze: 'snooze findings',
  'not-waste': 'mark findings not waste',
};

/**
 * Whether the person may snooze or mark findings not waste; a refusal is logged and comes back as the message
 * to show (null when allowed). The "Not waste…" button asks before opening its form.
 */
export async function triageRefusal(
  deps: TriageDeps,
  findingId: number,
  action: TriageAction,
  actor: TriageActor,
): Promise<string | null> {
  const auth = await deps.authorizer.authorize(actor.userId, 'triage');
  if (auth.allowed) return null;
  recordTriage(deps.store, {
    findingId,
    at: deps.clock.now(),
    actor,
    action,
    result: 'unauthorized',
    detail: auth.detail,
  });
  deps.log.info({ findingId, userId: actor.userId, action, detail: auth.detail }, 'triage refused');
  return `You are not allowed to ${DOING[action]}. Ask someone listed under remediation.allow.triage.`;
}

/** Authorizes, applies and logs one snooze or "not waste". */
export async function triageFinding(deps: TriageDeps, request: TriageRequest): Promise<TriageOutcome> {
  const { store, clock, log } = deps;
  const { findingId, actor, action } = request;
  const at = clock.now();
  const until = request.action === 'snooze' ? new Date(at.getTime() + request.hours * HOUR_MS) : null;
  const outcome = (result: TriageResult, message: string): TriageOutcome => ({
    result,
    message,
    finding: getFinding(store, findingId),
    until,
    at,
  });
  const refusal = await triageRefusal(deps, findingId, action, actor);
  if (refusal) return outcome('unauthorized', refusal);
  const done =
    request.action === 'snooze'
      ? snoozeFinding(store, findingId, until as Date, actor, at)
      : allowFinding(store, findingId, request.reason, actor, at);
  if (!done) {
    const status = getFinding(store, findingId)?.status ?? 'gone';
    recordTriage(store, { findingId, at, actor, action, result: 'refused', detail: `finding is ${status}` });
    const verb = action === 'snooze' ? 'snooze' : 'mark';
    return outcome('refused', `This finding is ${status}; there is nothing to ${verb}.`);
  }
  log.info(
    { findingId, userId: actor.userId, action, until: until?.toISOString() },
    action === 'snooze' ? 'finding snoozed' : 'finding marked not waste',
  );
  return outcome('ok', '');
}

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SuggestedAction } from '../../../audit/model.js';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { formatInstant, settledAlertMessage } from '../../../delivery/blocks/alert.js';
import { clickReply, remediatedNote, remediationProblemText } from '../../../delivery/blocks/alertNotes.js';
import { remediationAction } from '../../../remediate/actions/index.js';
import { recordAttempt } from '../../../remediate/attemptLog.js';
import type { Authorizer } from '../../../remediate/authorize.js';
import { remediateFinding } from '../../../remediate/remediateFinding.js';
import type { SlackDeps } from '../../deps.js';
import { alertClick, boundFinding, tellClicker } from './alertContext.js';

/**
 * Undeploy / Scale / Cancel on an alert. Acknowledged at once; the outcome updates the alert (success), goes
 * to the thread (Google failed), or comes back privately to the person who clicked (refused, not allowed,
 * someone else already acting).
 */
export function remediateButton(deps: SlackDeps, authorizer: Authorizer, action: SuggestedAction) {
  return async ({
    ack,
    body,
    action: button,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    await deps.ackFirst.afterAck();
    const click = alertClick(body, button);
    // Outcome texts carry display names and Google's errors: escaped, with only the mention of who acted kept.
    const tell = async (text: string, mentionable: string | null = null) => {
      try {
        await tellClicker(client, click, clickReply(text, mentionable));
      } catch (err) {
        deps.log.error({ err: (err as Error).message }, 'could not answer an alert click');
      }
    };
    const record = (findingId: number, resource: string, result: 'failed' | 'refused', detail: string) =>
      recordAttempt(deps.store, {
        findingId,
        at: deps.clock.now(),
        userId: click.userId,
        action,
        resource,
        mode: deps.config.remediation.mode,
        result,
        detail,
      });
    try {
      const bound = boundFinding(deps.store, click, click);
      if (!bound.ok) {
        if (click.findingId !== null) {
          const resource = bound.finding?.resource ?? `finding ${click.findingId}`;
          record(click.findingId, resource, 'refused', bound.detail);
        }
        await tell(bound.refusal);
        return;
      }
      const finding = bound.finding;
      const port = deps.remediation;
      if (!port) {
        record(finding.id, finding.resource, 'failed', 'Google Cloud is not configured for this bot');
        await tell('Google Cloud is not configured for this bot, so it cannot act on findings.');
        return;
      }
      const outcome = await deps.inFlight.track(
        remediateFinding(
          {
            store: deps.store,
            config: deps.config,
            clock: deps.clock,
            log: deps.log,
            authorizer,
            stopping: deps.inFlight.signal,
            ...port,
          },
          { findingId: finding.id, action, userId: click.userId },
        ),
      );
      if (outcome.result === 'ok' && outcome.finding) {
        const when = formatInstant(outcome.at, deps.config.timezone);
        const note = remediatedNote(remediationAction(action).pastTense, click.userId, when, outcome.message);
        await updateAlertMessages(
          { store: deps.store, log: deps.log, client },
          outcome.finding.id,
          settledAlertMessage(outcome.finding, note, deps.config.timezone, deps.config.currency),
          { channel: click.channel, ts: click.ts },
        );
        return;
      }
      if ((outcome.result === 'failed' || outcome.result === 'timeout') && click.channel && click.ts) {
        await client.chat.postMessage({
          channel: click.channel,
          thread_ts: click.ts,
          ...remediationProblemText(click.userId, action, outcome.message),
        });
        return;
      }
      await tell(outcome.message, outcome.actedBy);
    } catch (err) {
      // Nothing here may take the bot down: the person hears that it failed, the log has why.
      deps.log.error(
        { err: (err as Error).message, findingId: click.findingId, action },
        'remediation click failed',
      );
      await tell(`Something went wrong handling that click: ${(err as Error).message}`);
    }
  };
}

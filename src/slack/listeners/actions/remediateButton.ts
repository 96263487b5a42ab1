import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { getFinding } from '../../../audit/findings.js';
import type { SuggestedAction } from '../../../audit/model.js';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { formatInstant, settledAlertMessage } from '../../../delivery/blocks/alert.js';
import { clickReply, remediatedNote, remediationProblemText } from '../../../delivery/blocks/alertNotes.js';
import { remediationAction } from '../../../remediate/actions/index.js';
import { recordAttempt } from '../../../remediate/attemptLog.js';
import type { Authorizer } from '../../../remediate/authorize.js';
import { remediateFinding } from '../../../remediate/remediateFinding.js';
import type { SlackDeps } from '../../deps.js';
import { alertClick, tellClicker } from './alertContext.js';

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
    const click = alertClick(body, button);
    // Outcome texts carry display names and Google's errors: escaped, with only the mention of who acted kept.
    const tell = async (text: string, mentionable: string | null = null) => {
      try {
        await tellClicker(client, click, clickReply(text, mentionable));
      } catch (err) {
        deps.log.error({ err: (err as Error).message }, 'could not answer an alert click');
      }
    };
    if (click.findingId === null) {
      await tell('That button does not name a finding burnrate knows.');
      return;
    }
    const port = deps.remediation;
    if (!port) {
      recordAttempt(deps.store, {
        findingId: click.findingId,
        at: deps.clock.now(),
        userId: click.userId,
        action,
        resource: getFinding(deps.store, click.findingId)?.resource ?? `finding ${click.findingId}`,
        mode: deps.config.remediation.mode,
        result: 'failed',
        detail: 'Google Cloud is not configured for this bot',
      });
      await tell('Google Cloud is not configured for this bot, so it cannot act on findings.');
      return;
    }
    try {
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
          { findingId: click.findingId, action, userId: click.userId },
        ),
      );
      if (outcome.result === 'ok' && outcome.finding) {
        const when = formatInstant(outcome.at, deps.config.timezone);
        const note = remediatedNote(remediationAction(action).pastTense, click.userId, when, outcome.message);
        await updateAlertMessages(
          { store: deps.store, log: deps.log, client },
          outcome.finding.id,
          settledAlertMessage(outcome.finding, note, deps.config.timezone),
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

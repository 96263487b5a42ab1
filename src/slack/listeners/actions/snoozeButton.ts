import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { alertMessage, formatInstant } from '../../../delivery/blocks/alert.js';
import { clickReply, snoozedNote } from '../../../delivery/blocks/alertNotes.js';
import { triageFinding } from '../../../remediate/triage.js';
import type { SlackDeps } from '../../deps.js';
import { actorOf, alertClick, boundFinding, tellClicker } from './alertContext.js';

/**
 * Snooze 24 h / 7 d: no re-alert until then; the alert says who snoozed it and until when. Only people listed
 * under remediation.allow.triage may; every attempt is kept in triage_log.
 */
export function snoozeButton(deps: SlackDeps, hours: number) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    await deps.ackFirst.afterAck();
    const click = alertClick(body, action);
    try {
      const bound = boundFinding(deps.store, click, click);
      if (!bound.ok) {
        await tellClicker(client, click, clickReply(bound.refusal, null));
        return;
      }
      const outcome = await triageFinding(deps, {
        findingId: bound.finding.id,
        actor: actorOf(click),
        action: 'snooze',
        hours,
      });
      if (outcome.result !== 'ok' || !outcome.finding || !outcome.until) {
        await tellClicker(client, click, clickReply(outcome.message, null));
        return;
      }
      const until = formatInstant(outcome.until.toISOString(), deps.config.timezone);
      const note = snoozedNote(click.userId, until);
      await updateAlertMessages(
        { store: deps.store, log: deps.log, client },
        outcome.finding.id,
        alertMessage(outcome.finding, {
          mode: deps.config.remediation.mode,
          timeZone: deps.config.timezone,
          currency: deps.config.currency,
          note,
        }),
        { channel: click.channel, ts: click.ts },
      );
    } catch (err) {
      deps.log.error({ err: (err as Error).message, findingId: click.findingId }, 'snooze click failed');
    }
  };
}

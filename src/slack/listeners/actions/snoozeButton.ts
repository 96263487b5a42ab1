import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { getFinding, snoozeFinding } from '../../../audit/findings.js';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { alertMessage, formatInstant } from '../../../delivery/blocks/alert.js';
import { clickReply, snoozedNote } from '../../../delivery/blocks/alertNotes.js';
import type { SlackDeps } from '../../deps.js';
import { alertClick, boundFinding, tellClicker } from './alertContext.js';

/** Snooze 24 h / 7 d: no re-alert until then; the alert says who snoozed it and until when. */
export function snoozeButton(deps: SlackDeps, hours: number) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const click = alertClick(body, action);
    try {
      const bound = boundFinding(deps.store, click, click);
      if (!bound.ok) {
        await tellClicker(client, click, clickReply(bound.refusal, null));
        return;
      }
      const now = deps.clock.now();
      const until = new Date(now.getTime() + hours * 3_600_000);
      const ok = snoozeFinding(deps.store, bound.finding.id, until, click.userId, now);
      const finding = getFinding(deps.store, bound.finding.id);
      if (!ok || !finding) {
        await tellClicker(
          client,
          click,
          clickReply(
            finding
              ? `This finding is ${finding.status}; there is nothing to snooze.`
              : 'That finding no longer exists.',
            null,
          ),
        );
        return;
      }
      deps.log.info(
        { findingId: finding.id, userId: click.userId, until: until.toISOString() },
        'finding snoozed',
      );
      const note = snoozedNote(click.userId, formatInstant(until.toISOString(), deps.config.timezone));
      await updateAlertMessages(
        { store: deps.store, log: deps.log, client },
        finding.id,
        alertMessage(finding, { mode: deps.config.remediation.mode, timeZone: deps.config.timezone, note }),
        { channel: click.channel, ts: click.ts },
      );
    } catch (err) {
      deps.log.error({ err: (err as Error).message, findingId: click.findingId }, 'snooze click failed');
    }
  };
}

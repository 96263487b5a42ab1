import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { formatInstant, settledAlertMessage } from '../../../delivery/blocks/alert.js';
import { NOT_WASTE_REASON_BLOCK, NOT_WASTE_REASON_INPUT } from '../../../delivery/blocks/alertActions.js';
import { clickReply, notWasteNote } from '../../../delivery/blocks/alertNotes.js';
import {
  NOT_WASTE_REASON_MAX,
  NOT_WASTE_REASON_MIN,
  parseNotWasteMetadata,
} from '../../../delivery/blocks/notWasteModal.js';
import { triageFinding } from '../../../remediate/triage.js';
import type { SlackDeps } from '../../deps.js';
import { boundFinding, tellClicker } from '../actions/alertContext.js';

/**
 * The "Not waste" modal's Save: stores the reason, stops alerts for the finding, and says so on the alert. The
 * form's own problems are answered in the form; everything that needs the database or a Slack lookup comes
 * after the acknowledgement, and its refusals are told privately in the alert's channel.
 */
export function notWasteSubmission(deps: SlackDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const reason = (view.state.values[NOT_WASTE_REASON_BLOCK]?.[NOT_WASTE_REASON_INPUT]?.value ?? '').trim();
    if (reason.length < NOT_WASTE_REASON_MIN || reason.length > NOT_WASTE_REASON_MAX) {
      await ack({
        response_action: 'errors',
        errors: {
          [NOT_WASTE_REASON_BLOCK]: `Give a reason of ${NOT_WASTE_REASON_MIN}–${NOT_WASTE_REASON_MAX} characters, so others know why this is not waste.`,
        },
      });
      return;
    }
    const metadata = parseNotWasteMetadata(view.private_metadata);
    if (!metadata) {
      await ack({
        response_action: 'errors',
        errors: {
          [NOT_WASTE_REASON_BLOCK]: 'This form lost track of its finding; open it again from the alert.',
        },
      });
      return;
    }
    await ack();
    await deps.ackFirst.afterAck();
    const userId = body.user.id;
    const where = { channel: metadata.channel, userId };
    const tell = (text: string) => tellClicker(client, where, clickReply(text, null));
    try {
      const bound = boundFinding(deps.store, metadata, metadata);
      if (!bound.ok) {
        await tell(bound.refusal);
        return;
      }
      const outcome = await triageFinding(deps, {
        findingId: bound.finding.id,
        actor: { userId, teamId: body.team?.id ?? body.user.team_id ?? null, channel: metadata.channel },
        action: 'not-waste',
        reason,
      });
      if (outcome.result !== 'ok' || !outcome.finding) {
        await tell(outcome.message);
        return;
      }
      const note = notWasteNote(
        userId,
        formatInstant(outcome.at.toISOString(), deps.config.timezone),
        reason,
      );
      await updateAlertMessages(
        { store: deps.store, log: deps.log, client },
        outcome.finding.id,
        settledAlertMessage(outcome.finding, note, deps.config.timezone, deps.config.currency),
        metadata,
      );
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, findingId: metadata.findingId },
        'not-waste submission failed',
      );
    }
  };
}

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { allowFinding, getFinding } from '../../../audit/findings.js';
import { updateAlertMessages } from '../../../delivery/alerts.js';
import { formatInstant, settledAlertMessage } from '../../../delivery/blocks/alert.js';
import { NOT_WASTE_REASON_BLOCK, NOT_WASTE_REASON_INPUT } from '../../../delivery/blocks/alertActions.js';
import { notWasteNote } from '../../../delivery/blocks/alertNotes.js';
import {
  NOT_WASTE_REASON_MAX,
  NOT_WASTE_REASON_MIN,
  parseNotWasteMetadata,
} from '../../../delivery/blocks/notWasteModal.js';
import type { SlackDeps } from '../../deps.js';
import { boundFinding } from '../actions/alertContext.js';

/** The "Not waste" modal's Save: stores the reason, stops alerts for the finding, and says so on the alert. */
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
    const userId = body.user.id;
    const now = deps.clock.now();
    const bound = boundFinding(deps.store, metadata, metadata);
    if (!bound.ok) {
      await ack({ response_action: 'errors', errors: { [NOT_WASTE_REASON_BLOCK]: bound.refusal } });
      return;
    }
    if (!allowFinding(deps.store, metadata.findingId, reason, userId, now)) {
      const status = getFinding(deps.store, metadata.findingId)?.status ?? 'gone';
      await ack({
        response_action: 'errors',
        errors: { [NOT_WASTE_REASON_BLOCK]: `This finding is ${status} now; there is nothing to mark.` },
      });
      return;
    }
    await ack();
    deps.log.info({ findingId: metadata.findingId, userId }, 'finding marked not waste');
    const finding = getFinding(deps.store, metadata.findingId);
    if (!finding) return;
    const note = notWasteNote(userId, formatInstant(now.toISOString(), deps.config.timezone), reason);
    await updateAlertMessages(
      { store: deps.store, log: deps.log, client },
      finding.id,
      settledAlertMessage(finding, note, deps.config.timezone),
      metadata,
    );
  };
}

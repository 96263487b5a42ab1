import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { targetHash } from '../../../audit/targetHash.js';
import { clickReply } from '../../../delivery/blocks/alertNotes.js';
import { notWasteModal } from '../../../delivery/blocks/notWasteModal.js';
import { triageRefusal } from '../../../remediate/triage.js';
import type { SlackDeps } from '../../deps.js';
import { actorOf, alertClick, boundFinding, tellClicker } from './alertContext.js';

/**
 * "Not waste…": opens a modal asking why (for people listed under remediation.allow.triage); the views listener
 * stores the answer.
 */
export function notWasteButton(deps: SlackDeps) {
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
      const finding = bound.finding;
      // Asked before the form opens, so nobody types a reason only to be refused on Save.
      const refusal = await triageRefusal(deps, finding.id, 'not-waste', actorOf(click));
      if (refusal) {
        await tellClicker(client, click, clickReply(refusal, null));
        return;
      }
      await client.views.open({
        trigger_id: click.triggerId,
        view: notWasteModal(finding, {
          findingId: finding.id,
          targetHash: targetHash(finding),
          channel: click.channel,
          ts: click.ts,
        }),
      });
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, findingId: click.findingId },
        'could not open the not-waste modal',
      );
    }
  };
}

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { targetHash } from '../../../audit/targetHash.js';
import { clickReply } from '../../../delivery/blocks/alertNotes.js';
import { notWasteModal } from '../../../delivery/blocks/notWasteModal.js';
import type { SlackDeps } from '../../deps.js';
import { alertClick, boundFinding, tellClicker } from './alertContext.js';

/** "Not waste…": opens a modal asking why; the views listener stores the answer. */
export function notWasteButton(deps: SlackDeps) {
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
      const finding = bound.finding;
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

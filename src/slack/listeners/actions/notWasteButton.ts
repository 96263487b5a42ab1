import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { getFinding } from '../../../audit/findings.js';
import { clickReply } from '../../../delivery/blocks/alertNotes.js';
import { notWasteModal } from '../../../delivery/blocks/notWasteModal.js';
import type { SlackDeps } from '../../deps.js';
import { alertClick, tellClicker } from './alertContext.js';

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
      const finding = click.findingId === null ? null : getFinding(deps.store, click.findingId);
      if (!finding) {
        await tellClicker(client, click, clickReply('That finding no longer exists.', null));
        return;
      }
      await client.views.open({
        trigger_id: click.triggerId,
        view: notWasteModal(finding, { findingId: finding.id, channel: click.channel, ts: click.ts }),
      });
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, findingId: click.findingId },
        'could not open the not-waste modal',
      );
    }
  };
}

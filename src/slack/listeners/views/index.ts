import type { App } from '@slack/bolt';
import { NOT_WASTE_VIEW } from '../../../delivery/blocks/alertActions.js';
import type { SlackDeps } from '../../deps.js';
import { notWasteSubmission } from './notWasteSubmission.js';

/** View submissions and closes (modals): one handler per file in this folder, registered here. */
export function register(app: App, deps: SlackDeps): void {
  app.view(NOT_WASTE_VIEW, notWasteSubmission(deps));
}

import type { App } from '@slack/bolt';
import { ALERT_ACTIONS, SNOOZE_HOURS } from '../../../delivery/blocks/alertActions.js';
import { SUGGESTION_ACTION_RE } from '../../../delivery/blocks/answer.js';
import { REMEDIATION_ACTIONS } from '../../../remediate/actions/index.js';
import type { SlackDeps } from '../../deps.js';
import { askSuggestionButton } from './askSuggestionButton.js';
import { notWasteButton } from './notWasteButton.js';
import { remediateButton } from './remediateButton.js';
import { snoozeButton } from './snoozeButton.js';

/** Block actions (buttons, menus): one handler per file in this folder, registered here. */
export function register(app: App, deps: SlackDeps): void {
  for (const action of Object.values(REMEDIATION_ACTIONS)) {
    app.action(action.buttonId, remediateButton(deps, deps.authorizer, action.id));
  }
  app.action(ALERT_ACTIONS.snooze24h, snoozeButton(deps, SNOOZE_HOURS[ALERT_ACTIONS.snooze24h]));
  app.action(ALERT_ACTIONS.snooze7d, snoozeButton(deps, SNOOZE_HOURS[ALERT_ACTIONS.snooze7d]));
  app.action(ALERT_ACTIONS.notWaste, notWasteButton(deps));
  app.action(SUGGESTION_ACTION_RE, askSuggestionButton(deps));
}

import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { appHomeOpened } from './appHomeOpened.js';
import { appMention } from './appMention.js';
import { directMessage } from './directMessage.js';

/** Events API: mentions, direct messages and the App Home tab. */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', appMention(deps));
  app.event('message', directMessage(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}

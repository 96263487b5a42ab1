import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { askCommand } from './askCommand.js';

/** Slash commands: the configured command (default /burnrate) answers questions. */
export function register(app: App, deps: SlackDeps): void {
  app.command(deps.config.slack.commandName, askCommand(deps));
}

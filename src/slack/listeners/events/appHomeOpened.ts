import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { closedHomeView } from '../../../delivery/blocks/home.js';
import { publishHome } from '../../../delivery/home.js';
import { NOT_AN_ASKER } from '../../askers.js';
import type { SlackDeps } from '../../deps.js';

/**
 * Opening the app's Home tab publishes a fresh summary for that user, within slack.defaultScope, with its chart of
 * the month's spend by kind; someone not among the askers sees only who may ask.
 */
export function appHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const asker = await deps.askers(event.user);
    if (!asker.allowed) {
      await client.views.publish({ user_id: event.user, view: closedHomeView(NOT_AN_ASKER) });
      return;
    }
    const summary = await deps.answers.home(deps.config.slack.defaultScope, deps.clock.now());
    const fontFile = deps.config.digest.chartFontFile;
    const timeoutMs = deps.config.slack.timeoutMs;
    await publishHome(
      {
        client,
        store: deps.store,
        log: deps.log,
        clock: deps.clock,
        render: deps.charts,
        fontFile,
        timeoutMs,
      },
      event.user,
      summary,
    );
  };
}

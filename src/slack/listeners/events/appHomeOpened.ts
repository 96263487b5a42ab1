import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeSummary } from '../../../ask/home.js';
import { homeView } from '../../../delivery/blocks/home.js';
import type { SlackDeps } from '../../deps.js';

/** Opening the app's Home tab publishes a fresh summary for that user. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const summary = await buildHomeSummary({
      store: deps.store,
      config: deps.config,
      clock: deps.clock,
      log: deps.log,
    });
    await client.views.publish({ user_id: event.user, view: homeView(summary) });
  };
}

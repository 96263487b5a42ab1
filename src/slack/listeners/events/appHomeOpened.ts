import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeSummary } from '../../../ask/home.js';
import { publishHome } from '../../../delivery/home.js';
import type { SlackDeps } from '../../deps.js';

/** Opening the app's Home tab publishes a fresh summary for that user, with the day's chart of spend by kind. */
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
    const fontFile = deps.config.digest.chartFontFile;
    await publishHome(
      { client, store: deps.store, log: deps.log, clock: deps.clock, fontFile },
      event.user,
      summary,
    );
  };
}

// The App Home view: month to date with forecast, top cost drivers, open findings, last sync.
import type { types } from '@slack/bolt';
import type { HomeSummary } from '../../ask/home.js';
import { formatMoney, formatShare } from '../../money/format.js';
import { formatDay, formatRange } from '../../time/days.js';
import { escapeName } from './escape.js';
import { clip, fitNames, HEADER_TEXT_MAX, HOME_VIEW_BLOCKS_MAX, SECTION_TEXT_MAX } from './limits.js';

type KnownBlock = types.KnownBlock;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT_MAX) },
});

export function homeView(s: HomeSummary): types.HomeView {
  const year = Number(s.today.slice(0, 4));
  const mtd = s.monthToDate;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip('Vertex AI spend', HEADER_TEXT_MAX) } },
    section(
      `*Month to date (${formatRange(mtd.period.start, mtd.period.end, year)}):* ${formatMoney(mtd.total)}` +
        `${mtd.estimatedDays.length ? ` (${formatMoney(mtd.estimated)} of it estimated)` : ''}\n` +
        `*Forecast for the month:* ${formatMoney(s.forecast.forecast)} (likely ${formatMoney(s.forecast.low)} – ${formatMoney(s.forecast.high)})`,
    ),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            escapeName(
              `${s.actualThrough ? `Billing export through ${formatDay(s.actualThrough, year)}` : 'No billing export data yet'}; ${s.forecast.basis}. Days in ${s.timezone}.`,
            ),
            SECTION_TEXT_MAX,
          ),
        },
      ],
    },
    { type: 'divider' },
    section(
      s.topDrivers.length
        ? fitNames(
            SECTION_TEXT_MAX,
            s.topDrivers.map((d) => escapeName(d.key)),
            (keys) =>
              `*Top cost drivers this month*\n${s.topDrivers
                .map((d, i) => `• ${keys[i]}: ${formatMoney(d.cost)} (${formatShare(d.share)})`)
                .join('\n')}`,
          )
        : '*Top cost drivers this month*\nNo spend recorded yet.',
    ),
    { type: 'divider' },
    section(
      `*Open findings:* ${s.openFindings}${s.openFindings ? ` (worth ${formatMoney(s.openFindingsPerDay)} per day)` : ''}`,
    ),
    section(
      s.lastSync
        ? `*Last sync:* ${s.lastSync.at.slice(0, 16).replace('T', ' ')} UTC — ${s.lastSync.ok ? `ok (${s.lastSync.scopes} scopes)` : `${s.lastSync.failedScopes} of ${s.lastSync.scopes} scopes failed: ${escapeName(s.lastSync.error ?? 'unknown error')}`}`
        : '*Last sync:* none yet',
    ),
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Ask me anything: DM me, mention me, or use the slash command. Try "help".' },
      ],
    },
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_VIEW_BLOCKS_MAX) };
}

/** The Home tab for someone burnrate does not answer: why, and nothing else. */
export function closedHomeView(why: string): types.HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip('Vertex AI spend', HEADER_TEXT_MAX) } },
      section(escapeName(why)),
    ],
  };
}

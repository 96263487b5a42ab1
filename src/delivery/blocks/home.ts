// The App Home view: month to date with forecast (and its chart by kind, once uploaded), top cost drivers, open
// findings, last sync.
import type { types } from '@slack/bolt';
import type { HomeSummary } from '../../ask/home.js';
import { formatMoney, formatMoneyRange, formatShare, lineMoney } from '../../money/format.js';
import type { BarChartData } from '../../report/chartData.js';
import { chartAltText } from '../../report/chartText.js';
import { formatDay, formatRange } from '../../time/days.js';
import { escapeName, plainName } from './escape.js';
import {
  clip,
  fitNames,
  HEADER_TEXT_MAX,
  HOME_VIEW_BLOCKS_MAX,
  IMAGE_ALT_TEXT_MAX,
  IMAGE_TITLE_MAX,
  SECTION_TEXT_MAX,
} from './limits.js';

type KnownBlock = types.KnownBlock;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT_MAX) },
});

/** A month-by-kind chart uploaded to Slack (a PNG file the app can read), with the figures it was drawn from. */
export interface HomeChartImage {
  fileId: string;
  chart: BarChartData;
  /** When it was drawn (RFC 3339): the figures above it may have moved since. */
  drawnAt: string;
}

/** The Home tab for a summary; with `chart`, its picture under the month's figures, else none. */
export function homeView(s: HomeSummary, chart?: HomeChartImage): types.HomeView {
  const year = Number(s.today.slice(0, 4));
  const mtd = s.monthToDate;
  const money = (amount: number) => formatMoney(amount, s.currency);
  const soFar = lineMoney(s.currency, mtd.total, mtd.estimated);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip('Vertex AI spend', HEADER_TEXT_MAX) } },
    section(
      `*Month to date (${formatRange(mtd.period.start, mtd.period.end, year)}):* ${soFar(mtd.total)}` +
        `${mtd.estimatedDays.length ? ` (${soFar(mtd.estimated)} of it estimated)` : ''}\n` +
        `*Forecast for the month:* ${money(s.forecast.forecast)} (likely ${formatMoneyRange(s.forecast.low, s.forecast.high, s.currency)})`,
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
    ...(chart ? [chartBlock(chart)] : []),
    { type: 'divider' },
    section(
      s.topDrivers.length
        ? fitNames(
            SECTION_TEXT_MAX,
            s.topDrivers.map((d) => escapeName(d.key)),
            (keys) =>
              `*Top cost drivers this month*\n${s.topDrivers
                .map((d, i) => `• ${keys[i]}: ${money(d.cost)} (${formatShare(d.share)})`)
                .join('\n')}`,
          )
        : '*Top cost drivers this month*\nNo spend recorded yet.',
    ),
    { type: 'divider' },
    section(
      `*Open findings:* ${s.openFindings}${s.openFindings ? ` (worth ${money(s.openFindingsPerDay)} per day)` : ''}`,
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

/**
 * An image block showing an uploaded file (slack_file by id), described for screen readers by the figures it was
 * drawn from, its title saying when (UTC, as the last sync is shown); both texts escaped as every text Slack shows.
 */
function chartBlock({ fileId, chart, drawnAt }: HomeChartImage): KnownBlock {
  const asOf = `as of ${drawnAt.slice(11, 16)} UTC`;
  return {
    type: 'image',
    slack_file: { id: fileId },
    alt_text: clip(plainName(`${chartAltText(chart)} (${asOf})`), IMAGE_ALT_TEXT_MAX),
    title: { type: 'plain_text', text: clip(plainName(`${chart.title}, ${asOf}`), IMAGE_TITLE_MAX) },
  };
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

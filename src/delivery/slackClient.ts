// The one way burnrate builds a Slack Web API client: the bot token, SLACK_API_URL, and bounded retries. The Bolt
// app's own client takes the same options (src/slack/app.ts), so every call to Slack behaves alike.
import { webApi } from '@slack/bolt';
import type { RuntimeEnv } from '../config/env.js';

export type SlackClient = webApi.WebClient;

// Retries for network errors and 5xx: a few quick ones, so a job or a click fails in seconds, not half an hour.
const NETWORK_RETRY = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 };

export class SlackPostError extends Error {
  override name = 'SlackPostError';
}

export interface SlackClientOptions {
  /**
   * True for scheduled posting, which waits out 429s itself (withRateLimitRetry, bounded); false for the Bolt
   * app, whose client sleeps as Slack asks.
   */
  rejectRateLimitedCalls: boolean;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Options for a Web API client pointed at SLACK_API_URL (when set). */
export function slackClientOptions(env: RuntimeEnv, opts: SlackClientOptions): webApi.WebClientOptions {
  const apiUrl = env.slack.apiUrl;
  return {
    ...(apiUrl ? { slackApiUrl: withTrailingSlash(apiUrl) } : {}),
    rejectRateLimitedCalls: opts.rejectRateLimitedCalls,
    retryConfig: NETWORK_RETRY,
  };
}

/** A Web API client for the bot token that reports rate limits instead of sleeping on them. */
export function createSlackClient(env: RuntimeEnv): SlackClient {
  if (!env.slack.botToken)
    throw new SlackPostError('SLACK_BOT_TOKEN (environment) is not set; cannot post to Slack');
  return new webApi.WebClient(env.slack.botToken, slackClientOptions(env, { rejectRateLimitedCalls: true }));
}

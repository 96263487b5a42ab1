// The one way burnrate builds a Slack Web API client: the bot token, SLACK_API_URL, bounded retries and a deadline
// on every call. The Bolt app's own client takes the same options (src/slack/app.ts), so every call to Slack — the
// Web API, the response URL of a slash command (Bolt posts it with the client's fetch) — behaves alike.
import { webApi } from '@slack/bolt';
import type { RuntimeEnv } from '../config/env.js';

export type SlackClient = webApi.WebClient;

// Retries for network errors (a deadline passed included) and 5xx: a few quick ones, so a job or a click fails in
// seconds, not half an hour.
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
  /** Deadline of one attempt of one call (slack.timeoutMs). */
  timeoutMs: number;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** fetch with a deadline: the request is aborted after `timeoutMs` (or sooner, if its own signal says so). */
export function fetchWithin(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}

/** Options for a Web API client pointed at SLACK_API_URL (when set). */
export function slackClientOptions(env: RuntimeEnv, opts: SlackClientOptions): webApi.WebClientOptions {
  const apiUrl = env.slack.apiUrl;
  return {
    ...(apiUrl ? { slackApiUrl: withTrailingSlash(apiUrl) } : {}),
    rejectRateLimitedCalls: opts.rejectRateLimitedCalls,
    retryConfig: NETWORK_RETRY,
    timeout: opts.timeoutMs,
    fetch: fetchWithin(opts.timeoutMs),
  };
}

/** A Web API client for the bot token that reports rate limits instead of sleeping on them. */
export function createSlackClient(env: RuntimeEnv, timeoutMs: number): SlackClient {
  if (!env.slack.botToken)
    throw new SlackPostError('SLACK_BOT_TOKEN (environment) is not set; cannot post to Slack');
  return new webApi.WebClient(
    env.slack.botToken,
    slackClientOptions(env, { rejectRateLimitedCalls: true, timeoutMs }),
  );
}

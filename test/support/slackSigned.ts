// Builds requests the way Slack sends them (v0 HMAC signature over "v0:timestamp:body") and posts them to the
// app's HTTP port, so tests exercise Bolt's real verification and routing.
import { createHmac } from 'node:crypto';

export const DEFAULT_TEAM_ID = 'T0FAKE001';
export const DEFAULT_APP_ID = 'A0BURNRATE';

export interface SignedRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. Use an old value to test stale requests. */
  timestamp?: number;
  /** Sign with this secret instead (a wrong signature). */
  secretOverride?: string;
  /** Leave these headers out. */
  omit?: ReadonlyArray<'signature' | 'timestamp'>;
  headers?: Record<string, string>;
}

export interface PostResult {
  status: number;
  text: string;
  json: unknown;
}

/** The x-slack-signature value for a body. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface SlashCommandFields {
  command?: string;
  text: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  enterprise_id?: string;
  api_app_id?: string;
  response_url: string;
  trigger_id?: string;
}

export function slashCommandRequest(fields: SlashCommandFields): SignedRequest {
  const full: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: DEFAULT_TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0FAKE001',
    channel_name: 'ml-costs',
    user_id: 'U0ASKER01',
    user_name: 'asker',
    command: '/burnrate',
    api_app_id: DEFAULT_APP_ID,
    is_enterprise_install: 'false',
    trigger_id: '1337.42.abcd',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
  return { body: new URLSearchParams(full).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface EventEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  apiAppId?: string;
  enterpriseId?: string;
  eventTime?: number;
}

let eventCounter = 0;

/** An Events API `event_callback` envelope around `event`. */
export function eventRequest(event: Record<string, unknown>, opts: EventEnvelopeOptions = {}): SignedRequest {
  eventCounter += 1;
  const teamId = opts.teamId ?? DEFAULT_TEAM_ID;
  const envelope: Record<string, unknown> = {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: opts.apiAppId ?? DEFAULT_APP_ID,
    event: { event_ts: `${nowSeconds()}.000${eventCounter}`, ...event },
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${String(Date.now()).slice(-8)}${eventCounter}`,
    event_time: opts.eventTime ?? nowSeconds(),
    authorizations: [{ team_id: teamId, user_id: 'U0FAKEBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  if (opts.enterpriseId) envelope.enterprise_id = opts.enterpriseId;
  return { body: JSON.stringify(envelope), contentType: 'application/json' };
}

/** An interactivity payload (block_actions, view_submission, …) sent as form field `payload`. */
export function interactivityRequest(payload: Record<string, unknown>): SignedRequest {
  const full = {
    team: { id: DEFAULT_TEAM_ID, domain: 'fake' },
    api_app_id: DEFAULT_APP_ID,
    token: 'legacy-verification-token',
    ...payload,
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(full) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

export function urlVerificationRequest(challenge: string): SignedRequest {
  return {
    body: JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' }),
    contentType: 'application/json',
  };
}

/** POSTs a request to `url` (e.g. http://127.0.0.1:PORT/slack/events) with Slack's signature headers. */
export async function postSigned(
  url: string,
  secret: string,
  request: SignedRequest,
  opts: SignOptions = {},
): Promise<PostResult> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const headers: Record<string, string> = { 'content-type': request.contentType, ...opts.headers };
  if (!opts.omit?.includes('timestamp')) headers['x-slack-request-timestamp'] = String(timestamp);
  if (!opts.omit?.includes('signature')) {
    headers['x-slack-signature'] = slackSignature(opts.secretOverride ?? secret, timestamp, request.body);
  }
  const res = await fetch(url, { method: 'POST', headers, body: request.body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

/** Binds the events URL and signing secret once: `slack.command({...})`, `slack.event({...})`. */
export function slackSender(eventsUrl: string, secret: string) {
  return {
    command: (fields: SlashCommandFields, opts?: SignOptions) =>
      postSigned(eventsUrl, secret, slashCommandRequest(fields), opts),
    event: (event: Record<string, unknown>, envelope?: EventEnvelopeOptions, opts?: SignOptions) =>
      postSigned(eventsUrl, secret, eventRequest(event, envelope), opts),
    interaction: (payload: Record<string, unknown>, opts?: SignOptions) =>
      postSigned(eventsUrl, secret, interactivityRequest(payload), opts),
    urlVerification: (challenge: string, opts?: SignOptions) =>
      postSigned(eventsUrl, secret, urlVerificationRequest(challenge), opts),
    raw: (request: SignedRequest, opts?: SignOptions) => postSigned(eventsUrl, secret, request, opts),
  };
}

// Checks applied to every Slack request before any listener runs: where it comes from, whether it has a shape
// Slack sends, and whether this event was already handled (Slack retries deliveries it thinks failed).

export interface RequestOrigin {
  teamId: string | null;
  enterpriseId: string | null;
  appId: string | null;
  /**
   * The workspace of the person behind the request, where the payload says: an event's `user_team`, an
   * interaction's `user.team_id`. In a Slack Connect channel it is the guest's own workspace, not ours.
   */
  userTeamId: string | null;
}

export interface AllowedOrigin {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  appId?: string | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Team, enterprise and app ids a request claims, wherever its kind of payload keeps them. */
export function requestOrigin(body: unknown): RequestOrigin {
  if (!isObject(body)) return { teamId: null, enterpriseId: null, appId: null, userTeamId: null };
  const team = isObject(body.team) ? str(body.team.id) : null;
  const enterprise = isObject(body.enterprise) ? str(body.enterprise.id) : null;
  const view = isObject(body.view) ? body.view : null;
  const event = isObject(body.event) ? body.event : null;
  const user = isObject(body.user) ? body.user : null;
  return {
    teamId: str(body.team_id) ?? team ?? (view ? str(view.team_id) : null),
    enterpriseId: str(body.enterprise_id) ?? enterprise,
    appId: str(body.api_app_id) ?? (view ? str(view.app_id) : null),
    userTeamId: (event ? str(event.user_team) : null) ?? (user ? str(user.team_id) : null),
  };
}

/** Why a request must be refused (a workspace, enterprise or app other than the configured one), or null. */
export function originRefusal(origin: RequestOrigin, allowed: AllowedOrigin): string | null {
  if (allowed.teamId && origin.teamId !== allowed.teamId) {
    return `team ${origin.teamId ?? '(none)'} is not the configured workspace ${allowed.teamId}`;
  }
  // A Slack Connect guest acts in our workspace's channel but belongs to another: not someone burnrate serves.
  const ownUser =
    origin.userTeamId === null ||
    origin.userTeamId === allowed.teamId ||
    // Enterprise Grid names an org-level user's team by the organisation's id.
    (allowed.enterpriseId !== undefined && origin.userTeamId === allowed.enterpriseId);
  if (allowed.teamId && !ownUser) {
    return `the user's workspace ${origin.userTeamId} is not the configured workspace ${allowed.teamId} (a Slack Connect guest)`;
  }
  if (allowed.enterpriseId && origin.enterpriseId !== allowed.enterpriseId) {
    return `enterprise ${origin.enterpriseId ?? '(none)'} is not the configured enterprise ${allowed.enterpriseId}`;
  }
  if (allowed.appId && origin.appId !== allowed.appId) {
    return `app ${origin.appId ?? '(none)'} is not the configured app ${allowed.appId}`;
  }
  return null;
}

// Slack's window for a request's timestamp, both ways: a signed request older or newer than this is refused
// (https://api.slack.com/authentication/verifying-requests-from-slack), so a captured one cannot be replayed later.
export const REQUEST_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/**
 * Why a request's x-slack-request-timestamp is unacceptable at `nowMs`, or null. Bolt refuses only old ones; a
 * timestamp in the future would let a captured request be replayed until then.
 */
export function timestampProblem(header: string | string[] | undefined, nowMs: number): string | null {
  if (header === undefined) return null; // no header: the signature check refuses it
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isInteger(seconds)) return 'x-slack-request-timestamp is not a whole number of seconds';
  const skew = seconds - Math.floor(nowMs / 1000);
  if (Math.abs(skew) <= REQUEST_TIMESTAMP_WINDOW_SECONDS) return null;
  return `x-slack-request-timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'} (allowed: ${REQUEST_TIMESTAMP_WINDOW_SECONDS} s)`;
}

const INTERACTION_TYPES = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
  'workflow_step_edit',
]);

/** What is wrong with a (signature-verified) body, or null when it has a shape Slack sends. */
export function payloadProblem(body: unknown): string | null {
  if (!isObject(body)) return 'expected a JSON object or form fields';
  if (body.ssl_check === '1') return null;
  if (body.type === 'url_verification')
    return str(body.challenge) ? null : 'url_verification without a challenge';
  if (body.type === 'event_callback' || 'event' in body) {
    if (!isObject(body.event) || !str(body.event.type))
      return 'event_callback without an event object with a type';
    if (!str(body.event_id)) return 'event_callback without an event_id';
    return null;
  }
  if ('command' in body) {
    if (!str(body.command)?.startsWith('/')) return 'slash command without a command name';
    if (typeof body.text !== 'string') return 'slash command without text';
    return null;
  }
  if (typeof body.type === 'string' && INTERACTION_TYPES.has(body.type)) return null;
  return `unrecognized payload${typeof body.type === 'string' ? ` type ${JSON.stringify(body.type)}` : ''}`;
}

// Who may ask burnrate, wherever they ask (slash command, mention, DM, App Home): everyone in the workspace, or
// — when slack.askers lists users or user groups — only them. And what a question sees where it is asked.

import type { Clock } from '../app/clock.js';
import type { Config, Scope } from '../config/schema.js';
import { type AuthorizationResult, createAuthorizer } from '../remediate/authorize.js';

export type AskerCheck = (userId: string) => Promise<AuthorizationResult>;

/** What someone not on the list is told (never any figure). */
export const NOT_AN_ASKER =
  'You are not among the people who may ask burnrate (slack.askers). Whoever runs burnrate can add you, or a user group you are in.';

/** The askers check for a configuration; membership of listed user groups is looked up (and cached briefly). */
export function askerCheck(
  config: Config,
  clock: Clock,
  groupMembers: (groupId: string) => Promise<readonly string[]>,
): AskerCheck {
  const rule = config.slack.askers;
  if (rule.users.length === 0 && rule.userGroups.length === 0) {
    return async () => ({ allowed: true, detail: 'slack.askers is empty: everyone in the workspace' });
  }
  const authorizer = createAuthorizer({
    allow: { ask: rule },
    clock,
    groupMembers,
    keyOf: () => 'slack.askers',
  });
  return (userId) => authorizer.authorize(userId, 'ask');
}

/**
 * The slice a question sees where it is asked: a configured channel's own scope (empty: everything); anywhere
 * else — a DM, App Home, a channel not listed in slack.channels — slack.defaultScope, so inviting the bot into a
 * new channel shows no more than a DM does.
 */
export function scopeWhereAsked(config: Config, channelId: string | undefined): Scope {
  const channel = channelId ? config.slack.channels.find((c) => c.id === channelId) : undefined;
  return channel ? channel.scope : config.slack.defaultScope;
}

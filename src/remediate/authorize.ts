import type { Clock } from '../app/clock.js';
import type { Config, RemediationAction } from '../config/schema.js';

// Group membership changes rarely; a minute of caching turns a burst of clicks into one Slack lookup while
// a removal from the group still takes effect almost at once.
export const GROUP_CACHE_TTL_MS = 60_000;

export type AllowList = Config['remediation']['allow'];

/** Users and Slack user groups allowed something. */
export interface AllowRule {
  users: readonly string[];
  userGroups: readonly string[];
}

export interface AuthorizationResult {
  allowed: boolean;
  /** How the user qualified ("user list", "group S0…"), or why not. */
  detail: string;
}

export interface Authorizer<Action extends string = RemediationAction> {
  authorize(userId: string, action: Action): Promise<AuthorizationResult>;
}

export interface AuthorizerDeps<Action extends string = RemediationAction> {
  allow: Readonly<Record<Action, AllowRule>>;
  clock: Clock;
  /** Members of a Slack user group (usergroups.users.list). */
  groupMembers(groupId: string): Promise<readonly string[]>;
  ttlMs?: number;
  /** The config key of an action's rule, as messages name it (default remediation.allow.<action>). */
  keyOf?: (action: Action) => string;
}

/** Users listed for an action, or members of a listed user group, may perform it; nobody else. */
export function createAuthorizer<Action extends string = RemediationAction>(
  deps: AuthorizerDeps<Action>,
): Authorizer<Action> {
  const keyOf = deps.keyOf ?? ((action: Action) => `remediation.allow.${action}`);
  const ttl = deps.ttlMs ?? GROUP_CACHE_TTL_MS;
  const cache = new Map<string, { members: Promise<readonly string[]>; at: number }>();

  const membersOf = (groupId: string): Promise<readonly string[]> => {
    const now = deps.clock.now().getTime();
    const hit = cache.get(groupId);
    if (hit && now - hit.at < ttl) return hit.members;
    const members = deps.groupMembers(groupId);
    cache.set(groupId, { members, at: now });
    // A failed lookup is not cached: the next click asks again.
    members.catch(() => cache.delete(groupId));
    return members;
  };

  return {
    async authorize(userId, action) {
      const rule: AllowRule = deps.allow[action];
      if (rule.users.includes(userId)) return { allowed: true, detail: 'listed user' };
      const failures: string[] = [];
      for (const groupId of rule.userGroups) {
        try {
          if ((await membersOf(groupId)).includes(userId))
            return { allowed: true, detail: `member of ${groupId}` };
        } catch (err) {
          failures.push(`${groupId}: ${(err as Error).message}`);
        }
      }
      if (rule.users.length === 0 && rule.userGroups.length === 0) {
        return { allowed: false, detail: `nobody is allowed to ${action} (${keyOf(action)} is empty)` };
      }
      const lookup = failures.length > 0 ? ` (group lookup failed: ${failures.join('; ')})` : '';
      return { allowed: false, detail: `not in ${keyOf(action)}${lookup}` };
    },
  };
}

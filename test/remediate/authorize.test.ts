import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { configSchema } from '../../src/config/schema.js';
import { createAuthorizer, GROUP_CACHE_TTL_MS } from '../../src/remediate/authorize.js';

const allow = configSchema.parse({
  remediation: {
    allow: {
      undeploy: { users: ['UALICE001'], userGroups: ['SPLATFORM'] },
      cancel: { users: ['UBOB00001'] },
    },
  },
}).remediation.allow;

describe('remediation authorization', () => {
  it.each([
    { user: 'UALICE001', action: 'undeploy', allowed: true },
    { user: 'UCAROL001', action: 'undeploy', allowed: true }, // via the group
    { user: 'UBOB00001', action: 'undeploy', allowed: false },
    { user: 'UBOB00001', action: 'cancel', allowed: true },
    { user: 'UALICE001', action: 'cancel', allowed: false },
    { user: 'UALICE001', action: 'scale', allowed: false }, // nobody listed
  ] as const)('$user may $action: $allowed', async ({ user, action, allowed }) => {
    const authorizer = createAuthorizer({
      allow,
      clock: fixedClock(new Date(0)),
      groupMembers: async () => ['UCAROL001'],
    });
    expect((await authorizer.authorize(user, action)).allowed).toBe(allowed);
  });

  it('caches group membership briefly, then asks again', async () => {
    const clock = fixedClock(new Date(0));
    let lookups = 0;
    const authorizer = createAuthorizer({
      allow,
      clock,
      groupMembers: async () => {
        lookups += 1;
        return ['UCAROL001'];
      },
    });
    await Promise.all(Array.from({ length: 20 }, () => authorizer.authorize('UCAROL001', 'undeploy')));
    expect(lookups).toBe(1);
    clock.advance(GROUP_CACHE_TTL_MS + 1);
    await authorizer.authorize('UCAROL001', 'undeploy');
    expect(lookups).toBe(2);
  });

  it('a failed group lookup refuses (and is not cached)', async () => {
    let fail = true;
    const authorizer = createAuthorizer({
      allow,
      clock: fixedClock(new Date(0)),
      groupMembers: async () => {
        if (fail) throw new Error('ratelimited');
        return ['UCAROL001'];
      },
    });
    const refused = await authorizer.authorize('UCAROL001', 'undeploy');
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.detail).toContain('ratelimited');
    fail = false;
    expect((await authorizer.authorize('UCAROL001', 'undeploy')).allowed).toBe(true);
  });
});
